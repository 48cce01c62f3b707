import { vnGovCalendar } from './registry';
import { parseInstant, toLocalIso } from './time/iso';
import { createWorkingCalendar } from './working-calendar';
import { VN_GOV_DEFINITIONS } from './vn-gov';

const cal = vnGovCalendar();
const at = (local: string) => parseInstant(`${local}+07:00`);

describe('nearDueAt and apologyDeadline: opening and close of the last working day before the due date', () => {
  it.each([
    ['an ordinary week', '2026-03-05T17:00', '2026-03-04T08:00:00+07:00', '2026-03-04T17:00:00+07:00'],
    ['across a weekend', '2026-03-09T17:00', '2026-03-06T08:00:00+07:00', '2026-03-06T17:00:00+07:00'],
    ['across the Tết break 2026', '2026-02-23T17:00', '2026-02-13T08:00:00+07:00', '2026-02-13T17:00:00+07:00'],
    ['across 31/8–2/9/2026 and a weekend', '2026-09-03T17:00', '2026-08-28T08:00:00+07:00', '2026-08-28T17:00:00+07:00'],
    ['onto a make-up Saturday', '2026-08-24T09:20', '2026-08-22T08:00:00+07:00', '2026-08-22T17:00:00+07:00'],
    ['across 30/4–1/5/2026 and a weekend', '2026-05-04T17:00', '2026-04-29T08:00:00+07:00', '2026-04-29T17:00:00+07:00'],
    ['across the compensating Monday 27/4/2026', '2026-04-28T17:00', '2026-04-24T08:00:00+07:00', '2026-04-24T17:00:00+07:00'],
    ['across New Year', '2026-01-05T17:00', '2025-12-31T08:00:00+07:00', '2025-12-31T17:00:00+07:00'],
    ['a due instant in the afternoon uses its date', '2026-07-07T15:10', '2026-07-06T08:00:00+07:00', '2026-07-06T17:00:00+07:00'],
    ['a due instant early in the morning uses its date', '2026-03-03T08:30', '2026-03-02T08:00:00+07:00', '2026-03-02T17:00:00+07:00'],
  ])('%s', (_, due, nearDue, apology) => {
    expect(toLocalIso(cal.nearDueAt(at(due)))).toBe(nearDue);
    expect(toLocalIso(cal.apologyDeadline(at(due)))).toBe(apology);
  });
});

describe('workingDaysBetween: working days after the earlier date up to and including the later one', () => {
  it.each([
    ['Monday → Wednesday', '2026-03-02T09:00', '2026-03-04T08:00', 2],
    ['the same day', '2026-03-02T09:00', '2026-03-02T16:00', 0],
    ['Friday → Saturday', '2026-03-06T09:00', '2026-03-07T09:00', 0],
    ['Friday → Monday', '2026-03-06T09:00', '2026-03-09T09:00', 1],
    ['postal attempts one working day apart (P05)', '2026-06-15T09:10', '2026-06-16T09:10', 1],
    ['postal attempts two working days apart (P05)', '2026-06-15T09:10', '2026-06-17T09:10', 2],
    ['over the Tết break', '2026-02-13T10:00', '2026-02-23T10:00', 1],
    ['onto a make-up Saturday', '2026-08-21T10:00', '2026-08-22T10:00', 1],
    ['local dates, not UTC ones: 23:30 → 00:30', '2026-03-02T23:30', '2026-03-03T00:30', 1],
    ['reversed order is negative', '2026-03-04T08:00', '2026-03-02T09:00', -2],
  ])('%s', (_, earlier, later, n) => {
    expect(cal.workingDaysBetween(at(earlier), at(later))).toBe(n);
  });
});

