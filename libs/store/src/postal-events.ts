import type { Kysely } from 'kysely';
import type { StoreSchema } from './schema';

export type PostalEventClaim =
  /** This delivery is the one to process (first seen, or an earlier claim expired). */
  | { outcome: 'claimed' }
  /** The same event, already answered: give the same answer, do nothing. */
  | { outcome: 'done'; status: number; answer: unknown }
  /** The same event, still being processed by an earlier delivery. */
  | { outcome: 'in-flight' }
  /** The same eventId with another body. */
  | { outcome: 'conflict' };

/**
 * De-duplication of the postal partner's events by eventId and a digest of the body, for good
 * (a partner may redeliver days later). Only answered events are remembered: a delivery whose
 * processing failed or was refused releases its claim, so the partner's retry is judged anew
 * against the dossier as it then is.
 */
export interface PostalEvents {
  /**
   * Claims `eventId` for processing. A claim older than `leaseMs` is taken over: its process
   * died mid-way, and the command it was giving is idempotent by the event id.
   */
  claim(eventId: string, bodyDigest: string, dossierCode: string, now: Date, leaseMs: number): Promise<PostalEventClaim>;
  /** Records the answer given: repeats get it from now on. */
  complete(eventId: string, status: number, answer: unknown): Promise<void>;
  /** Forgets an unanswered claim (refused, or failed): the next delivery is processed afresh. */
  release(eventId: string): Promise<void>;
}

export class SqlPostalEvents implements PostalEvents {
  constructor(private readonly db: Kysely<StoreSchema>) {}

  async claim(eventId: string, bodyDigest: string, dossierCode: string, now: Date, leaseMs: number): Promise<PostalEventClaim> {
    // Insert-or-read: of concurrent first deliveries exactly one inserts the row.
    const inserted = await this.db
      .insertInto('postal_events')
      .values({ event_id: eventId, body_digest: bodyDigest, state: 'IN_FLIGHT', claimed_at: now, dossier_code: dossierCode })
      .onConflict((c) => c.column('event_id').doNothing())
      .returning('event_id')
      .executeTakeFirst();
    if (inserted) return { outcome: 'claimed' };
    const row = await this.db.selectFrom('postal_events').selectAll().where('event_id', '=', eventId).executeTakeFirst();
    // Released between the insert and the read: as good as new, so try once more.
    if (!row) return this.claim(eventId, bodyDigest, dossierCode, now, leaseMs);
    if (row.body_digest !== bodyDigest) return { outcome: 'conflict' };
    if (row.state === 'DONE') return { outcome: 'done', status: row.answer_status!, answer: JSON.parse(row.answer!) };
    const expired = new Date(row.claimed_at).getTime() + leaseMs < now.getTime();
    if (!expired) return { outcome: 'in-flight' };
    // Only one taker of an expired claim: the update matches the claim instant it read.
    const taken = await this.db
      .updateTable('postal_events')
      .set({ claimed_at: now })
      .where('event_id', '=', eventId)
      .where('state', '=', 'IN_FLIGHT')
      .where('claimed_at', '=', row.claimed_at)
      .returning('event_id')
      .executeTakeFirst();
    return taken ? { outcome: 'claimed' } : { outcome: 'in-flight' };
  }

  async complete(eventId: string, status: number, answer: unknown): Promise<void> {
    await this.db
      .updateTable('postal_events')
      .set({ state: 'DONE', answer_status: status, answer: JSON.stringify(answer) })
      .where('event_id', '=', eventId)
      .execute();
  }

  async release(eventId: string): Promise<void> {
    await this.db.deleteFrom('postal_events').where('event_id', '=', eventId).where('state', '=', 'IN_FLIGHT').execute();
  }
}
