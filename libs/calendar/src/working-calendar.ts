/**
 * The WorkingCalendar API over a CalendarDefinition.
 *
 * Members are closures, not prototype methods: callers pass them around detached
 * (`const localDate = calendar.localDate`), and a `this` would be lost.
 */
import type { CalendarDefinition, OfficeInterval } from './definition/calendar-definition';
import { createDayModel } from './definition/day-model';
import { validateDefinition } from './definition/validate-definition';
import { computeDue } from './deadline/due';
import { closeOf, openingOf } from './deadline/office-time';
import type { DeadlineOptions, TimeLimit } from './deadline/time-limit';
import { toWorkingHours } from './deadline/time-limit';
import type { DayNumber } from './time/local-date';
import { formatLocalDate, parseLocalDate } from './time/local-date';

export interface WorkingCalendar {
  /** e.g. 'VN-GOV'. */
  readonly id: string;
  /** e.g. 'VN-GOV@2026.1'; changes whenever the calendar's data or rules change. Record it with each deadline. */
  readonly version: string;
  isWorkingDay(date: string): boolean;
  /** Minutes from local midnight, e.g. [[480,720],[780,1020]]; [] on days off. */
  officeHours(date: string): ReadonlyArray<readonly [number, number]>;
  /**
   * Whether the office is open at `instant`: inside an office interval of a working day, its
   * opening and its closing instant (12:00, 17:00) included, as a deadline may end at a close.
   */
  isWorkingTime(instant: number): boolean;
  /** The due instant of `limit` counted from `start` (ONE-STOP.md §6). */
  due(start: number, limit: TimeLimit, options?: DeadlineOptions): number;
  /** Opening (08:00) of the last working day strictly before the due instant's local date. */
  nearDueAt(due: number): number;
  /** Close (17:00) of that same working day. */
  apologyDeadline(due: number): number;
  /**
   * Working days after `earlier`'s local date up to and including `later`'s (Monday → Wednesday = 2).
   * Negative if `later` is on an earlier date.
   */
  workingDaysBetween(earlier: number, later: number): number;
  /** 'YYYY-MM-DD' in the calendar's local time. */
  localDate(instant: number): string;
  /** The limit in working hours for the critical-path rule: a working day and SAME_DAY count 8 hours. */
  workingHours(limit: TimeLimit): number;
}

export function createWorkingCalendar(definition: CalendarDefinition): WorkingCalendar {
  validateDefinition(definition);
  const days = createDayModel(definition);
  const officeHours = Object.freeze(definition.officeHours.map((i) => Object.freeze([i[0], i[1]] as const))) as readonly OfficeInterval[];
  const lastWorkingDayBefore = (due: number): DayNumber => days.previousWorkingDay(days.dayOf(due));

  const countWorkingDays = (from: DayNumber, to: DayNumber): number => {
    let n = 0;
    for (let d = from + 1; d <= to; d++) if (days.isWorkingDay(d)) n++;
    return n;
  };

  return Object.freeze({
    id: definition.id,
    version: definition.version,
    isWorkingDay: (date: string) => days.isWorkingDay(parseLocalDate(date)),
    officeHours: (date: string) => (days.isWorkingDay(parseLocalDate(date)) ? officeHours : []),
    isWorkingTime: (instant: number) => {
      const day = days.dayOf(instant);
      return days.officeHours(day).some(([open, close]) => days.instantAt(day, open) <= instant && instant <= days.instantAt(day, close));
    },
    due: (start: number, limit: TimeLimit, options?: DeadlineOptions) =>
      computeDue(days, definition.hoursPerWorkingDay, start, limit, options),
    nearDueAt: (due: number) => openingOf(days, lastWorkingDayBefore(due)),
    apologyDeadline: (due: number) => closeOf(days, lastWorkingDayBefore(due)),
    workingDaysBetween: (earlier: number, later: number) => {
      const [a, b] = [days.dayOf(earlier), days.dayOf(later)];
      return b >= a ? countWorkingDays(a, b) : -countWorkingDays(b, a);
    },
    localDate: (instant: number) => formatLocalDate(days.dayOf(instant)),
    workingHours: (limit: TimeLimit) => toWorkingHours(limit, definition.hoursPerWorkingDay),
  });
}
