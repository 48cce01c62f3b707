/**
 * The day-level view of a calendar: which local days are working days and their office hours.
 * Everything else (deadlines, alerts) is computed from this, so it is the only place that knows
 * about weekly patterns, official schedules and default holiday rules.
 */
import { defaultDaysOff } from '../holidays/default-days-off';
import type { DayNumber } from '../time/local-date';
import { formatLocalDate, parseLocalDate, weekdayOf, yearMonthDayOf } from '../time/local-date';
import { dayOfInstant, instantAt } from '../time/zone';
import type { CalendarDefinition, OfficeInterval } from './calendar-definition';

export interface DayModel {
  readonly offsetMinutes: number;
  isWorkingDay(day: DayNumber): boolean;
  /** [] on a day off. */
  officeHours(day: DayNumber): readonly OfficeInterval[];
  /** The first working day strictly after `day`. */
  nextWorkingDay(day: DayNumber): DayNumber;
  /** The last working day strictly before `day`. */
  previousWorkingDay(day: DayNumber): DayNumber;
  dayOf(instant: number): DayNumber;
  instantAt(day: DayNumber, minuteOfDay: number): number;
}

interface YearDays {
  readonly off: ReadonlySet<DayNumber>;
  readonly makeUp: ReadonlySet<DayNumber>;
}

// A calendar with no working day for a year is broken data; stop instead of looping forever.
const MAX_DAYS_WITHOUT_WORK = 366;

export function createDayModel(def: CalendarDefinition): DayModel {
  const weekly = new Set(def.workingWeekdays);
  const schedules = new Map(def.schedules.map((s) => [s.year, s]));
  // Memoised per year: pure data derived from immutable input, so caching cannot change results.
  const years = new Map<number, YearDays>();

  const yearDays = (year: number): YearDays => {
    let y = years.get(year);
    if (!y) {
      if (def.years && (year < def.years.from || year > def.years.to)) {
        throw new RangeError(`${def.version} covers the years ${def.years.from}–${def.years.to}, not ${year}`);
      }
      const official = schedules.get(year);
      y = official
        ? { off: new Set(official.daysOff.map(parseLocalDate)), makeUp: new Set(official.makeUpWorkingDays.map(parseLocalDate)) }
        : {
            off: defaultDaysOff(year, {
              rules: def.holidayRules,
              isWeeklyWorkday: (w) => weekly.has(w),
              compensateWeeklyRestDays: def.compensateWeeklyRestDays,
              lunarTimeZoneHours: def.lunarTimeZoneHours,
            }),
            makeUp: new Set<DayNumber>(),
          };
      years.set(year, y);
    }
    return y;
  };

  const isWorkingDay = (day: DayNumber): boolean => {
    const y = yearDays(yearMonthDayOf(day).year);
    if (y.makeUp.has(day)) return true;
    return weekly.has(weekdayOf(day)) && !y.off.has(day);
  };

  const step = (day: DayNumber, direction: 1 | -1): DayNumber => {
    for (let d = day + direction, n = 0; n < MAX_DAYS_WITHOUT_WORK; d += direction, n++) {
      if (isWorkingDay(d)) return d;
    }
    throw new Error(`${def.version}: no working day within ${MAX_DAYS_WITHOUT_WORK} days of ${formatLocalDate(day)}`);
  };

  return {
    offsetMinutes: def.utcOffsetMinutes,
    isWorkingDay,
    officeHours: (day) => (isWorkingDay(day) ? def.officeHours : []),
    nextWorkingDay: (day) => step(day, 1),
    previousWorkingDay: (day) => step(day, -1),
    dayOf: (instant) => dayOfInstant(instant, def.utcOffsetMinutes),
    instantAt: (day, minute) => instantAt(day, minute, def.utcOffsetMinutes),
  };
}
