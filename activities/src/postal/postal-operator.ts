import type { PostalOrderRequest } from '@motcua/contracts';

/**
 * The postal operator as Motcua needs it: take an order for a leg, cancel one. One adapter per
 * operator: `HttpPostalOperator` speaks CONTRACTS.md's order API (the simulator's); a Vietnam Post
 * adapter would bring its own authentication and map its own status and error codes to these
 * answers through a versioned table, keeping the raw code in `partnerStatus` / `partnerCode`
 * (docs/contracts.md "Postal orders"). What an adapter must hold to:
 * - the same `idempotencyKey` must never make a second order at the operator (send it, or keep
 *   a key → order table of the adapter's own where the operator has no such header);
 * - answer only what the operator decided: a refusal (`REFUSED`) is an answer; anything transient
 *   (network, timeout, 5xx) is thrown, so the activity is retried;
 * - throw `PostalOperatorBusy` when the operator asks to be called back later (429/503 +
 *   Retry-After), so the retry waits as long as it asked.
 */
export interface PostalOperator {
  placeOrder(order: PostalOrderRequest, idempotencyKey: string): Promise<PlaceOrderResult>;
  /** Idempotent (DELETE): an order the operator no longer has is `alreadyGone`, not an error. */
  cancelOrder(orderRef: string): Promise<CancelOrderResult>;
}

export type PlaceOrderResult =
  | { readonly kind: 'PLACED'; readonly orderRef: string; readonly waybill: string | null; readonly partnerStatus: string }
  | { readonly kind: 'REFUSED'; readonly httpStatus: number; readonly partnerCode: string | null };

export interface CancelOrderResult {
  readonly alreadyGone: boolean;
}

/** The operator asked to be called again later (429, 503): retry after `retryAfterMs`. */
export class PostalOperatorBusy extends Error {
  constructor(
    readonly status: number,
    readonly retryAfterMs: number,
  ) {
    super(`the postal operator answered ${status}: retry in ${Math.round(retryAfterMs / 1000)} s`);
    this.name = 'PostalOperatorBusy';
  }
}

/** No operator is configured (POSTAL_API_URL unset): every order waits, retried, until one is. */
export class UnconfiguredPostalOperator implements PostalOperator {
  async placeOrder(): Promise<PlaceOrderResult> {
    throw new Error('POSTAL_API_URL is not set: the order waits until the worker is given the postal operator\'s API');
  }

  async cancelOrder(): Promise<CancelOrderResult> {
    throw new Error('POSTAL_API_URL is not set: the cancellation waits until the worker is given the postal operator\'s API');
  }
}
