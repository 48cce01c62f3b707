/**
 * VN-GOV, the government calendar for state agencies, from the data files in ./data/vn-gov.
 * A new year's official schedule is a new <year>.json imported below plus a new release entry in
 * calendar.json (with `"since"` in the new file).
 */
import type { CalendarDefinition, YearSchedule } from './definition/calendar-definition';
import type { CalendarData } from './definition/releases';
import { buildReleases } from './definition/releases';
import type { HolidayRule } from './holidays/holiday-rule';
import calendar from './data/vn-gov/calendar.json';
import holidays from './data/vn-gov/holidays.json';
import y2024 from './data/vn-gov/2024.json';
import y2025 from './data/vn-gov/2025.json';
import y2026 from './data/vn-gov/2026.json';

// JSON imports are typed structurally (number[][] rather than tuples, string rather than the 'kind'
// union); validateDefinition checks the content when a calendar is built.
const SCHEDULES = [y2024, y2025, y2026] as readonly YearSchedule[];

/** Every VN-GOV release, oldest first. */
export const VN_GOV_DEFINITIONS: readonly CalendarDefinition[] = buildReleases(
  calendar as unknown as CalendarData,
  holidays.rules as readonly HolidayRule[],
  SCHEDULES,
);
