import { vnGovCalendar } from '../registry';
import { parseInstant, toLocalIso } from '../time/iso';
import type { DeadlineOptions, TimeUnit } from './time-limit';

// Weeks of March 2026 have no holiday: Mon 2/3 … Fri 6/3, Sat 7/3, Sun 8/3, Mon 9/3.
const cal = vnGovCalendar();
const due = (start: string, amount: number, unit: TimeUnit, options?: DeadlineOptions) =>
  toLocalIso(cal.due(parseInstant(`${start}+07:00`), { amount, unit }, options));

describe('WORKING_DAYS, whole', () => {
  it.each([
    ['received Monday 09:00, 3 days → Thursday 17:00', '2026-03-02T09:00', 3, '2026-03-05T17:00:00+07:00'],
    ['received Saturday (post), 1 day → Monday 17:00', '2026-03-07T10:00', 1, '2026-03-09T17:00:00+07:00'],
    ['received Friday 17:30, 1 day → Monday 17:00', '2026-03-06T17:30', 1, '2026-03-09T17:00:00+07:00'],
    ['received Friday 10:00, 1 day → Monday 17:00 (the start day is not counted)', '2026-03-06T10:00', 1, '2026-03-09T17:00:00+07:00'],
    ['received Sunday, 1 day → Monday 17:00', '2026-03-08T23:59', 1, '2026-03-09T17:00:00+07:00'],
    ['received Monday 07:00, before opening, 1 day → Tuesday 17:00', '2026-03-02T07:00', 1, '2026-03-03T17:00:00+07:00'],
    ['received Monday 00:00 local, 1 day → Tuesday 17:00', '2026-03-02T00:00', 1, '2026-03-03T17:00:00+07:00'],
    ['10 days over two weekends', '2026-03-02T09:20', 10, '2026-03-16T17:00:00+07:00'],
    ['Tết 2026 (16–20/2 off): Friday 13/2 + 1 → Monday 23/2', '2026-02-13T10:15', 1, '2026-02-23T17:00:00+07:00'],
    ['New Year 2026 (1–2/1 off): Wednesday 31/12/2025 + 1 → Monday 5/1', '2025-12-31T10:00', 1, '2026-01-05T17:00:00+07:00'],
    ['make-up Saturday 10/1/2026 is a working day: Friday 9/1 + 1 → Saturday 10/1', '2026-01-09T10:00', 1, '2026-01-10T17:00:00+07:00'],
    ['make-up Saturday 22/8/2026 is counted: Friday 21/8 + 2 → Monday 24/8', '2026-08-21T10:00', 2, '2026-08-24T17:00:00+07:00'],
    ['National Day 2026 (31/8–2/9 off): Friday 28/8 + 2 → Friday 4/9', '2026-08-28T10:00', 2, '2026-09-04T17:00:00+07:00'],
    ['Giỗ Tổ on Sunday 26/4/2026, compensated Monday 27/4: Friday 24/4 + 1 → Tuesday 28/4', '2026-04-24T10:00', 1, '2026-04-28T17:00:00+07:00'],
    ['a start on a holiday counts from the next day: Tuesday 17/2/2026 (Tết) + 1 → Monday 23/2', '2026-02-17T09:00', 1, '2026-02-23T17:00:00+07:00'],
  ])('%s', (_, start, amount, expected) => {
    expect(due(start, amount, 'WORKING_DAYS')).toBe(expected);
  });
});

describe('WORKING_DAYS with a fraction', () => {
  it.each([
    ['1.5 days from Monday 09:30 → Wednesday 12:00', '2026-03-02T09:30', 1.5, '2026-03-04T12:00:00+07:00'],
    ['1.5 days from Tuesday 10:10 → Thursday 12:00 (P06)', '2026-07-07T10:10', 1.5, '2026-07-09T12:00:00+07:00'],
    ['2.25 days (2 days + 2 h) from Monday 09:00 → Thursday 10:00', '2026-03-02T09:00', 2.25, '2026-03-05T10:00:00+07:00'],
    ['1.5 days from Thursday → the fraction runs into Monday', '2026-03-05T09:30', 1.5, '2026-03-09T12:00:00+07:00'],
    ['1.75 days (1 day + 6 h): the fraction crosses lunch', '2026-03-02T09:00', 1.75, '2026-03-04T15:00:00+07:00'],
    ['under one day, 0.5 = 4 h of office time from the start: Monday 09:00 → 14:00', '2026-03-02T09:00', 0.5, '2026-03-02T14:00:00+07:00'],
    ['0.5 day from Monday 14:00 → Tuesday 09:00', '2026-03-02T14:00', 0.5, '2026-03-03T09:00:00+07:00'],
    ['0.5 day from Saturday → Monday 12:00', '2026-03-07T10:00', 0.5, '2026-03-09T12:00:00+07:00'],
    ['0.25 day (2 h) from 10:00 ends exactly at 12:00', '2026-03-02T10:00', 0.25, '2026-03-02T12:00:00+07:00'],
    ['2.3 days: float noise in the fraction does not leak into the instant', '2026-03-02T09:00', 2.3, '2026-03-05T10:24:00+07:00'],
  ])('%s', (_, start, amount, expected) => {
    expect(due(start, amount, 'WORKING_DAYS')).toBe(expected);
  });
});

