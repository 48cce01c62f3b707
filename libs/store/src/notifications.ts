import { sql, type Kysely, type Selectable } from 'kysely';
import type { NotificationTable, StoreSchema } from './schema';

/** A notification's idempotency key: the event that called for it, its kind and the channel. */
export interface NotificationKey {
  eventId: string;
  kind: string;
  channel: 'SMS' | 'EMAIL';
}

export type NotificationStatus = NotificationTable['status'];

export interface NotificationRecord extends NotificationKey {
  dossierCode: string;
  /** Masked. */
  to: string;
  text: string;
  status: NotificationStatus;
  /** How many times an activity took it up (1 when nothing was retried). */
  attempts: number;
  providerRef: string | null;
  error: string | null;
  recordedAt: Date;
  settledAt: Date | null;
}

/**
 * What the applicant was sent, one record per (event, kind, channel). The notification activity
 * records its intent before it calls the provider and settles the record after, so a retry finds
 * a settled record and sends nothing again (see activities/src/notifications/notify.activities.ts
 * for the one edge left: a send whose settling was lost).
 */
export interface Notifications {
  /** Records the intent (the first time) or takes the record up again (a retry): the record as it now stands. */
  intend(n: NotificationKey & { dossierCode: string; to: string; text: string }): Promise<NotificationRecord>;
  /** Settles a PENDING record; a settled one is never changed again. */
  settle(key: NotificationKey, outcome: { status: Exclude<NotificationStatus, 'PENDING'>; providerRef?: string | null; error?: string | null }, now?: Date): Promise<void>;
  /** Notes why a send failed for now (it stays PENDING and is retried). */
  noteError(key: NotificationKey, error: string): Promise<void>;
  ofDossier(dossierCode: string): Promise<NotificationRecord[]>;
}

export class SqlNotifications implements Notifications {
  constructor(private readonly db: Kysely<StoreSchema>) {}

  async intend(n: NotificationKey & { dossierCode: string; to: string; text: string }): Promise<NotificationRecord> {
    // Insert-or-count in one statement: of concurrent attempts exactly one inserts.
    const row = await this.db
      .insertInto('notifications')
      .values({ event_id: n.eventId, kind: n.kind, channel: n.channel, dossier_code: n.dossierCode, recipient: n.to, text: n.text, status: 'PENDING', attempts: 1 })
      .onConflict((c) => c.columns(['event_id', 'kind', 'channel']).doUpdateSet({ attempts: sql`notifications.attempts + 1` }))
      .returningAll()
      .executeTakeFirstOrThrow();
    return fromRow(row);
  }

  async settle(key: NotificationKey, outcome: { status: Exclude<NotificationStatus, 'PENDING'>; providerRef?: string | null; error?: string | null }, now = new Date()): Promise<void> {
    await this.db
      .updateTable('notifications')
      .set({ status: outcome.status, provider_ref: outcome.providerRef ?? null, error: outcome.error ?? null, settled_at: now })
      .where('event_id', '=', key.eventId)
      .where('kind', '=', key.kind)
      .where('channel', '=', key.channel)
      .where('status', '=', 'PENDING')
      .execute();
  }

  async noteError(key: NotificationKey, error: string): Promise<void> {
    await this.db
      .updateTable('notifications')
      .set({ error })
      .where('event_id', '=', key.eventId)
      .where('kind', '=', key.kind)
      .where('channel', '=', key.channel)
      .where('status', '=', 'PENDING')
      .execute();
  }

  async ofDossier(dossierCode: string): Promise<NotificationRecord[]> {
    const rows = await this.db
      .selectFrom('notifications')
      .selectAll()
      .where('dossier_code', '=', dossierCode)
      .orderBy('recorded_at')
      .orderBy('event_id')
      .orderBy('channel')
      .execute();
    return rows.map(fromRow);
  }
}

function fromRow(r: Selectable<NotificationTable>): NotificationRecord {
  return {
    eventId: r.event_id,
    kind: r.kind,
    channel: r.channel,
    dossierCode: r.dossier_code,
    to: r.recipient,
    text: r.text,
    status: r.status,
    attempts: r.attempts,
    providerRef: r.provider_ref,
    error: r.error,
    recordedAt: new Date(r.recorded_at),
    settledAt: r.settled_at === null ? null : new Date(r.settled_at),
  };
}
