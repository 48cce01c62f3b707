import { toLocalIso } from '@motcua/calendar';
import type { StoreSchema } from '@motcua/store';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { ListScope } from '../dossiers/dossier-list.query';
import { dossierInScope } from './dashboard-scope';

/** `?unit=`: only one receiving one-stop unit's dossiers. */
export const PostalTransitQuerySchema = z.object({ unit: z.string().min(1).max(64).optional() }).strict();

const count = z.number().int().min(0);
export const PostalTransitSchema = z.object({
  at: z.string().describe('the instant the figures are for (now), RFC 3339 +07:00'),
  units: z
    .array(
      z.object({
        unit: z.string().describe('the receiving one-stop unit'),
        inTransit: count.describe('legs the post has taken (picked up, or handed the result) and not done its part of yet'),
        late: count.describe('of those in transit, past their transit target (J+1 / J+2 / J+4)'),
        endedLate: count.describe('legs the post finished after their transit target'),
      }),
    )
    .describe('per unit with a leg taken by the post'),
  lateLegs: z
    .array(z.object({ code: z.string(), unit: z.string(), leg: z.enum(['PICKUP', 'RETURN']), takenAt: z.string(), transitDueAt: z.string() }))
    .describe('the legs in transit past their target, the longest late first (at most 100)'),
});
export type PostalTransit = z.infer<typeof PostalTransitSchema>;

/** RFC 3339 in Vietnam time, to the second (the calendar's own formatter; these figures need no fraction). */
export const vietnamIso = (ms: number) => toLocalIso(Math.floor(ms / 1000) * 1000);

/**
 * The post's legs (rm_postal_legs, Decision 45/2016) as they stand at `now`: in transit, late
 * against their transit target, and finished late, per receiving unit. A leg of a dossier that
 * was withdrawn or stopped, or whose order was cancelled, is not in transit.
 */
export async function readPostalTransit(db: Kysely<StoreSchema>, now: number, scope: ListScope, unit?: string): Promise<PostalTransit> {
  let q = db
    .selectFrom('rm_postal_legs as l')
    .innerJoin('rm_dossiers as d', 'd.code', 'l.code')
    .select(['l.code', 'l.leg', 'l.taken_at', 'l.transit_due_at', 'l.ended_at', 'l.order_outcome', 'd.unit', 'd.withdrawn_at', 'd.stopped_at'])
    .where('l.taken_at', 'is not', null)
    .where(dossierInScope(scope));
  if (unit !== undefined) q = q.where('d.unit', '=', unit);
  const units = new Map<string, PostalTransit['units'][number]>();
  const lateLegs: (PostalTransit['lateLegs'][number] & { due: number })[] = [];
  for (const r of await q.execute()) {
    const u = units.get(r.unit) ?? { unit: r.unit, inTransit: 0, late: 0, endedLate: 0 };
    units.set(r.unit, u);
    const due = r.transit_due_at?.getTime() ?? null;
    if (r.ended_at !== null) {
      if (due !== null && r.ended_at.getTime() > due) u.endedLate++;
      continue;
    }
    if (r.order_outcome === 'CANCELLED' || r.withdrawn_at !== null || r.stopped_at !== null) continue;
    u.inTransit++;
    if (due !== null && due < now) {
      u.late++;
      lateLegs.push({ code: r.code, unit: r.unit, leg: r.leg, takenAt: vietnamIso(r.taken_at!.getTime()), transitDueAt: vietnamIso(due), due });
    }
  }
  return {
    at: vietnamIso(now),
    units: [...units.values()].sort((a, b) => a.unit.localeCompare(b.unit)),
    lateLegs: lateLegs
      .sort((a, b) => a.due - b.due || a.code.localeCompare(b.code))
      .slice(0, 100)
      .map(({ due: _due, ...l }) => l),
  };
}
