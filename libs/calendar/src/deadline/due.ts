/**
 * The due instant of a time limit, per ONE-STOP.md §6 (Decision on counting; Civil Code Arts.
 * 147–148: the start day is not counted, a limit ending on a day off moves to the next working day).
 */
import type { DayModel } from '../definition/day-model';
import { MS_PER_HOUR, MS_PER_MINUTE } from '../time/zone';
import { addOfficeTime, closeOf } from './office-time';
import type { DeadlineOptions, TimeLimit } from './time-limit';
import { checkTimeLimit, DEFAULT_SAME_DAY_CUTOFF, parseClockTime } from './time-limit';

export function computeDue(
  days: DayModel,
  hoursPerWorkingDay: number,
  start: number,
  limit: TimeLimit,
  options: DeadlineOptions = {},
): number {
  if (!Number.isFinite(start)) throw new RangeError(`Not an instant: ${start}`);
  checkTimeLimit(limit);
  switch (limit.unit) {
    case 'WORKING_HOURS':
      return addOfficeTime(days, start, Math.round(limit.amount * MS_PER_HOUR));
    case 'WORKING_DAYS':
      return workingDaysDue(days, hoursPerWorkingDay, start, limit.amount);
    case 'SAME_DAY':
      return sameDayDue(days, start, parseClockTime(options.cutoff ?? DEFAULT_SAME_DAY_CUTOFF));
  }
}

function workingDaysDue(days: DayModel, hoursPerWorkingDay: number, start: number, amount: number): number {
  const whole = Math.floor(amount);
  // Float noise (2.3 - 2 = 0.2999…) is absorbed by rounding to whole milliseconds.
  const fractionMs = Math.round((amount - whole) * hoursPerWorkingDay * MS_PER_HOUR);
  // Under one day there is no "N-th working day" to end on: the fraction is office time from the
  // starting instant itself (0.5 day received Monday 09:00 → Monday 14:00).
  if (whole === 0) return addOfficeTime(days, start, fractionMs);
  // Counting begins the calendar day after the start, whatever its time and whether it was a
  // working day: the N-th working day after the start's date, at its close.
  let day = days.dayOf(start);
  for (let i = 0; i < whole; i++) day = days.nextWorkingDay(day);
  const close = closeOf(days, day);
  // The fraction runs from that close, i.e. into the next working day's office hours.
  return fractionMs > 0 ? addOfficeTime(days, close, fractionMs) : close;
}

function sameDayDue(days: DayModel, start: number, cutoffMinute: number): number {
  const day = days.dayOf(start);
  if (days.isWorkingDay(day)) {
    const close = closeOf(days, day);
    // "Before the cut-off" is strict. The close check only matters for a cut-off configured after
    // the close, where the receiving day's close would otherwise precede the start.
    if (start < days.instantAt(day, 0) + cutoffMinute * MS_PER_MINUTE && start < close) return close;
  }
  return closeOf(days, days.nextWorkingDay(day));
}
