export type { TimeUnit, TimeLimit, DeadlineOptions } from './deadline/time-limit';
export { DEFAULT_SAME_DAY_CUTOFF } from './deadline/time-limit';
export type { WorkingCalendar } from './working-calendar';
export { createWorkingCalendar } from './working-calendar';
export { vnGovCalendar, calendarFor, calendarVersions, alwaysOpenCalendar } from './registry';
export { toLocalIso, parseInstant } from './time/iso';
export type { CalendarDefinition, OfficeInterval, YearSchedule } from './definition/calendar-definition';
export type { CalendarData, Release } from './definition/releases';
export { buildReleases } from './definition/releases';
export type {
  HolidayRule,
  SolarHolidayRule,
  LunarHolidayRule,
  LunarNewYearRule,
  AdjacentDayRule,
} from './holidays/holiday-rule';
export type { LunarDate } from './lunar/vietnamese-lunar';
export { VIETNAM_LUNAR_TIME_ZONE } from './lunar/vietnamese-lunar';
export { toLunarDate, fromLunarDate } from './lunar/lunar-dates';
