import type { Kysely, Transaction } from 'kysely';
import type { RecordedEvent } from '@motcua/dossier';
import type { StoreSchema } from '@motcua/store';
import { CloudEventRefused, fromCloudEvent } from '@motcua/wire';
import { applyChanges } from './apply';
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
    const stats = noStats();
    const stored = await trx
      .selectFrom('projector_offsets')
      .select('next_offset')
      .where('group_id', '=', batch.group)
      .where('topic', '=', batch.topic)
      .where('partition', '=', batch.partition)
      .executeTakeFirst();
    const from = stored ? BigInt(stored.next_offset) : 0n;
    const last = new Map<string, number>();
    for (const m of batch.messages) {
      // Already folded in an earlier transaction (the bus re-delivered after a crash before its
      // own commit): the stored offset is the truth.
      if (BigInt(m.offset) < from) continue;
      let r: RecordedEvent;
      try {
        r = fromCloudEvent(m.value);
      } catch (e) {
        if (!(e instanceof CloudEventRefused)) throw e;
        const inserted = await trx
          .insertInto('projector_refused')
          .values({ topic: batch.topic, partition: batch.partition, offset: m.offset, value: m.value, reason: e.message })
          .onConflict((o) => o.columns(['topic', 'partition', 'offset']).doNothing())
          .returning('offset')
          .executeTakeFirst();
        if (inserted) stats.refused++;
        continue;
      }
      await foldOne(trx, r, m.value, last, stats);
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

async function lastSequence(trx: Transaction<StoreSchema>, code: string, cache: Map<string, number>): Promise<number> {
  const cached = cache.get(code);
  if (cached !== undefined) return cached;
  const row = await trx.selectFrom('rm_dossiers').select('last_sequence').where('code', '=', code).executeTakeFirst();
  return row?.last_sequence ?? 0;
}

async function foldOne(trx: Transaction<StoreSchema>, r: RecordedEvent, value: string, cache: Map<string, number>, stats: FoldStats) {
  // The archive keeps the first copy of each event id exactly as received.
  const archived = await trx
    .insertInto('event_archive')
    .values({ id: r.id, code: r.code, sequence: r.sequence, type: r.event.type, time: new Date(r.event.at), cloud_event: value })
    .onConflict((o) => o.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  const last = await lastSequence(trx, r.code, cache);
  if (r.sequence <= last) {
    stats.duplicates++;
    return;
  }
  if (r.sequence > last + 1) {
    if (!archived) {
      // Held already, and delivered again.
      stats.duplicates++;
      return;
    }
    // One gap per hole: the dossier's later events, while it is held, wait behind the same one.
    const open = await trx.selectFrom('projector_gaps').select('got').where('code', '=', r.code).where('resolved_at', 'is', null).executeTakeFirst();
    if (open) return;
    const gap = await trx
      .insertInto('projector_gaps')
      .values({ code: r.code, expected: last + 1, got: r.sequence, resolved_at: null })
      .onConflict((o) => o.columns(['code', 'got']).doNothing())
      .returning('got')
      .executeTakeFirst();
    if (gap) stats.gaps++;
    return;
  }
  await applyChanges(trx, changesOf(r));
  stats.applied++;
  let folded = r.sequence;
  // Release the events held behind this one, in order, from the archive.
  for (;;) {
    const held = await trx.selectFrom('event_archive').select('cloud_event').where('code', '=', r.code).where('sequence', '=', folded + 1).executeTakeFirst();
    if (!held) break;
    await applyChanges(trx, changesOf(fromCloudEvent(held.cloud_event)));
    stats.applied++;
    folded++;
  }
  if (folded > r.sequence) {
    await trx.updateTable('projector_gaps').set({ resolved_at: new Date() }).where('code', '=', r.code).where('got', '<=', folded).where('resolved_at', 'is', null).execute();
  }
  cache.set(r.code, folded);
}
