import { createHmac, timingSafeEqual } from 'node:crypto';

/** Standard Webhooks 1.0: how far the attempt's timestamp may be from our clock, either way. */
export const WEBHOOK_TOLERANCE_S = 300;

/** The three headers of a Standard Webhooks request, as received (any may be missing). */
export interface WebhookHeaders {
  id?: string;
  timestamp?: string;
  signature?: string;
}

export type WebhookCheck =
  | { ok: true }
  | { ok: false; rule: 'POSTAL.SIGNATURE_HEADERS_MISSING' | 'POSTAL.TIMESTAMP_OUT_OF_TOLERANCE' | 'POSTAL.SIGNATURE_INVALID'; message: string };

/** Decides whether a request is the partner's own: behind an interface so the HTTP layer does not care how. */
export interface WebhookVerifier {
  verify(headers: WebhookHeaders, rawBody: Buffer, nowMs: number): WebhookCheck;
}

/**
 * `POSTAL_WEBHOOK_SECRETS`: comma-separated `whsec_<base64 key>`; the key is the decoded bytes.
 * Throws on a malformed entry (a typo in a secret would otherwise refuse every event in silence).
 */
export function parseWebhookSecrets(value: string): Buffer[] {
  const entries = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (entries.length === 0) throw new Error('POSTAL_WEBHOOK_SECRETS lists no secret');
  return entries.map((entry, i) => {
    const m = /^whsec_([A-Za-z0-9+/]+={0,2})$/.exec(entry);
    const key = m ? Buffer.from(m[1], 'base64') : null;
    // 24 bytes at least (Standard Webhooks recommends 24–64): a short key can be guessed.
    if (!key || key.length < 24) throw new Error(`POSTAL_WEBHOOK_SECRETS: entry ${i + 1} is not whsec_<base64 of at least 24 bytes>`);
    return key;
  });
}

/** The signed content: `{webhook-id}.{webhook-timestamp}.{raw body}`, bytes as received. */
function signedContent(id: string, timestamp: string, rawBody: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${id}.${timestamp}.`, 'utf8'), rawBody]);
}

function hmac(key: Buffer, content: Buffer): Buffer {
  return createHmac('sha256', key).update(content).digest();
}

/**
 * Standard Webhooks 1.0 verification with node:crypto: HMAC-SHA256 over the raw body, every `v1,`
 * signature of the header against every secret (rotation), compared in constant time, and the
 * timestamp within ±300 s (a replay of a captured request expires). Signatures of other versions
 * (`v1a,` asymmetric) are skipped, as the spec asks.
 */
export class StandardWebhookVerifier implements WebhookVerifier {
  constructor(private readonly secrets: readonly Buffer[]) {}

  verify(headers: WebhookHeaders, rawBody: Buffer, nowMs: number): WebhookCheck {
    const { id, timestamp, signature } = headers;
    if (!id || !timestamp || !signature) {
      return { ok: false, rule: 'POSTAL.SIGNATURE_HEADERS_MISSING', message: 'webhook-id, webhook-timestamp and webhook-signature are required' };
    }
    const seconds = /^\d{1,12}$/.test(timestamp) ? Number(timestamp) : NaN;
    if (!Number.isFinite(seconds) || Math.abs(nowMs / 1000 - seconds) > WEBHOOK_TOLERANCE_S) {
      return { ok: false, rule: 'POSTAL.TIMESTAMP_OUT_OF_TOLERANCE', message: `webhook-timestamp must be Unix seconds within ${WEBHOOK_TOLERANCE_S} s of now` };
    }
    const given = signature
      .split(' ')
      .filter((s) => s.startsWith('v1,'))
      .map((s) => Buffer.from(s.slice(3), 'base64'));
    const content = signedContent(id, timestamp, rawBody);
    // Every pair is compared (no early exit on the secret that matched): the time taken says
    // nothing about which secret or signature was right.
    let valid = false;
    for (const key of this.secrets) {
      const expected = hmac(key, content);
      for (const sig of given) {
        if (sig.length === expected.length && timingSafeEqual(sig, expected)) valid = true;
      }
    }
    return valid ? { ok: true } : { ok: false, rule: 'POSTAL.SIGNATURE_INVALID', message: 'no webhook-signature matches a configured secret' };
  }
}

/**
 * Signs as a Standard Webhooks sender does: the headers for `rawBody` at `timestampS`, one `v1,`
 * signature per key. For tests and the postal simulator; the API only verifies.
 */
export function signWebhook(secret: string, id: string, timestampS: number, rawBody: string | Buffer): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
  const [key] = parseWebhookSecrets(secret);
  const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
  const sig = hmac(key, signedContent(id, String(timestampS), body)).toString('base64');
  return { 'webhook-id': id, 'webhook-timestamp': String(timestampS), 'webhook-signature': `v1,${sig}` };
}
