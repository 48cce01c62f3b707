/**
 * Days off of a year the government has not (yet) scheduled, derived from the holiday rules and the
 * Labour Code's compensation rule (Art. 111(3): a holiday on a weekly rest day gives a day off on the
 * next working day). Years with an official schedule never come here.
 */
import { lunarNewYear, lunarToSolar } from '../lunar/vietnamese-lunar';
import type { DayNumber } from '../time/local-date';
import { dayNumberOf, weekdayOf, yearMonthDayOf } from '../time/local-date';
import type { HolidayRule } from './holiday-rule';
import { appliesIn } from './holiday-rule';

export interface DefaultRulesContext {
  readonly rules: readonly HolidayRule[];
  readonly isWeeklyWorkday: (weekday: number) => boolean;
  readonly compensateWeeklyRestDays: boolean;
  readonly lunarTimeZoneHours: number;
}

/** The holidays a rule puts into its year `year` (may spill into a neighbouring solar year). */
export function occurrences(rule: HolidayRule, year: number, tz: number): DayNumber[] {
  if (!appliesIn(rule, year)) return [];
  switch (rule.kind) {
    case 'solar':
      return [dayNumberOf(year, rule.month, rule.day)];
    case 'lunar':
      return [lunarToSolar({ day: rule.day, month: rule.month, year, leap: false }, tz)];
    case 'lunarNewYear': {
      const first = lunarNewYear(year, tz) - rule.daysBefore;
      return Array.from({ length: rule.days }, (_, i) => first + i);
    }
    case 'adjacentDay': {
      const holiday = dayNumberOf(year, rule.month, rule.day);
      return [holiday + (rule.offsetByWeekday[weekdayOf(holiday)] ?? 0)];
    }
  }
}

/**
 * All days off in solar year `year` that are working weekdays (holidays and compensating days).
 * Rules of the neighbouring years are evaluated too, so that a holiday or a compensating day that
 * crosses New Year is not lost.
 */
export function defaultDaysOff(year: number, ctx: DefaultRulesContext): Set<DayNumber> {
  const holidays = new Set<DayNumber>();
  for (const y of [year - 1, year, year + 1]) {
    for (const rule of ctx.rules) for (const d of occurrences(rule, y, ctx.lunarTimeZoneHours)) holidays.add(d);
  }
  const off = new Set<DayNumber>();
  const sorted = [...holidays].sort((a, b) => a - b);
  for (const d of sorted) {
    if (ctx.isWeeklyWorkday(weekdayOf(d))) {
      off.add(d);
    } else if (ctx.compensateWeeklyRestDays && [0, 1, 2, 3, 4, 5, 6].some(ctx.isWeeklyWorkday)) {
      // The next working weekday that is neither a holiday nor already given as compensation.
      let c = d + 1;
      while (!ctx.isWeeklyWorkday(weekdayOf(c)) || holidays.has(c) || off.has(c)) c++;
      off.add(c);
    }
  }
  return new Set([...off].filter((d) => yearMonthDayOf(d).year === year));
}
