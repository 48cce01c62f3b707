import type { Kysely, Transaction } from 'kysely';
import type { RecordedEvent } from '@motcua/dossier';
import type { StoreSchema } from '@motcua/store';
import { CloudEventRefused, fromCloudEvent } from '@motcua/wire';
import { enqueueAlert } from '../alerts/alert-outbox';
import { applyChanges } from './apply';
import { foldIntoCurrentVersion } from './read-model-version';
import { changesOf } from './projection';

/** One message of a partition, as the bus delivered it. */
export interface FoldMessage {
  readonly offset: string;
  readonly value: string;
}

export interface FoldBatch {
  readonly group: string;
  readonly topic: string;
  readonly partition: number;
  /** In partition order. */
  readonly messages: readonly FoldMessage[];
  /**
   * Put near-due and overdue alerts in the webhook's outbox as they are folded (only when a
   * webhook is configured: otherwise the outbox would grow unread, and a later configuration
   * would push a stale backlog).
   */
  readonly enqueueAlerts?: boolean;
}

export interface FoldStats {
  /** Events folded into the read model (including held ones released by the event they waited for). */
  applied: number;
  /** Events whose sequence was already folded, or already held: nothing changed. */
  duplicates: number;
  /**
   * New gaps: an event came with a sequence beyond the next one of a dossier not held yet; it and
   * the dossier's later events are held, not folded.
   */
  gaps: number;
  /** Messages fromCloudEvent refused (kept in projector_refused). */
  refused: number;
}

export const noStats = (): FoldStats => ({ applied: 0, duplicates: 0, gaps: 0, refused: 0 });

/**
 * Folds one partition's batch into the read model and records where the partition goes on, in
 * ONE transaction: after a crash either both happened or neither, so the projector resumes at
 * the stored offset and nothing is applied twice or skipped (exactly-once effect over an
 * at-least-once bus).
 *
 * Per dossier, by `sequence` (1..n without gaps, contract): the next one is folded; one already
 * folded is a duplicate and skipped; one beyond the next is a gap. A gap is recorded and the event
 * HELD: it stays in the archive unfolded, and so do the dossier's later events, until the
 * missing one arrives, which then releases them in order. Folding past a gap would make a row
 * that the domain never had (a status without the events that led to it) and a later
 * re-delivery of the missing event could not be folded any more (its sequence would look old);
 * holding keeps every row equal to the domain's fold of a prefix of the log.
 */
export async function foldBatch(db: Kysely<StoreSchema>, batch: FoldBatch): Promise<FoldStats> {
  if (batch.messages.length === 0) return noStats();
  return db.transaction().execute(async (trx) => {
    await foldIntoCurrentVersion(trx);
    const stats = noStats();
    const stored = await trx
      .selectFrom('projector_offsets')
      .select('next_offset')
      .where('group_id', '=', batch.group)
      .where('topic', '=', batch.topic)
      .where('partition', '=', batch.partition)
      .executeTakeFirst();
    const from = stored ? BigInt(stored.next_offset) : 0n;
    const decoded: { r: RecordedEvent; value: string }[] = [];
    for (const m of batch.messages) {
      // Already folded in an earlier transaction (the bus re-delivered after a crash before its
      // own commit): the stored offset is the truth.
      if (BigInt(m.offset) < from) continue;
      try {
        decoded.push({ r: fromCloudEvent(m.value), value: m.value });
      } catch (e) {
        if (!(e instanceof CloudEventRefused)) throw e;
        const inserted = await trx
          .insertInto('projector_refused')
          .values({ topic: batch.topic, partition: batch.partition, offset: m.offset, value: m.value, reason: e.message })
          .onConflict((o) => o.columns(['topic', 'partition', 'offset']).doNothing())
          .returning('offset')
          .executeTakeFirst();
        if (inserted) stats.refused++;
      }
    }
    if (decoded.length) {
      // Set-wise, not per event: the archive (the first copy of each id, exactly as received),
      // each dossier's last folded sequence, and the dossiers held at a gap.
      const archived = new Set<string>();
      for (let i = 0; i < decoded.length; i += 500) {
        const rows = decoded
          .slice(i, i + 500)
          .map(({ r, value }) => ({ id: r.id, code: r.code, sequence: r.sequence, type: r.event.type, time: new Date(r.event.at), cloud_event: value }));
        const inserted = await trx.insertInto('event_archive').values(rows).onConflict((o) => o.column('id').doNothing()).returning('id').execute();
        for (const { id } of inserted) archived.add(id);
      }
      const codes = [...new Set(decoded.map((d) => d.r.code))];
      const last = new Map<string, number>();
      const held = new Set<string>();
      for (let i = 0; i < codes.length; i += 500) {
        const some = codes.slice(i, i + 500);
        for (const row of await trx.selectFrom('rm_dossiers').select(['code', 'last_sequence']).where('code', 'in', some).execute()) last.set(row.code, row.last_sequence);
        for (const row of await trx.selectFrom('projector_gaps').select('code').where('code', 'in', some).where('resolved_at', 'is', null).execute()) held.add(row.code);
      }
      // The first copy of an id in this batch is the one archived now.
      for (const { r } of decoded) await foldOne(trx, r, archived.delete(r.id), archived, last, held, stats, batch.enqueueAlerts ?? false);
    }
    const next = (BigInt(batch.messages[batch.messages.length - 1].offset) + 1n).toString();
    await trx
      .insertInto('projector_offsets')
      .values({ group_id: batch.group, topic: batch.topic, partition: batch.partition, next_offset: next })
      .onConflict((o) => o.columns(['group_id', 'topic', 'partition']).doUpdateSet({ next_offset: next }))
      .execute();
    return stats;
  });
}

