import { fromLunarDate } from './lunar/lunar-dates';
import { vnGovCalendar } from './registry';
import { formatLocalDate, parseLocalDate, weekdayOf } from './time/local-date';
import { VN_GOV_DEFINITIONS } from './vn-gov';
import { createWorkingCalendar } from './working-calendar';

const cal = vnGovCalendar();

/** Mon–Fri dates of a year that are not working days, and Sat/Sun dates that are. */
function exceptions(year: number, calendar = cal): { weekdaysOff: string[]; workingWeekends: string[] } {
  const weekdaysOff: string[] = [];
  const workingWeekends: string[] = [];
  for (let d = parseLocalDate(`${year}-01-01`); d <= parseLocalDate(`${year}-12-31`); d++) {
    const date = formatLocalDate(d);
    const weekend = weekdayOf(d) === 0 || weekdayOf(d) === 6;
    if (!weekend && !calendar.isWorkingDay(date)) weekdaysOff.push(date);
    if (weekend && calendar.isWorkingDay(date)) workingWeekends.push(date);
  }
  return { weekdaysOff, workingWeekends };
}

describe('VN-GOV official schedules (ONE-STOP.md §6 table)', () => {
  it('2024: 1/1; 8, 9, 12, 13, 14/2; 18/4; 29, 30/4; 1/5; 2, 3/9 off; Saturday 4/5 worked', () => {
    expect(exceptions(2024)).toEqual({
      weekdaysOff: [
        '2024-01-01', '2024-02-08', '2024-02-09', '2024-02-12', '2024-02-13', '2024-02-14', '2024-04-18',
        '2024-04-29', '2024-04-30', '2024-05-01', '2024-09-02', '2024-09-03',
      ],
      workingWeekends: ['2024-05-04'],
    });
  });

  it('2025: 1/1; 27–31/1; 7/4; 30/4; 1, 2/5; 1, 2/9 off; Saturday 26/4 worked', () => {
    expect(exceptions(2025)).toEqual({
      weekdaysOff: [
        '2025-01-01', '2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-04-07',
        '2025-04-30', '2025-05-01', '2025-05-02', '2025-09-01', '2025-09-02',
      ],
      workingWeekends: ['2025-04-26'],
    });
  });

  it('2026: 1, 2/1; 16–20/2; 27/4; 30/4; 1/5; 31/8; 1, 2/9 off; Saturdays 10/1 and 22/8 worked', () => {
    expect(exceptions(2026)).toEqual({
      weekdaysOff: [
        '2026-01-01', '2026-01-02', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20',
        '2026-04-27', '2026-04-30', '2026-05-01', '2026-08-31', '2026-09-01', '2026-09-02',
      ],
      workingWeekends: ['2026-01-10', '2026-08-22'],
    });
  });

  it('gives a make-up Saturday the ordinary office hours and an ordinary Saturday none', () => {
    expect(cal.officeHours('2026-08-22')).toEqual([[480, 720], [780, 1020]]);
    expect(cal.officeHours('2026-08-29')).toEqual([]);
    expect(cal.officeHours('2026-02-17')).toEqual([]);
  });

  it('official schedules differ from the default rules only where the government chose differently', () => {
    // The default rules for 2026 (the same data without the 2026 file) give every day off but the two
    // swapped ones (2/1, 31/8) and no make-up Saturday: the lunar dates (Tết 17/2, Giỗ Tổ on Sunday 26/4
    // compensated on 27/4) and the adjacent 2/9 day agree with the government's.
    const latest = VN_GOV_DEFINITIONS[VN_GOV_DEFINITIONS.length - 1]!;
    const defaults = createWorkingCalendar({ ...latest, version: 'VN-GOV@defaults', schedules: [] });
    const official = exceptions(2026);
    const derived = exceptions(2026, defaults);
    expect(official.weekdaysOff.filter((d) => !derived.weekdaysOff.includes(d))).toEqual(['2026-01-02', '2026-08-31']);
    expect(derived.weekdaysOff.filter((d) => !official.weekdaysOff.includes(d))).toEqual([]);
    expect(derived.workingWeekends).toEqual([]);
  });
});