describe('WORKING_HOURS', () => {
  it.each([
    ['4 h from 10:00 crosses lunch → 15:00', '2026-03-02T10:00', 4, '2026-03-02T15:00:00+07:00'],
    ['2 h from 10:00 ends exactly at 12:00, not 13:00', '2026-03-02T10:00', 2, '2026-03-02T12:00:00+07:00'],
    ['2 h from 15:00 ends exactly at 17:00, not 08:00 next day', '2026-03-02T15:00', 2, '2026-03-02T17:00:00+07:00'],
    ['8 h from 08:00 → 17:00 the same day', '2026-03-02T08:00', 8, '2026-03-02T17:00:00+07:00'],
    ['a start in the lunch break counts from 13:00', '2026-03-02T12:30', 1, '2026-03-02T14:00:00+07:00'],
    ['a start exactly at 12:00 counts from 13:00', '2026-03-02T12:00', 1, '2026-03-02T14:00:00+07:00'],
    ['a start before opening counts from 08:00', '2026-03-02T07:00', 1, '2026-03-02T09:00:00+07:00'],
    ['a start after closing counts from the next opening', '2026-03-02T17:30', 1, '2026-03-03T09:00:00+07:00'],
    ['a start exactly at 17:00 counts from the next opening', '2026-03-02T17:00', 1, '2026-03-03T09:00:00+07:00'],
    ['a Saturday start counts from Monday 08:00', '2026-03-07T10:00', 1, '2026-03-09T09:00:00+07:00'],
    ['Friday 16:00 + 2 h → Monday 09:00', '2026-03-06T16:00', 2, '2026-03-09T09:00:00+07:00'],
    ['8 h from 17:00 → 17:00 the next working day', '2026-03-02T17:00', 8, '2026-03-03T17:00:00+07:00'],
    ['a fraction of an hour: 0.5 h → 30 min', '2026-03-02T11:45', 0.5, '2026-03-02T13:15:00+07:00'],
    ['12 h through the make-up Saturday 22/8/2026 (P09)', '2026-08-21T14:20', 12, '2026-08-24T09:20:00+07:00'],
    ['through 30/4–1/5/2026 and the weekend', '2026-04-29T16:00', 2, '2026-05-04T09:00:00+07:00'],
    ['zero hours in the lunch break: the next opening', '2026-03-02T12:30', 0, '2026-03-02T13:00:00+07:00'],
  ])('%s', (_, start, amount, expected) => {
    expect(due(start, amount, 'WORKING_HOURS')).toBe(expected);
  });

  it('keeps seconds of the start', () => {
    expect(due('2026-03-02T10:00:30', 1, 'WORKING_HOURS')).toBe('2026-03-02T11:00:30+07:00');
  });
});

describe('SAME_DAY', () => {
  it.each([
    ['before the cut-off on a working day → that day 17:00', '2026-03-02T10:00', undefined, '2026-03-02T17:00:00+07:00'],
    ['before opening → that day 17:00', '2026-03-02T07:00', undefined, '2026-03-02T17:00:00+07:00'],
    ['one minute before the cut-off → that day', '2026-03-02T14:59', undefined, '2026-03-02T17:00:00+07:00'],
    ['exactly at the cut-off → the next working day', '2026-03-02T15:00', undefined, '2026-03-03T17:00:00+07:00'],
    ['after the cut-off → the next working day', '2026-03-02T15:20', undefined, '2026-03-03T17:00:00+07:00'],
    ['Friday after the cut-off → Monday', '2026-03-06T15:30', undefined, '2026-03-09T17:00:00+07:00'],
    ['Saturday morning (a day off) → Monday', '2026-03-07T09:00', undefined, '2026-03-09T17:00:00+07:00'],
    ['a holiday morning (30/4/2026) → Monday 4/5', '2026-04-30T09:00', undefined, '2026-05-04T17:00:00+07:00'],
    ['after the cut-off before 30/4–1/5 and a weekend → Monday 4/5 (P04)', '2026-04-29T15:25', undefined, '2026-05-04T17:00:00+07:00'],
    ['a make-up Saturday is a working day', '2026-08-22T10:00', undefined, '2026-08-22T17:00:00+07:00'],
    ['a procedure cut-off of 16:00', '2026-03-02T15:30', { cutoff: '16:00' }, '2026-03-02T17:00:00+07:00'],
    ['a procedure cut-off of 11:00', '2026-03-02T11:30', { cutoff: '11:00' }, '2026-03-03T17:00:00+07:00'],
    ['a cut-off after the close never gives a due before the start', '2026-03-02T17:30', { cutoff: '18:00' }, '2026-03-03T17:00:00+07:00'],
  ])('%s', (_, start, options, expected) => {
    expect(due(start, 1, 'SAME_DAY', options)).toBe(expected);
  });

  it('ignores the amount and rejects a malformed cut-off', () => {
    expect(due('2026-03-02T10:00', 3, 'SAME_DAY')).toBe('2026-03-02T17:00:00+07:00');
    expect(() => due('2026-03-02T10:00', 1, 'SAME_DAY', { cutoff: '3pm' })).toThrow(/HH:MM/);
    expect(() => due('2026-03-02T10:00', 1, 'SAME_DAY', { cutoff: '15:75' })).toThrow(RangeError);
  });
});

describe('invalid limits', () => {
  it('throws instead of guessing', () => {
    const start = parseInstant('2026-03-02T09:00:00+07:00');
    expect(() => cal.due(start, { amount: -1, unit: 'WORKING_DAYS' })).toThrow(RangeError);
    expect(() => cal.due(start, { amount: NaN, unit: 'WORKING_HOURS' })).toThrow(RangeError);
    expect(() => cal.due(start, { amount: Infinity, unit: 'WORKING_HOURS' })).toThrow(RangeError);
    expect(() => cal.due(start, { amount: 1, unit: 'CALENDAR_DAYS' as TimeUnit })).toThrow(/Unknown time unit/);
    expect(() => cal.due(NaN, { amount: 1, unit: 'WORKING_DAYS' })).toThrow(RangeError);
  });
});
