import type { StoreSchema } from '@motcua/store';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { ListScope } from '../dossiers/dossier-list.query';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const VN_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;
/** A year and a day: a calendar heat map of one year, whatever its length. */
const MAX_DAYS = 366;

/** `?from=YYYY-MM-DD&to=YYYY-MM-DD`, days in Vietnam, both included. */
export const BreachDaysQuerySchema = z
  .object({
    from: z.string().regex(DAY, 'a day YYYY-MM-DD').refine(isDay, 'a real day'),
    to: z.string().regex(DAY, 'a day YYYY-MM-DD').refine(isDay, 'a real day'),
  })
  .strict()
  .refine((q) => q.from <= q.to, 'from is not after to')
  .refine((q) => dayStart(q.to) - dayStart(q.from) < MAX_DAYS * DAY_MS, `at most ${MAX_DAYS} days`);

export interface BreachDay {
  day: string;
  /** Deadlines missed that day: the engine's OVERDUE alerts, dossiers and stage parts. */
  overdue: number;
  /** Apology duties missed that day (APOLOGY_MISSED). */
  apologyMissed: number;
}

/** A day of the calendar (2026-02-30 is not); zod runs this even after the pattern failed. */
function isDay(d: string): boolean {
  const ms = DAY.test(d) ? Date.parse(`${d}T00:00:00Z`) : NaN;
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === d;
}

/** 00:00 in Vietnam of the day (UTC+7 all year: no daylight saving). */
const dayStart = (d: string): number => Date.parse(`${d}T00:00:00Z`) - VN_OFFSET_MS;
const dayOf = (ms: number): string => new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 10);

/**
 * Breaches per day for the calendar heat map: the OVERDUE and APOLOGY_MISSED alerts of the read
 * model by the Vietnam day they were raised (the events' own time), of the dossiers `scope` may
 * read. Only the days with a breach are listed.
 */
export async function readBreachDays(db: Kysely<StoreSchema>, from: string, to: string, scope: ListScope): Promise<BreachDay[]> {
  let q = db
    .selectFrom('rm_alerts as a')
    .innerJoin('rm_dossiers as d', 'd.code', 'a.code')
    .select(['a.type', 'a.at'])
    .where('a.type', 'in', ['OVERDUE', 'APOLOGY_MISSED'])
    .where('a.at', '>=', new Date(dayStart(from)))
    .where('a.at', '<', new Date(dayStart(to) + DAY_MS));
  if (scope.kind === 'RECEIVING_UNIT') q = q.where('d.unit', '=', scope.unit);
  if (scope.kind === 'ROUTE_AGENCY') {
    const agency = scope.agency;
    q = q.where((eb) => eb.exists(eb.selectFrom('rm_stage_members as m').select('m.code').whereRef('m.code', '=', 'a.code').where('m.agency', '=', agency)));
  }
  const byDay = new Map<string, BreachDay>();
  for (const row of await q.execute()) {
    const day = dayOf(row.at.getTime());
    const entry = byDay.get(day) ?? { day, overdue: 0, apologyMissed: 0 };
    if (row.type === 'OVERDUE') entry.overdue++;
    else entry.apologyMissed++;
    byDay.set(day, entry);
  }
  return [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day));
}

/** The year up to `now`'s day (Vietnam): the default range. */
export function lastYear(now: number): { from: string; to: string } {
  return { from: dayOf(now - 364 * DAY_MS), to: dayOf(now) };
}
