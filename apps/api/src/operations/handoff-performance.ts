import { isPeriod, parsePeriod, type Period } from '@motcua/reports';
import type { StoreSchema } from '@motcua/store';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { badRequest } from '../errors/api-error';
import { parseOr400 } from '../errors/parse-body';
import type { ListScope } from '../dossiers/dossier-list.query';
import { dossierInScope } from './dashboard-scope';

/** `?from=&to=[&agency=]`: the period as the reports take it (rules REPORT.*), optionally one receiver. */
export const HandoffQuerySchema = z
  .object({
    from: z.unknown().optional(),
    to: z.unknown().optional(),
    agency: z.string().min(1).max(64).optional().describe('only rows received by this agency or one-stop unit'),
  })
  .strict();

const count = z.number().int().min(0);
export const HandoffReceiverSchema = z.object({
  receiver: z.string().describe('the receiving agency code, or the one-stop unit\'s identifier for the rows back to it'),
  kind: z.enum(['AGENCY', 'ONE_STOP_UNIT']).describe('AGENCY: a stage member received the dossier to process it; ONE_STOP_UNIT: the result or refusal came back'),
  received: count.describe('handed over to it in the period'),
  finished: count.describe('of all its rows, finished in the period'),
  early: count,
  onTime: count,
  late: count,
  open: count.describe('handed over before the period\'s end and not finished by it'),
  overdue: count.describe('of the open, past their deadline at the period\'s end'),
});
export const HandoffPerformanceSchema = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  receivers: z.array(HandoffReceiverSchema).describe('per receiver, where something counts, by code'),
});
export type HandoffPerformance = z.infer<typeof HandoffPerformanceSchema>;
type Receiver = z.infer<typeof HandoffReceiverSchema>;

export function parseHandoffQuery(query: unknown): { period: Period; agency?: string } {
  const q = parseOr400(HandoffQuerySchema, query ?? {}, 'query');
  const period = parsePeriod(q.from, q.to);
  if (!isPeriod(period)) throw badRequest(period.message, period.rule);
  return { period, ...(q.agency === undefined ? {} : { agency: q.agency }) };
}

/**
 * The control sheet's rows (rm_handoffs, Form 05) per receiver for a period: each row is the
 * receiver's finish against the deadline it was handed (restarted by a supplement), classified by
 * the domain as EARLY / ON_TIME / LATE; a row back to the one-stop unit carries the dossier's.
 */
export async function readHandoffPerformance(db: Kysely<StoreSchema>, period: Period, scope: ListScope, agency?: string): Promise<HandoffPerformance> {
  const start = new Date(period.start);
  const end = new Date(period.end);
  let q = db
    .selectFrom('rm_handoffs as h')
    .innerJoin('rm_dossiers as d', 'd.code', 'h.code')
    .select(['h.to_unit', 'h.to_member', 'h.handed_over_at', 'h.due_at', 'h.finished_at', 'h.outcome'])
    .where('h.handed_over_at', '<', end)
    .where((eb) => eb.or([eb('h.finished_at', 'is', null), eb('h.finished_at', '>=', start)]))
    .where(dossierInScope(scope));
  if (agency !== undefined) q = q.where('h.to_unit', '=', agency);
  const by = new Map<string, Receiver>();
  for (const r of await q.execute()) {
    const kind = r.to_member === null ? 'ONE_STOP_UNIT' : 'AGENCY';
    const key = `${kind}:${r.to_unit}`;
    const x = by.get(key) ?? { receiver: r.to_unit, kind, received: 0, finished: 0, early: 0, onTime: 0, late: 0, open: 0, overdue: 0 };
    const at = r.handed_over_at.getTime();
    if (at >= period.start) x.received++;
    const finished = r.finished_at?.getTime() ?? null;
    if (finished !== null && finished >= period.start && finished < period.end) {
      x.finished++;
      if (r.outcome === 'EARLY') x.early++;
      if (r.outcome === 'ON_TIME') x.onTime++;
      if (r.outcome === 'LATE') x.late++;
    } else if (finished === null || finished >= period.end) {
      x.open++;
      if (r.due_at.getTime() < period.end) x.overdue++;
    }
    by.set(key, x);
  }
  const receivers = [...by.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.receiver.localeCompare(b.receiver));
  return { period: { from: period.from, to: period.to }, receivers };
}
