import type { Kysely } from 'kysely';
import { parseWebhookSecrets, signWebhook } from '@motcua/standard-webhooks';
import type { StoreSchema } from '@motcua/store';

type Log = (level: string, msg: string, fields?: Record<string, unknown>) => void;

export interface AlertWebhookConfig {
  url: string;
  /** `whsec_<base64 key>`, as the postal webhook's. */
  secret: string;
}

/**
 * `ALERT_WEBHOOK_URL` and `ALERT_WEBHOOK_SECRET`. No URL: no webhook (null), nothing queued or
 * sent. A URL without a valid secret, or a URL that is not http(s), stops the projector at start:
 * an unsigned push, or one to nowhere, would fail in silence.
 */
export function alertWebhookFromEnv(env: NodeJS.ProcessEnv = process.env): AlertWebhookConfig | null {
  const url = env.ALERT_WEBHOOK_URL?.trim();
  if (!url) return null;
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new Error('ALERT_WEBHOOK_URL is not a URL');
  }
  if (protocol !== 'http:' && protocol !== 'https:') throw new Error('ALERT_WEBHOOK_URL must be http(s)');
  const secret = env.ALERT_WEBHOOK_SECRET?.trim() ?? '';
  if (!secret) throw new Error('ALERT_WEBHOOK_URL is set without ALERT_WEBHOOK_SECRET: alerts are sent signed only');
  try {
    if (parseWebhookSecrets(secret).length !== 1) throw new Error('one secret');
  } catch {
    throw new Error('ALERT_WEBHOOK_SECRET is not one whsec_<base64 of at least 24 bytes>');
  }
  return { url, secret };
}

export interface AlertWebhookSenderOptions extends AlertWebhookConfig {
  db: Kysely<StoreSchema>;
  log?: Log;
  /** Tests: a clock of their own. */
  now?: () => number;
  /** How often the outbox is looked at when idle or waiting; default 2 s. */
  pollMs?: number;
  /** Back-off after a failed attempt: first, doubled each time, capped. Default 1 s … 5 min. */
  backoff?: { firstMs: number; maxMs: number };
  /** Per attempt; default 10 s. */
  timeoutMs?: number;
}

type Outcome = { kind: 'delivered' } | { kind: 'retry'; error: string } | { kind: 'failed'; error: string };

/**
 * Sends the alerts' outbox to the webhook, at least once and in the order they were raised: the
 * oldest pending row goes first, and while it waits for its back-off the ones behind it wait too.
 * Each request is signed with Standard Webhooks headers; `webhook-id` is the event id, the same on
 * every attempt, so the receiver drops a repeat (the answer lost after a delivery, two projector
 * processes sending the same row). A 2xx settles the row SENT; 5xx, 408, 429 and network errors
 * are retried with back-off; any other answer (a 4xx: the receiver will never take it) settles it
 * FAILED, kept with its error for the operator, and the rows behind it go on.
 */
export class AlertWebhookSender {
  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<unknown> = Promise.resolve();
  private running = false;

  constructor(private readonly o: AlertWebhookSenderOptions) {}

  private now(): number {
    return this.o.now?.() ?? Date.now();
  }

  /** One pass over the outbox: sends what is due, in order. Returns how many were delivered. */
  async sendDue(): Promise<number> {
    const { db } = this.o;
    let delivered = 0;
    for (;;) {
      const row = await db
        .selectFrom('alert_webhook_outbox')
        .select(['event_id', 'body', 'attempts', 'next_attempt_at'])
        .where('status', '=', 'PENDING')
        .orderBy('position')
        .limit(1)
        .executeTakeFirst();
      if (!row || row.next_attempt_at.getTime() > this.now()) return delivered;
      const outcome = await this.post(row.event_id, row.body);
      const attempts = row.attempts + 1;
      const at = new Date(this.now());
      const update = db.updateTable('alert_webhook_outbox').where('event_id', '=', row.event_id);
      if (outcome.kind === 'delivered') {
        await update.set({ status: 'SENT', attempts, settled_at: at, last_error: null }).execute();
        delivered++;
        continue;
      }
      if (outcome.kind === 'failed') {
        await update.set({ status: 'FAILED', attempts, settled_at: at, last_error: outcome.error }).execute();
        this.o.log?.('warn', 'alert webhook refused an alert for good', { eventId: row.event_id, error: outcome.error });
        continue;
      }
      const { firstMs, maxMs } = this.o.backoff ?? { firstMs: 1000, maxMs: 300_000 };
      const wait = Math.min(maxMs, firstMs * 2 ** Math.min(attempts - 1, 30));
      await update.set({ attempts, next_attempt_at: new Date(at.getTime() + wait), last_error: outcome.error }).execute();
      this.o.log?.('warn', 'alert webhook attempt failed, will retry', { eventId: row.event_id, attempts, retryInMs: wait, error: outcome.error });
      return delivered;
    }
  }

  private async post(eventId: string, body: string): Promise<Outcome> {
    const headers = signWebhook(this.o.secret, eventId, Math.floor(this.now() / 1000), body);
    let status: number;
    try {
      const res = await fetch(this.o.url, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 10_000),
      });
      status = res.status;
      await res.body?.cancel();
    } catch (e) {
      return { kind: 'retry', error: e instanceof Error ? e.message : String(e) };
    }
    if (status >= 200 && status < 300) return { kind: 'delivered' };
    if (status >= 500 || status === 408 || status === 429) return { kind: 'retry', error: `HTTP ${status}` };
    return { kind: 'failed', error: `HTTP ${status}` };
  }

  /** Polls the outbox until stop(); a pass that throws (the store away) is logged and tried again. */
  start(): void {
    if (this.running) return;
    this.running = true;
    const tick = () => {
      this.pass = this.sendDue()
        .catch((e) => this.o.log?.('error', 'alert webhook pass failed', { error: e instanceof Error ? e.message : String(e) }))
        .finally(() => {
          if (this.running) this.timer = setTimeout(tick, this.o.pollMs ?? 2000);
        });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.pass;
  }

  /** Prometheus lines, from the outbox itself (so they survive a restart). */
  async metrics(): Promise<string[]> {
    const rows = await this.o.db
      .selectFrom('alert_webhook_outbox')
      .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('status')
      .execute();
    const n = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
    return [
      '# HELP motcua_alert_webhook_sent_total Near-due and overdue alerts the webhook accepted (2xx).',
      '# TYPE motcua_alert_webhook_sent_total counter',
      `motcua_alert_webhook_sent_total ${n('SENT')}`,
      '# HELP motcua_alert_webhook_failed_total Alerts the webhook refused for good (a 4xx other than 408/429); kept in alert_webhook_outbox.',
      '# TYPE motcua_alert_webhook_failed_total counter',
      `motcua_alert_webhook_failed_total ${n('FAILED')}`,
      '# HELP motcua_alert_webhook_pending Alerts waiting to be sent (new, or retrying after a failure).',
      '# TYPE motcua_alert_webhook_pending gauge',
      `motcua_alert_webhook_pending ${n('PENDING')}`,
    ];
  }
}
