import { formatLocalDate } from '../time/local-date';
import { defaultDaysOff, occurrences } from './default-days-off';
import type { HolidayRule } from './holiday-rule';

const monToFri = (w: number) => w >= 1 && w <= 5;
const daysOff = (year: number, rules: HolidayRule[], compensate = true) =>
  [...defaultDaysOff(year, { rules, isWeeklyWorkday: monToFri, compensateWeeklyRestDays: compensate, lunarTimeZoneHours: 7 })]
    .sort((a, b) => a - b)
    .map(formatLocalDate);
const solar = (month: number, day: number, from = 2000): HolidayRule => ({ kind: 'solar', name: `${day}/${month}`, month, day, from });

describe('default days off', () => {
  it('compensates a weekend holiday on the next working day (Labour Code Art. 111(3))', () => {
    expect(daysOff(2026, [solar(11, 21)])).toEqual(['2026-11-23']); // Saturday → Monday
    expect(daysOff(2026, [solar(11, 21)], false)).toEqual([]);
  });

  it('moves compensation past holidays and earlier compensations', () => {
    // 2027: 30/4 Friday, 1/5 Saturday, 2/5 (synthetic) Sunday, 3/5 (synthetic) Monday.
    expect(daysOff(2027, [solar(4, 30), solar(5, 1), solar(5, 2), solar(5, 3)])).toEqual([
      '2027-04-30', '2027-05-03', '2027-05-04', '2027-05-05',
    ]);
  });

  it('keeps a compensating day that falls into the next year with that year', () => {
    // 31/12/2028 is a Sunday: compensated on Monday 1/1/2029... which is a holiday itself → Tuesday 2/1.
    expect(daysOff(2028, [solar(12, 31), solar(1, 1)])).toEqual(['2028-01-03']); // 1/1/2028 is a Saturday
    expect(daysOff(2029, [solar(12, 31), solar(1, 1)])).toEqual(['2029-01-01', '2029-01-02', '2029-12-31']);
  });

  it('applies a rule only within its years', () => {
    const cultureDay: HolidayRule = { kind: 'solar', name: 'Culture Day', month: 11, day: 24, from: 2027, until: 2028 };
    expect(daysOff(2026, [cultureDay])).toEqual([]);
    expect(daysOff(2027, [cultureDay])).toEqual(['2027-11-24']);
    expect(daysOff(2029, [cultureDay])).toEqual([]);
  });

  it('places lunar holidays by the Vietnamese calendar', () => {
    const tet: HolidayRule = { kind: 'lunarNewYear', name: 'Tết', daysBefore: 1, days: 5, from: 2000 };
    expect(occurrences(tet, 2030, 7).map(formatLocalDate)).toEqual(['2030-02-01', '2030-02-02', '2030-02-03', '2030-02-04', '2030-02-05']);
    expect(occurrences(tet, 2030, 8).map(formatLocalDate)[1]).toBe('2030-02-03'); // the Chinese date, for contrast
  });

  it.each([
    // The adjacent 2/9 day the government chose 2021–2026, which the default rule reproduces.
    [2021, 'Thursday', '2021-09-03'],
    [2022, 'Friday', '2022-09-01'],
    [2023, 'Saturday', '2023-09-01'],
    [2024, 'Monday', '2024-09-03'],
    [2025, 'Tuesday', '2025-09-01'],
    [2026, 'Wednesday', '2026-09-01'],
    [2029, 'Sunday', '2029-09-03'],
  ])('2/9/%i on a %s: adjacent day %s', (year, _, adjacent) => {
    const rule: HolidayRule = { kind: 'adjacentDay', name: '2/9 adjacent', month: 9, day: 2, offsetByWeekday: [1, 1, -1, -1, 1, -1, -1], from: 2021 };
    expect(occurrences(rule, year, 7).map(formatLocalDate)).toEqual([adjacent]);
  });
});
