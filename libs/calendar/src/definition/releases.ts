/**
 * Builds one CalendarDefinition per release from append-only data.
 *
 * A deadline records the calendar version it was computed with, and a workflow replays its code
 * with that version, so a released version must compute the same dates forever. Data is therefore
 * never edited in place: a change is a new release, and records added for it carry `since`. Release
 * N sees the base settings with the overrides of releases 1..N, the holiday rules and the yearly
 * schedules without `since` or with `since` at or before N (for a year, the latest such schedule).
 */
import type { HolidayRule } from '../holidays/holiday-rule';
import type { CalendarDefinition, YearSchedule } from './calendar-definition';

export type BaseSettings = Omit<CalendarDefinition, 'version' | 'holidayRules' | 'schedules'>;

export interface Release {
  readonly release: string;
  readonly notes?: string;
  /** Settings changed from this release on (e.g. other office hours). */
  readonly changes?: Partial<Omit<BaseSettings, 'id'>>;
}

export interface CalendarData extends BaseSettings {
  readonly releases: readonly Release[];
}

export function buildReleases(
  data: CalendarData,
  holidayRules: readonly HolidayRule[],
  schedules: readonly YearSchedule[],
): CalendarDefinition[] {
  const order = new Map(data.releases.map((r, i) => [r.release, i]));
  if (order.size !== data.releases.length || order.size === 0) {
    throw new Error(`Calendar ${data.id}: releases must be non-empty and distinct`);
  }
  const indexOf = (since: string | undefined, what: string): number => {
    if (since === undefined) return 0;
    const i = order.get(since);
    if (i === undefined) throw new Error(`Calendar ${data.id}: ${what} names an unknown release ${JSON.stringify(since)}`);
    return i;
  };
  const ruleSince = holidayRules.map((r) => indexOf(r.since, `holiday rule ${JSON.stringify(r.name)}`));
  const scheduleSince = schedules.map((s) => indexOf(s.since, `the ${s.year} schedule`));
  const seen = new Set<string>();
  schedules.forEach((s, i) => {
    const key = `${s.year}@${scheduleSince[i]}`;
    if (seen.has(key)) throw new Error(`Calendar ${data.id}: two schedules for ${s.year} in the same release`);
    seen.add(key);
  });

  let settings: BaseSettings = pickSettings(data);
  return data.releases.map((release, n) => {
    settings = { ...settings, ...release.changes };
    // Per year, the schedule of the latest release up to this one (a correction replaces the original).
    const latestPerYear = new Map<number, YearSchedule>();
    schedules
      .map((s, i) => ({ s, since: scheduleSince[i]! }))
      .filter((x) => x.since <= n)
      .sort((a, b) => a.since - b.since)
      .forEach(({ s }) => latestPerYear.set(s.year, s));
    return {
      ...settings,
      version: `${data.id}@${release.release}`,
      holidayRules: holidayRules.filter((_, i) => ruleSince[i]! <= n),
      schedules: [...latestPerYear.values()].sort((a, b) => a.year - b.year),
    };
  });
}

function pickSettings(data: CalendarData): BaseSettings {
  const { id, utcOffsetMinutes, workingWeekdays, officeHours, hoursPerWorkingDay, compensateWeeklyRestDays, lunarTimeZoneHours, years } = data;
  return { id, utcOffsetMinutes, workingWeekdays, officeHours, hoursPerWorkingDay, compensateWeeklyRestDays, lunarTimeZoneHours, ...(years ? { years } : {}) };
}
