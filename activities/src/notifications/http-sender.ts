import { PermanentSendFailure, type NotificationSender, type OutgoingMessage, type SendReceipt } from './sender';

export interface HttpGatewayOptions {
  /** The gateway's send endpoint, e.g. https://sms.example.vn/v1/messages. */
  url: string;
  /** Sent as `Authorization: Bearer <token>` when set. */
  token?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * A generic HTTP SMS (or e-mail) gateway, the shape most Vietnamese SMS brandname gateways and
 * e-mail APIs take: `POST {url}` with `Idempotency-Key: <key>` and the JSON body
 * `{channel, to, subject, text, idempotencyKey}`; any 2xx is accepted, and its JSON body's `id` or
 * `messageId`, when there is one, is kept as the provider's reference. 408, 429 and 5xx (and a
 * network failure or timeout) are retried; any other 4xx is a permanent refusal. A provider with
 * another shape needs a small adapter of its own beside this one.
 */
export class HttpGatewaySender implements NotificationSender {
  readonly name = 'http';
  private readonly fetch: typeof fetch;

  constructor(private readonly o: HttpGatewayOptions) {
    this.fetch = o.fetch ?? globalThis.fetch;
  }

  async send(m: OutgoingMessage): Promise<SendReceipt> {
    const res = await this.fetch(this.o.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': m.idempotencyKey,
        ...(this.o.token ? { authorization: `Bearer ${this.o.token}` } : {}),
      },
      body: JSON.stringify({ channel: m.channel, to: m.to, subject: m.subject, text: m.text, idempotencyKey: m.idempotencyKey }),
      signal: AbortSignal.timeout(this.o.timeoutMs ?? 10_000),
    });
    const body = await res.text();
    if (res.ok) return { delivered: true, providerRef: referenceIn(body) };
    // The gateway's answer, cut short: it may echo the recipient, so never the whole body.
    const why = `gateway answered ${res.status}`;
    if (res.status === 408 || res.status === 429 || res.status >= 500) throw new Error(why);
    throw new PermanentSendFailure(why);
  }
}

function referenceIn(body: string): string | null {
  try {
    const parsed = JSON.parse(body) as { id?: unknown; messageId?: unknown };
    const ref = parsed.id ?? parsed.messageId;
    return typeof ref === 'string' || typeof ref === 'number' ? String(ref).slice(0, 200) : null;
  } catch {
    return null;
  }
}
