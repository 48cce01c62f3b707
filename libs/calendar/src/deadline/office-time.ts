/**
 * Counting office time: the clock runs only inside office hours of working days.
 */
import type { DayModel } from '../definition/day-model';

// Guard against a count that can never end (a calendar without office hours): ~10 years of days.
const MAX_DAYS_SCANNED = 3660;

/**
 * The instant when `durationMs` of office time has elapsed from `start`. A start outside office
 * hours counts from the next opening. The count ends at the first instant it is complete, so a count
 * that completes exactly at a close (12:00, 17:00) ends there, not at the next opening. A zero
 * duration gives the start itself if the office is open then, else the next opening.
 */
export function addOfficeTime(days: DayModel, start: number, durationMs: number): number {
  let remaining = durationMs;
  const first = days.dayOf(start);
  for (let day = first; day - first < MAX_DAYS_SCANNED; day++) {
    for (const [open, close] of days.officeHours(day)) {
      const from = Math.max(days.instantAt(day, open), start);
      const to = days.instantAt(day, close);
      if (to <= from) continue; // this interval is already over at `start`
      if (remaining <= to - from) return from + remaining;
      remaining -= to - from;
    }
  }
  throw new Error(`No office time to count ${durationMs} ms within ${MAX_DAYS_SCANNED} days`);
}

/** The close of office hours of a working day (17:00 by default). */
export function closeOf(days: DayModel, day: number): number {
  const hours = days.officeHours(day);
  const last = hours[hours.length - 1];
  if (!last) throw new Error(`Not a working day: day ${day}`);
  return days.instantAt(day, last[1]);
}

/** The opening of office hours of a working day (08:00 by default). */
export function openingOf(days: DayModel, day: number): number {
  const first = days.officeHours(day)[0];
  if (!first) throw new Error(`Not a working day: day ${day}`);
  return days.instantAt(day, first[0]);
}
