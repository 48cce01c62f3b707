import { isPeriod, parsePeriod, type Period } from './period';

const ok = (from: string, to: string): Period => {
  const p = parsePeriod(from, to);
  if (!isPeriod(p)) throw new Error(p.message);
  return p;
};

it('covers whole days in Vietnam time: from 00:00 +07:00 to the next midnight after the last day', () => {
  const q = ok('2026-10-01', '2026-12-31');
  expect(new Date(q.start).toISOString()).toBe('2026-09-30T17:00:00.000Z');
  expect(new Date(q.end).toISOString()).toBe('2026-12-31T17:00:00.000Z');
  const day = ok('2026-02-17', '2026-02-17');
  expect(day.end - day.start).toBe(86_400_000);
  expect(ok('2024-01-01', '2024-12-31').end - ok('2024-01-01', '2024-12-31').start).toBe(366 * 86_400_000);
});

it.each([
  ['2026-02-30', '2026-03-01'],
  ['2026-2-1', '2026-03-01'],
  ['2026-13-01', '2026-12-31'],
  ['2026-10-01T00:00', '2026-10-02'],
  ['', '2026-10-02'],
  [undefined, '2026-10-02'],
  ['2026-10-01', undefined],
  [['2026-10-01'], '2026-10-02'],
])('refuses %j – %j as REPORT.BAD_DATE', (from, to) => {
  expect(parsePeriod(from, to)).toMatchObject({ rule: 'REPORT.BAD_DATE' });
});

it('refuses a period that ends before it starts', () => {
  expect(parsePeriod('2026-10-02', '2026-10-01')).toMatchObject({ rule: 'REPORT.PERIOD_REVERSED' });
  expect(isPeriod(parsePeriod('2026-10-01', '2026-10-01'))).toBe(true);
});
