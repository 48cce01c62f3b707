import { parseInstant, toLocalIso } from './iso';

describe('ISO-8601 instants', () => {
  it('writes Vietnam time with +07:00', () => {
    expect(toLocalIso(Date.UTC(2026, 1, 25, 10, 0))).toBe('2026-02-25T17:00:00+07:00');
    expect(toLocalIso(Date.UTC(2026, 1, 25, 17, 30))).toBe('2026-02-26T00:30:00+07:00'); // crosses local midnight
    expect(toLocalIso(Date.UTC(2026, 1, 25, 10, 0, 5, 250))).toBe('2026-02-25T17:00:05.250+07:00');
  });

  it('reads any offset to the same instant', () => {
    const instant = Date.UTC(2026, 1, 25, 10, 0);
    for (const s of [
      '2026-02-25T17:00:00+07:00',
      '2026-02-25T17:00+07:00',
      '2026-02-25T17:00:00+0700',
      '2026-02-25T17:00:00+07',
      '2026-02-25T10:00:00Z',
      '2026-02-25T10:00:00.000z',
      '2026-02-25T05:00:00-05:00',
      '2026-02-25T15:30:00+05:30',
      '2026-02-25 17:00:00+07:00',
    ]) {
      expect(parseInstant(s)).toBe(instant);
    }
    expect(parseInstant('2026-02-25T17:00:00.1234+07:00')).toBe(instant + 123);
  });

  it('round-trips', () => {
    for (const s of ['2026-02-25T17:00:00+07:00', '2024-02-29T00:00:00+07:00', '2026-12-31T23:59:59.999+07:00']) {
      expect(toLocalIso(parseInstant(s))).toBe(s);
    }
  });

  it('never writes a year of more or fewer than four digits (RFC 3339)', () => {
    expect(toLocalIso(parseInstant('9999-12-31T16:59:59Z'))).toBe('9999-12-31T23:59:59+07:00');
    expect(() => toLocalIso(parseInstant('9999-12-31T23:59:59Z'))).toThrow(RangeError); // 10000-01-01 in Vietnam
    expect(() => toLocalIso(Date.UTC(-1, 0, 1))).toThrow(RangeError);
    expect(() => toLocalIso(NaN)).toThrow(RangeError);
  });

  it('refuses instants without an offset or with impossible fields', () => {
    for (const bad of [
      '2026-02-25T17:00:00',
      '2026-02-25',
      '2026-02-30T10:00:00Z',
      '2026-02-25T24:00:00Z',
      '2026-02-25T10:60:00Z',
      '2026-02-25T10:00:00+25:00',
      'yesterday',
    ]) {
      expect(() => parseInstant(bad)).toThrow(RangeError);
    }
  });
});