async function foldOne(
  trx: Transaction<StoreSchema>,
  r: RecordedEvent,
  archivedNow: boolean,
  /** Archived by this batch but further on in it: not received yet, as far as folding goes. */
  pending: ReadonlySet<string>,
  lastOf: Map<string, number>,
  held: Set<string>,
  stats: FoldStats,
  enqueueAlerts: boolean,
) {
  const apply = async (e: RecordedEvent) => {
    await applyChanges(trx, changesOf(e));
    if (enqueueAlerts) await enqueueAlert(trx, e);
  };
  const last = lastOf.get(r.code) ?? 0;
  if (r.sequence <= last) {
    stats.duplicates++;
    return;
  }
  if (r.sequence > last + 1) {
    // Held already (archived before), and delivered again; or a later event of a dossier held
    // at a gap: one gap per hole, its later events wait behind the same one.
    if (!archivedNow) stats.duplicates++;
    if (!archivedNow || held.has(r.code)) return;
    await trx.insertInto('projector_gaps').values({ code: r.code, expected: last + 1, got: r.sequence, resolved_at: null }).execute();
    held.add(r.code);
    stats.gaps++;
    return;
  }
  await apply(r);
  stats.applied++;
  let folded = r.sequence;
  if (held.has(r.code)) {
    // Release the events held behind this one, in order, from the archive.
    for (;;) {
      const next = await trx.selectFrom('event_archive').select(['id', 'cloud_event']).where('code', '=', r.code).where('sequence', '=', folded + 1).executeTakeFirst();
      if (!next || pending.has(next.id)) break;
      await apply(fromCloudEvent(next.cloud_event));
      stats.applied++;
      folded++;
    }
    // Gaps at or below what is folded now are filled. Events held further on (behind another
    // hole, seen while the dossier was held already) make that hole a gap of its own.
    await trx.updateTable('projector_gaps').set({ resolved_at: new Date() }).where('code', '=', r.code).where('got', '<=', folded).where('resolved_at', 'is', null).execute();
    const later = await trx.selectFrom('event_archive').select(['id', 'sequence']).where('code', '=', r.code).where('sequence', '>', folded).orderBy('sequence').execute();
    const further = { got: later.find((e) => !pending.has(e.id))?.sequence ?? null };
    if (further.got === null) {
      held.delete(r.code);
    } else {
      const gap = await trx
        .insertInto('projector_gaps')
        .values({ code: r.code, expected: folded + 1, got: further.got, resolved_at: null })
        .onConflict((o) => o.columns(['code', 'got']).doNothing())
        .returning('got')
        .execute();
      stats.gaps += gap.length;
    }
  }
  lastOf.set(r.code, folded);
}
