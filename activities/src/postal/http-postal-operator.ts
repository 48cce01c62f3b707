import { PostalOrderAnswerSchema, type PostalOrderRequest } from '@motcua/contracts';
import { PostalOperatorBusy, type CancelOrderResult, type PlaceOrderResult, type PostalOperator } from './postal-operator';

export interface HttpPostalOperatorOptions {
  /** POSTAL_API_URL: the operator's order API, e.g. http://localhost:3100. */
  baseUrl: string;
  /** Per request; a request that takes longer is retried (with the same Idempotency-Key). */
  timeoutMs?: number;
  /** When 429/503 come without a usable Retry-After. */
  defaultRetryAfterMs?: number;
  fetch?: typeof fetch;
}

/** Answers that say "not now" rather than "no": retried like a network failure. */
const TRANSIENT_4XX = new Set([408, 409, 425]);
const RETRY_LATER = new Set([429, 503]);
/** A Retry-After longer than this is taken as this: an order must not sleep for days on a typo. */
const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;

/**
 * The operator's order API of CONTRACTS.md ("Postal partner", outbound), which the postal
 * simulator serves: POST /orders with an Idempotency-Key, DELETE /orders/{orderRef}.
 */
export class HttpPostalOperator implements PostalOperator {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly defaultRetryAfterMs: number;
  private readonly fetch: typeof fetch;

  constructor(o: HttpPostalOperatorOptions) {
    this.baseUrl = o.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = o.timeoutMs ?? 10_000;
    this.defaultRetryAfterMs = o.defaultRetryAfterMs ?? 30_000;
    this.fetch = o.fetch ?? fetch;
  }

  async placeOrder(order: PostalOrderRequest, idempotencyKey: string): Promise<PlaceOrderResult> {
    const res = await this.call('POST', '/orders', { 'content-type': 'application/json', 'idempotency-key': idempotencyKey }, JSON.stringify(order));
    if (res.ok) {
      const answer = PostalOrderAnswerSchema.safeParse(await res.json().catch(() => null));
      // The order may exist: retrying with the same key gets its answer again.
      if (!answer.success) throw new Error(`the postal operator answered ${res.status} with a body that is not an order answer`);
      return { kind: 'PLACED', orderRef: answer.data.orderRef, waybill: answer.data.waybill ?? null, partnerStatus: answer.data.status };
    }
    this.throwIfTransient(res);
    return { kind: 'REFUSED', httpStatus: res.status, partnerCode: partnerCodeOf(await res.json().catch(() => null)) };
  }

  async cancelOrder(orderRef: string): Promise<CancelOrderResult> {
    const res = await this.call('DELETE', `/orders/${encodeURIComponent(orderRef)}`, {});
    if (res.ok) return { alreadyGone: false };
    if (res.status === 404 || res.status === 410) return { alreadyGone: true };
    this.throwIfTransient(res);
    // The operator will not cancel (e.g. the courier is already on the way): nothing we can decide
    // alone. Retried, and visible as a failing activity, until someone settles it with the post.
    throw new Error(`the postal operator refused to cancel order ${orderRef}: ${res.status}`);
  }

  private async call(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Response> {
    // A network failure or a timeout throws: the activity is retried.
    return this.fetch(`${this.baseUrl}${path}`, { method, headers: { accept: 'application/json', ...headers }, body, signal: AbortSignal.timeout(this.timeoutMs) });
  }

  private throwIfTransient(res: Response): void {
    if (RETRY_LATER.has(res.status)) {
      const after = retryAfterMs(res.headers.get('retry-after'), Date.now());
      if (after !== null || res.status === 429) throw new PostalOperatorBusy(res.status, Math.min(after ?? this.defaultRetryAfterMs, MAX_RETRY_AFTER_MS));
    }
    if (res.status >= 500 || TRANSIENT_4XX.has(res.status)) throw new Error(`the postal operator answered ${res.status}`);
  }
}

/** Retry-After: delay-seconds or an HTTP-date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function retryAfterMs(value: string | null, now: number): number | null {
  if (value === null) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** The operator's error code, if its body names one in a usual place; never its message (free text). */
function partnerCodeOf(body: unknown): string | null {
  const b = body as { code?: unknown; error?: { code?: unknown } } | null;
  const code = b?.error?.code ?? b?.code;
  return typeof code === 'string' && /^[A-Za-z0-9_.:-]{1,64}$/.test(code) ? code : null;
}