describe('days and dates', () => {
  it('gives the local (UTC+7) date of an instant', () => {
    expect(cal.localDate(parseInstant('2026-03-02T16:59:59Z'))).toBe('2026-03-02');
    expect(cal.localDate(parseInstant('2026-03-02T17:00:00Z'))).toBe('2026-03-03');
  });

  it('gives office hours in minutes from midnight, [] on days off', () => {
    expect(cal.officeHours('2026-03-02')).toEqual([[480, 720], [780, 1020]]);
    expect(cal.officeHours('2026-03-07')).toEqual([]);
    expect(cal.officeHours('2026-09-02')).toEqual([]);
    expect(Object.isFrozen(cal.officeHours('2026-03-02'))).toBe(true);
  });

  it.each([
    ['Tuesday at opening', '2026-03-03T08:00:00', true],
    ['Tuesday morning', '2026-03-03T10:30:00', true],
    ['Tuesday at the midday close', '2026-03-03T12:00:00', true],
    ['one second after the midday close', '2026-03-03T12:00:01', false],
    ['the lunch break', '2026-03-03T12:30:00', false],
    ['one second before the afternoon opening', '2026-03-03T12:59:59', false],
    ['the afternoon opening', '2026-03-03T13:00:00', true],
    ['Tuesday at the close', '2026-03-03T17:00:00', true],
    ['one second after the close', '2026-03-03T17:00:01', false],
    ['one second before opening', '2026-03-03T07:59:59', false],
    ['midnight', '2026-03-03T00:00:00', false],
    ['a Sunday at 03:00', '2026-03-08T03:00:00', false],
    ['a Saturday at 10:00', '2026-03-07T10:00:00', false],
    ['a holiday (2/9/2026) at 10:00', '2026-09-02T10:00:00', false],
    ['a make-up Saturday (22/8/2026) at 10:00', '2026-08-22T10:00:00', true],
  ])('isWorkingTime: %s → %s', (_, local, open) => {
    expect(cal.isWorkingTime(at(local))).toBe(open);
  });

  it('isWorkingTime reads the local (UTC+7) day and hours, whatever offset wrote the instant', () => {
    expect(cal.isWorkingTime(parseInstant('2026-03-03T10:00:00Z'))).toBe(true); // 17:00 in Hà Nội
    expect(cal.isWorkingTime(parseInstant('2026-03-03T10:00:01Z'))).toBe(false);
    expect(cal.isWorkingTime(parseInstant('2026-03-03T01:00:00Z'))).toBe(true); // 08:00
  });

  it('rejects malformed dates', () => {
    expect(() => cal.isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => cal.officeHours('02/03/2026')).toThrow(RangeError);
  });

  it('converts limits to working hours for the critical-path rule', () => {
    expect(cal.workingHours({ amount: 3, unit: 'WORKING_DAYS' })).toBe(24);
    expect(cal.workingHours({ amount: 1.5, unit: 'WORKING_DAYS' })).toBe(12);
    expect(cal.workingHours({ amount: 4, unit: 'WORKING_HOURS' })).toBe(4);
    expect(cal.workingHours({ amount: 1, unit: 'SAME_DAY' })).toBe(8);
    expect(() => cal.workingHours({ amount: -2, unit: 'WORKING_DAYS' })).toThrow(RangeError);
  });

  it('works with detached members and cannot be modified', () => {
    const { localDate, due, workingDaysBetween } = cal;
    expect(localDate(at('2026-03-02T10:00'))).toBe('2026-03-02');
    expect(toLocalIso(due(at('2026-03-02T09:00'), { amount: 3, unit: 'WORKING_DAYS' }))).toBe('2026-03-05T17:00:00+07:00');
    expect(workingDaysBetween(at('2026-03-02T09:00'), at('2026-03-04T09:00'))).toBe(2);
    expect(Object.isFrozen(cal)).toBe(true);
  });
});

describe('a province with other office hours (a CalendarDefinition, no code change)', () => {
  const base = VN_GOV_DEFINITIONS[VN_GOV_DEFINITIONS.length - 1]!;
  const province = createWorkingCalendar({
    ...base,
    id: 'VN-XX',
    version: 'VN-XX@1',
    officeHours: [
      [450, 690], // 07:30–11:30
      [810, 1050], // 13:30–17:30
    ],
  });

  it('closes at its own close and opens at its own opening', () => {
    expect([province.isWorkingTime(at('2026-03-02T07:30')), province.isWorkingTime(at('2026-03-02T17:30')), province.isWorkingTime(at('2026-03-02T13:00'))]).toEqual([true, true, false]);
    expect(toLocalIso(province.due(at('2026-03-02T09:00'), { amount: 3, unit: 'WORKING_DAYS' }))).toBe('2026-03-05T17:30:00+07:00');
    expect(toLocalIso(province.due(at('2026-03-02T11:00'), { amount: 1, unit: 'WORKING_HOURS' }))).toBe('2026-03-02T14:00:00+07:00');
    expect(toLocalIso(province.nearDueAt(at('2026-03-05T17:30')))).toBe('2026-03-04T07:30:00+07:00');
    expect(province.isWorkingDay('2026-02-17')).toBe(false); // same holidays
  });

  it('refuses inconsistent definitions at construction', () => {
    expect(() => createWorkingCalendar({ ...base, officeHours: [[780, 1020], [480, 720]] })).toThrow(/ascending/);
    expect(() => createWorkingCalendar({ ...base, version: 'OTHER@1' })).toThrow(/<id>@<release>/);
    expect(() =>
      createWorkingCalendar({ ...base, schedules: [{ year: 2026, daysOff: ['2026-02-21'], makeUpWorkingDays: [] }] }),
    ).toThrow(/not a working weekday/);
    expect(() =>
      createWorkingCalendar({ ...base, schedules: [{ year: 2026, daysOff: [], makeUpWorkingDays: ['2026-08-21'] }] }),
    ).toThrow(/already a working weekday/);
  });
});
