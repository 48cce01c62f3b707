import type { NotificationKey, NotificationRecord, Notifications, NotificationStatus } from '../notifications';

/** The notifications store in memory (tests, and a worker without a shared store). */
export class MemoryNotifications implements Notifications {
  readonly rows = new Map<string, NotificationRecord>();

  async intend(n: NotificationKey & { dossierCode: string; to: string; text: string }): Promise<NotificationRecord> {
    const id = keyOf(n);
    const row = this.rows.get(id);
    const next: NotificationRecord = row
      ? { ...row, attempts: row.attempts + 1 }
      : { eventId: n.eventId, kind: n.kind, channel: n.channel, dossierCode: n.dossierCode, to: n.to, text: n.text, status: 'PENDING', attempts: 1, providerRef: null, error: null, recordedAt: new Date(), settledAt: null };
    this.rows.set(id, next);
    return { ...next };
  }

  async settle(key: NotificationKey, outcome: { status: Exclude<NotificationStatus, 'PENDING'>; providerRef?: string | null; error?: string | null }, now = new Date()): Promise<void> {
    const row = this.rows.get(keyOf(key));
    if (row?.status !== 'PENDING') return;
    this.rows.set(keyOf(key), { ...row, status: outcome.status, providerRef: outcome.providerRef ?? null, error: outcome.error ?? null, settledAt: now });
  }

  async noteError(key: NotificationKey, error: string): Promise<void> {
    const row = this.rows.get(keyOf(key));
    if (row?.status === 'PENDING') this.rows.set(keyOf(key), { ...row, error });
  }

  async ofDossier(dossierCode: string): Promise<NotificationRecord[]> {
    return [...this.rows.values()].filter((r) => r.dossierCode === dossierCode).map((r) => ({ ...r }));
  }
}

function keyOf(k: NotificationKey): string {
  return `${k.eventId}|${k.kind}|${k.channel}`;
}