describe('VN-GOV default rules for a year without an official schedule', () => {
  it('2027: Tết around Sat 6/2 (29 Tết + mùng 1–4, weekend days compensated), Giỗ Tổ Fri 16/4, 1/5 Sat → Mon 3/5, 2/9 Thu + Fri 3/9', () => {
    expect(exceptions(2027)).toEqual({
      weekdaysOff: [
        '2027-01-01',
        '2027-02-05', // 29 tháng Chạp (last day of the year), Friday
        // Sat 6/2 mùng 1, Sun 7/2 mùng 2: weekend holidays
        '2027-02-08', '2027-02-09', // mùng 3, mùng 4
        '2027-02-10', '2027-02-11', // compensating the Saturday and the Sunday
        '2027-04-16', // Giỗ Tổ
        '2027-04-30',
        '2027-05-03', // 1/5 is a Saturday
        '2027-09-02', '2027-09-03',
      ],
      workingWeekends: [],
    });
  });

  it('2028: New Year on a Saturday and 30/4 on a Sunday are compensated after the holidays that follow', () => {
    expect(exceptions(2028).weekdaysOff).toEqual([
      '2028-01-03', // 1/1 Saturday
      '2028-01-25', '2028-01-26', '2028-01-27', '2028-01-28', // 30 Tết Tue … mùng 3 Fri
      '2028-01-31', // mùng 4 on Saturday 29/1
      '2028-04-04', // Giỗ Tổ Tuesday
      '2028-05-01', '2028-05-02', // 1/5 Monday; 30/4 Sunday compensated on the next free working day
      '2028-09-01', '2028-09-04', // 2/9 Saturday: adjacent Friday 1/9, compensation Monday 4/9
    ]);
  });

  it('2023 (no file) reproduces the government schedule where the law leaves no choice', () => {
    const off = exceptions(2023).weekdaysOff;
    // Giỗ Tổ on Sat 29/4, 30/4 Sunday, 1/5 Monday → 2 and 3/5; 2/9 Saturday → 1/9 and 4/9.
    expect(off).toEqual(expect.arrayContaining(['2023-01-02', '2023-05-01', '2023-05-02', '2023-05-03', '2023-09-01', '2023-09-04']));
  });

  it('applies the holiday rules of the law in force: no Giỗ Tổ before 2007, no 2/9 adjacent day before 2021, 4 Tết days before 2014', () => {
    const gioTo2006 = fromLunarDate({ day: 10, month: 3, year: 2006, leap: false });
    expect(weekdayOf(parseLocalDate(gioTo2006))).toBe(5); // a Friday, so only the rule could make it a day off
    expect(cal.isWorkingDay(gioTo2006)).toBe(true);
    expect(cal.isWorkingDay(fromLunarDate({ day: 10, month: 3, year: 2007, leap: false }))).toBe(false);
    expect(cal.isWorkingDay('2020-09-02')).toBe(false);
    expect(cal.isWorkingDay('2020-09-03')).toBe(true); // Thursday; from 2021 a Thursday 2/9 takes Friday
    expect(exceptions(2013).weekdaysOff.filter((d) => d >= '2013-02-01' && d <= '2013-02-28')).toEqual([
      // mùng 1 = Sun 10/2: 30 Tết Sat 9/2, mùng 1–3 Sun–Tue, compensations Wed, Thu
      '2013-02-11', '2013-02-12', '2013-02-13', '2013-02-14',
    ]);
  });

  it('does not make Vietnamese Culture Day (24/11) a holiday: it is policy, not law yet', () => {
    expect(cal.isWorkingDay('2026-11-24')).toBe(true);
    expect(cal.isWorkingDay('2027-11-24')).toBe(true);
  });

  it('refuses dates outside the years it answers for', () => {
    expect(() => cal.isWorkingDay('1999-12-31')).toThrow(/2000–2199/);
    expect(() => cal.isWorkingDay('2200-01-01')).toThrow(RangeError);
  });

  it('ships data that passes validation for every release', () => {
    for (const d of VN_GOV_DEFINITIONS) expect(() => createWorkingCalendar(d)).not.toThrow();
  });
});
