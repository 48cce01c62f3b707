import { formatLocalDate, parseLocalDate } from '../time/local-date';
import { fromLunarDate, toLunarDate } from './lunar-dates';
import { lunarNewYear, lunarToSolar, solarToLunar } from './vietnamese-lunar';

const tet = (year: number, tz = 7) => formatLocalDate(lunarNewYear(year, tz));
const gioTo = (year: number, tz = 7) => fromLunarDate({ day: 10, month: 3, year, leap: false }, tz);

describe('Vietnamese lunar calendar (Hồ Ngọc Đức, UTC+7)', () => {
  it.each([
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    [2028, '2028-01-26'],
    [2029, '2029-02-13'],
    [2030, '2030-02-02'],
    [2031, '2031-01-23'],
    [2032, '2032-02-11'],
    [2033, '2033-01-31'],
    [2034, '2034-02-19'],
    [2035, '2035-02-08'],
  ])('Tết (mùng 1 tháng Giêng) %i is %s', (year, date) => {
    expect(tet(year)).toBe(date);
  });

  it.each([
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
    [2027, '2027-04-16'],
    [2028, '2028-04-04'],
    [2029, '2029-04-23'],
    [2030, '2030-04-12'],
    [2031, '2031-04-01'],
    [2032, '2032-04-19'],
    [2033, '2033-04-09'],
    [2034, '2034-04-28'],
    [2035, '2035-04-17'],
  ])('Giỗ Tổ Hùng Vương (10/3 lunar) %i is %s', (year, date) => {
    expect(gioTo(year)).toBe(date);
  });

  it.each([
    // Vietnam (UTC+7) vs China (UTC+8): a new moon between 16:00 and 17:00 UTC falls on different days.
    [1985, '1985-01-21', '1985-02-20'], // the month-11 placement differs: a whole month apart
    [2007, '2007-02-17', '2007-02-18'],
    [2030, '2030-02-02', '2030-02-03'],
  ])('Tết %i differs from the Chinese New Year: %s vs %s', (year, vietnam, china) => {
    expect(tet(year, 7)).toBe(vietnam);
    expect(tet(year, 8)).toBe(china);
  });

  it('agrees with the Chinese calendar in ordinary years', () => {
    for (const year of [2024, 2025, 2026, 2027, 2028]) expect(tet(year, 8)).toBe(tet(year, 7));
  });

  it('finds leap months and refuses a leap flag on an ordinary month', () => {
    expect(toLunarDate('2023-04-19')).toEqual({ day: 29, month: 2, year: 2023, leap: true }); // Quý Mão: nhuận tháng 2
    expect(toLunarDate('2025-07-25')).toEqual({ day: 1, month: 6, year: 2025, leap: true }); // Ất Tỵ: nhuận tháng 6
    expect(toLunarDate('2033-12-22')).toEqual({ day: 1, month: 11, year: 2033, leap: true }); // the "2033 problem"
    expect(() => fromLunarDate({ day: 1, month: 3, year: 2025, leap: true })).toThrow(/not a leap month/);
    expect(() => fromLunarDate({ day: 1, month: 3, year: 2026, leap: true })).toThrow(/no leap month/);
  });

  it('gives the last day of the year before Tết (29 or 30 tháng Chạp)', () => {
    expect(toLunarDate('2024-02-09')).toEqual({ day: 30, month: 12, year: 2023, leap: false });
    expect(toLunarDate('2025-01-28')).toEqual({ day: 29, month: 12, year: 2024, leap: false });
  });

  it('round-trips every day of 2000–2040', () => {
    for (let d = parseLocalDate('2000-01-01'); d <= parseLocalDate('2040-12-31'); d++) {
      const lunar = solarToLunar(d);
      if (lunarToSolar(lunar) !== d) throw new Error(`${formatLocalDate(d)} → ${JSON.stringify(lunar)} does not round-trip`);
      expect(lunar.day >= 1 && lunar.day <= 30).toBe(true);
    }
  });
});
