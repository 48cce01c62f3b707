/**
 * Checks a CalendarDefinition once, when a calendar is built, so that a data mistake (a typo in a
 * yearly file, overlapping office hours) fails loudly at start-up instead of moving a deadline.
 */
import type { HolidayRule } from '../holidays/holiday-rule';
import { parseLocalDate, weekdayOf, yearMonthDayOf } from '../time/local-date';
import type { CalendarDefinition } from './calendar-definition';

export function validateDefinition(def: CalendarDefinition): void {
  const fail = (what: string): never => {
    throw new Error(`Calendar definition ${def.version || def.id}: ${what}`);
  };
  if (!def.id || !def.version.startsWith(`${def.id}@`)) fail(`version must be "<id>@<release>"`);
  if (!Number.isInteger(def.utcOffsetMinutes) || Math.abs(def.utcOffsetMinutes) > 14 * 60) fail('bad utcOffsetMinutes');
  if (!def.workingWeekdays.length || def.workingWeekdays.some((w) => !Number.isInteger(w) || w < 0 || w > 6)) {
    fail('workingWeekdays must list weekdays 0–6 (at least one)');
  }
  let previousEnd = 0;
  for (const [from, to] of def.officeHours) {
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < previousEnd || to <= from || to > 1440) {
      fail(`office hours must be ascending, disjoint, non-empty intervals within a day: ${JSON.stringify(def.officeHours)}`);
    }
    previousEnd = to;
  }
  if (!def.officeHours.length) fail('no office hours');
  if (!(def.hoursPerWorkingDay > 0)) fail('hoursPerWorkingDay must be positive');
  if (def.years && !(Number.isInteger(def.years.from) && def.years.from <= def.years.to)) fail('bad years range');
  def.holidayRules.forEach((r) => validateRule(r, fail));
  const seen = new Set<number>();
  for (const s of def.schedules) {
    if (seen.has(s.year)) fail(`two schedules for ${s.year}`);
    seen.add(s.year);
    for (const date of s.daysOff) {
      const d = parseLocalDate(date);
      if (yearMonthDayOf(d).year !== s.year) fail(`${date} listed in the ${s.year} schedule`);
      if (!def.workingWeekdays.includes(weekdayOf(d))) fail(`day off ${date} is not a working weekday`);
    }
    for (const date of s.makeUpWorkingDays) {
      const d = parseLocalDate(date);
      if (yearMonthDayOf(d).year !== s.year) fail(`${date} listed in the ${s.year} schedule`);
      if (def.workingWeekdays.includes(weekdayOf(d))) fail(`make-up day ${date} is already a working weekday`);
    }
  }
}

function validateRule(r: HolidayRule, fail: (what: string) => never): void {
  const where = `holiday rule ${JSON.stringify(r.name)}`;
  if (!Number.isInteger(r.from) || (r.until !== undefined && r.until < r.from)) fail(`${where}: bad from/until`);
  switch (r.kind) {
    case 'solar':
    case 'lunar':
    case 'adjacentDay':
      if (!(r.month >= 1 && r.month <= 12 && r.day >= 1 && r.day <= 31)) fail(`${where}: bad month/day`);
      if (r.kind === 'adjacentDay' && (r.offsetByWeekday.length !== 7 || r.offsetByWeekday.some((o) => o !== -1 && o !== 1))) {
        fail(`${where}: offsetByWeekday must be seven entries of -1 or 1`);
      }
      return;
    case 'lunarNewYear':
      if (!(Number.isInteger(r.days) && r.days >= 1 && Number.isInteger(r.daysBefore) && r.daysBefore >= 0)) fail(`${where}: bad days/daysBefore`);
      return;
    default:
      fail(`${where}: unknown kind ${JSON.stringify((r as { kind: unknown }).kind)}`);
  }
}
