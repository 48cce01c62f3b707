/**
 * Everything that makes one working calendar, as plain data: a province with other office hours or
 * another weekly pattern is a different CalendarDefinition, not different code.
 */
import type { HolidayRule } from '../holidays/holiday-rule';

/** [from, to) in minutes from local midnight, e.g. [480, 720] = 08:00–12:00. */
export type OfficeInterval = readonly [number, number];

/** A year whose days off the government has fixed by notice; overrides the default rules for it. */
export interface YearSchedule {
  readonly year: number;
  /** Working weekdays that are off: holidays, compensating days, swapped days. 'YYYY-MM-DD'. */
  readonly daysOff: readonly string[];
  /** Weekly rest days worked instead (make-up Saturdays). 'YYYY-MM-DD'. */
  readonly makeUpWorkingDays: readonly string[];
  /** The calendar release that introduced (or corrected) this schedule; absent = every release. */
  readonly since?: string;
  readonly source?: string;
  readonly notes?: string;
}

export interface CalendarDefinition {
  readonly id: string;
  /** `<id>@<release>`; recorded with every computed deadline. */
  readonly version: string;
  /** Local time = UTC + this; a fixed offset (no daylight saving). */
  readonly utcOffsetMinutes: number;
  /** The weekly pattern: weekdays (0 = Sunday … 6 = Saturday) that are working days. */
  readonly workingWeekdays: readonly number[];
  /** Office hours of every working day (make-up days included), ascending and disjoint. */
  readonly officeHours: readonly OfficeInterval[];
  /** Office hours a working day counts for fractions of a day and the critical-path rule (§4: 8). */
  readonly hoursPerWorkingDay: number;
  /** The holidays source for years without an official schedule. */
  readonly holidayRules: readonly HolidayRule[];
  readonly compensateWeeklyRestDays: boolean;
  /** The time zone of the lunar calendar (7 = the Vietnamese one). */
  readonly lunarTimeZoneHours: number;
  /** Official yearly schedules; at most one per year. */
  readonly schedules: readonly YearSchedule[];
  /** Years the calendar answers for; other dates throw rather than guess. Absent = unbounded. */
  readonly years?: { readonly from: number; readonly to: number };
}
