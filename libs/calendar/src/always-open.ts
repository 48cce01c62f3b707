/**
 * TEST-ALWAYS-OPEN: every minute of every day is office time, no holidays. For integration tests
 * that need deadlines to pass in real time; never for real dossiers.
 *
 * How each unit behaves there (a "day" closes at 24:00, i.e. at the next local midnight, UTC+7):
 * - WORKING_HOURS n: exactly start + n hours (e.g. 0.001 h = 3.6 s).
 * - WORKING_DAYS whole N: midnight ending the N-th calendar day after the start's date
 *   (Monday 09:00 + 1 → Wednesday 00:00); a fraction adds f × 8 hours after that; under one day,
 *   start + amount × 8 hours (0.5 → 4 h; 0.0001 → 2.88 s).
 * - SAME_DAY: the next local midnight if started before the cut-off, else the one after.
 * - nearDueAt / apologyDeadline: 00:00 / 24:00 of the day before the due instant's local date.
 */
import type { CalendarDefinition } from './definition/calendar-definition';

export const ALWAYS_OPEN_DEFINITION: CalendarDefinition = {
  id: 'TEST-ALWAYS-OPEN',
  version: 'TEST-ALWAYS-OPEN@1',
  utcOffsetMinutes: 420,
  workingWeekdays: [0, 1, 2, 3, 4, 5, 6],
  officeHours: [[0, 1440]],
  hoursPerWorkingDay: 8,
  holidayRules: [],
  compensateWeeklyRestDays: false,
  lunarTimeZoneHours: 7,
  schedules: [],
};
