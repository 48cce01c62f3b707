import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { parseWebhookSecrets, StandardWebhookVerifier } from '@motcua/standard-webhooks';
import type { AlertWebhookBody } from './alert-outbox';

/** An alert is a few hundred bytes; anything far larger is not one of ours. */
const MAX_BODY_BYTES = 64 * 1024;
/** Webhook ids remembered to drop a repeat (the sender retries with the same id). */
const REMEMBERED_IDS = 10_000;

export interface AlertReceiverOptions {
  /** The projector's ALERT_WEBHOOK_SECRET (`whsec_…`). */
  secret: string;
  /** Each alert once, in the order received, after its signature checked. */
  onAlert: (alert: AlertWebhookBody) => void;
  /** Each request refused, with why (the listener prints it on stderr). */
  onRefused?: (status: number, reason: string) => void;
  /** Tests: a clock of their own (the signature's timestamp must be within 5 minutes of it). */
  now?: () => number;
}

/**
 * The operations team's end of the alerts' webhook, for trying it locally (npm run alerts:listen):
 * a POST whose Standard Webhooks signature verifies with the projector's secret is answered 204
 * and handed over once (a repeat of a `webhook-id` is answered 204 and dropped, as the sender's
 * contract asks of a receiver); a bad or missing signature 401, a body that is not an alert 400.
 */
export function createAlertReceiver(o: AlertReceiverOptions): Server {
  const verifier = new StandardWebhookVerifier(parseWebhookSecrets(o.secret));
  const seen = new Set<string>();
  const refuse = (res: ServerResponse, status: number, reason: string) => {
    o.onRefused?.(status, reason);
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: reason }));
  };
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST') return refuse(res, 405, `${req.method} is not POST`);
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
    });
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) return refuse(res, 413, `a body over ${MAX_BODY_BYTES} bytes`);
      const raw = Buffer.concat(chunks);
      const header = (name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined);
      const id = header('webhook-id');
      const check = verifier.verify({ id, timestamp: header('webhook-timestamp'), signature: header('webhook-signature') }, raw, o.now?.() ?? Date.now());
      if (!check.ok) return refuse(res, 401, check.message);
      let alert: AlertWebhookBody;
      try {
        alert = JSON.parse(raw.toString('utf8')) as AlertWebhookBody;
      } catch {
        return refuse(res, 400, 'the body is not JSON');
      }
      if (alert?.type !== 'dossier.alert' || alert.eventId !== id) return refuse(res, 400, 'not a dossier.alert whose eventId is the webhook-id');
      res.writeHead(204).end();
      if (seen.has(alert.eventId)) return;
      if (seen.size >= REMEMBERED_IDS) seen.delete(seen.values().next().value as string);
      seen.add(alert.eventId);
      o.onAlert(alert);
    });
  });
}
