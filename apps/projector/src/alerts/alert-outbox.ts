import type { Transaction } from 'kysely';
import { toLocalIso } from '@motcua/calendar';
import type { RecordedEvent } from '@motcua/dossier';
import type { StoreSchema } from '@motcua/store';

/** The alerts the operations team wants out of the page: a deadline close or passed. */
const PUSHED_ALERTS: ReadonlySet<string> = new Set(['NEAR_DUE', 'OVERDUE']);

/**
 * What the webhook receives for one alert. Codes, agencies and instants only: no applicant, no
 * officer's name (ONE-STOP: no personal data leaves in events or logs, nor here).
 */
export interface AlertWebhookBody {
  eventId: string;
  type: 'dossier.alert';
  alert: string;
  scope: string;
  dossierCode: string;
  /** The agency the alert is about (a stage's member), else the dossier's lead agency; null if neither is known. */
  agency: string | null;
  dueAt?: string;
  raisedAt: string;
}

/**
 * Puts a near-due or overdue AlertRaised into the webhook's outbox, in the fold's own transaction:
 * the row exists if and only if the event was folded. Keyed by the event id, so an event folded
 * again (a replay, a duplicate delivered past the sequence check) adds nothing.
 */
export async function enqueueAlert(trx: Transaction<StoreSchema>, r: RecordedEvent): Promise<void> {
  const e = r.event;
  if (e.type !== 'AlertRaised' || !PUSHED_ALERTS.has(e.alert)) return;
  const dossier = e.agency ? null : await trx.selectFrom('rm_dossiers').select('lead_agency').where('code', '=', r.code).executeTakeFirst();
  const body: AlertWebhookBody = {
    eventId: r.id,
    type: 'dossier.alert',
    alert: e.alert,
    scope: e.scope,
    dossierCode: r.code,
    agency: e.agency ?? dossier?.lead_agency ?? null,
    // RFC 3339 in Asia/Ho_Chi_Minh, as on the wire.
    dueAt: toLocalIso(e.dueAt),
    raisedAt: toLocalIso(e.at),
  };
  await trx
    .insertInto('alert_webhook_outbox')
    .values({ event_id: r.id, dossier_code: r.code, body: JSON.stringify(body), raised_at: new Date(e.at), last_error: null, settled_at: null })
    .onConflict((o) => o.column('event_id').doNothing())
    .execute();
}
