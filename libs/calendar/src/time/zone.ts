/**
 * A fixed UTC offset: local wall time = instant + offset. Vietnam has kept UTC+7 without daylight
 * saving since 1975, so no time-zone database is needed (and none is available in workflow code).
 */
import type { DayNumber } from './local-date';

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;
export const VIETNAM_OFFSET_MINUTES = 7 * 60;

/** The local date an instant falls on. */
export function dayOfInstant(instant: number, offsetMinutes: number): DayNumber {
  return Math.floor((instant + offsetMinutes * MS_PER_MINUTE) / MS_PER_DAY);
}

/** The instant of a local wall-clock minute (minutes from local midnight; 1440 = the next midnight). */
export function instantAt(day: DayNumber, minuteOfDay: number, offsetMinutes: number): number {
  return day * MS_PER_DAY + (minuteOfDay - offsetMinutes) * MS_PER_MINUTE;
}

/** Milliseconds since local midnight. */
export function msIntoLocalDay(instant: number, offsetMinutes: number): number {
  return instant - instantAt(dayOfInstant(instant, offsetMinutes), 0, offsetMinutes);
}
