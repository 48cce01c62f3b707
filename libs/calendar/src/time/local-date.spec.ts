import { formatLocalDate, parseLocalDate, weekdayOf, dayNumberOf } from './local-date';

describe('local dates', () => {
  it('round-trips dates across leap days and centuries', () => {
    for (const d of ['1970-01-01', '2000-02-29', '2024-02-29', '2026-12-31', '2100-03-01', '1969-12-31']) {
      expect(formatLocalDate(parseLocalDate(d))).toBe(d);
    }
    expect(parseLocalDate('1970-01-02')).toBe(1);
    expect(parseLocalDate('1969-12-31')).toBe(-1);
  });

  it('knows weekdays, also before 1970', () => {
    expect(weekdayOf(parseLocalDate('2026-02-13'))).toBe(5); // Friday
    expect(weekdayOf(parseLocalDate('2026-08-22'))).toBe(6); // Saturday
    expect(weekdayOf(parseLocalDate('1969-12-28'))).toBe(0); // Sunday
  });

  it('rejects dates that do not exist instead of rolling them over', () => {
    for (const bad of ['2026-02-29', '2026-13-01', '2026-00-10', '2026-1-5', '2026-01-01T00:00', '']) {
      expect(() => parseLocalDate(bad)).toThrow(RangeError);
    }
  });

  it('computes day numbers from parts', () => {
    expect(dayNumberOf(2026, 2, 17)).toBe(parseLocalDate('2026-02-17'));
  });
});
