import { createHash } from 'node:crypto';
import { toLocalIso, vnGovCalendar, type WorkingCalendar } from '@motcua/calendar';
import {
  parsePostalOrderKey,
  PostalEventBodySchema,
  PostalOrderRequestSchema,
  POSTAL_EVENT_TYPES,
  type PostalEventBody,
  type PostalEventType,
  type PostalOrderRequest,
} from '@motcua/contracts';
import { signWebhook } from '@motcua/standard-webhooks';
import { chance, pick } from './chance';
import type { SimulatorConfig } from './config';
import { nextAttemptAt, planLeg, type PlannedStep } from './leg-plan';
import type { RequestLog } from './request-log';
import { FINAL_STATUSES, type Delivery, type DeliveryCopy, type OrderRecord, type SimulatorState, type StateStore } from './state';
import { waybillFor } from './waybill';
import type { WebhookTransport } from './webhook-transport';

/** What the order API answers; `hangUp`: the timeout fault, the connection held then dropped unanswered. */
export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  hangUp?: boolean;
}

const error = (status: number, code: string, rule: string, message: string, headers?: Record<string, string>): Answer => ({
  status,
  body: { error: { code, rule, message } },
  ...(headers ? { headers } : {}),
});
const malformed = (message: string) => error(400, 'BAD_REQUEST', 'ORDER.MALFORMED', message);

/** The faults POSTAL_SIM_ORDER_ERROR_RATE injects into the order API, equally likely. */
const ORDER_FAULTS = ['500', '503', '429', 'timeout'] as const;
/** The Retry-After of a 503 or 429 fault, in seconds. */
const RETRY_AFTER_S = 1;
/** The longest wait between two attempts of a webhook. */
const MAX_BACKOFF_MS = 60_000;
/** How old a stale copy's webhook-timestamp is: twice the receiver's 300 s tolerance. */
const STALE_BY_S = 600;

/** The post's own status code sent with each event (informative for the receiver). */
const PARTNER_STATUS: Record<PostalEventType, string> = {
  PICKED_UP: 'VNP-PICKUP-OK',
  HANDED_OVER: 'VNP-HANDOVER-SIGNED',
  DELIVERY_ATTEMPT_FAILED: 'VNP-DELIVERY-FAILED',
  DELIVERED: 'VNP-DELIVERED',
  RETURNED_TO_SENDER: 'VNP-RETURNED',
};

/** A request body's identity: canonical JSON (keys sorted at every level), hashed. */
function digestOf(value: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canonical) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, canonical(x)])) : v;
  return createHash('sha256').update(JSON.stringify(canonical(value))).digest('hex');
}

/** A Standard Webhooks id (A-Z a-z 0-9 _ : -, at most 64) that is the same for the same order and step on every run. */
export function eventIdOf(orderRef: string, step: string | number): string {
  return `vnp_${createHash('sha256').update(`${orderRef}\n${step}`).digest('base64url').slice(0, 32)}`;
}

/** The order request as the log shows it: without the sender and receiver (names, addresses, phones). */
function withoutContacts(body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  const { sender, receiver, ...rest } = body as Record<string, unknown>;
  return { ...rest, ...(sender === undefined ? {} : { sender: '(contact data, not logged)' }), ...(receiver === undefined ? {} : { receiver: '(contact data, not logged)' }) };
}

export interface TriggerRequest {
  type: PostalEventType;
  eventId?: string;
  occurredAt?: string;
  attempt?: number;
  reason?: string;
  signature?: 'valid' | 'forged' | 'stale';
}

export interface SimulatorDeps {
  now: () => number;
  store: StateStore;
  transport: WebhookTransport;
  log: RequestLog;
  calendar?: WorkingCalendar;
}

/**
 * The simulated postal operator (Vietnam Post): takes pickup and delivery orders, plays each leg
 * step by step, and reports every step to the order's callbackUrl as a signed Standard Webhooks
 * request, retried until the receiver takes it. Time moves by `tick()`, so tests drive it with
 * their own clock; `main.ts` ticks it on a timer.
 */
export class PostalSimulator {
  private readonly state: SimulatorState;
  private readonly calendar: WorkingCalendar;
  private readonly inflight = new Map<number, Promise<void>>();
  /** Changed since the state was last written. */
  private dirty = false;
  /** A key of the right shape the receiver does not know: what a forged copy is signed with. */
  private readonly forgedSecret: string;

  constructor(
    private readonly config: SimulatorConfig,
    private readonly deps: SimulatorDeps,
  ) {
    this.state = deps.store.load();
    this.calendar = deps.calendar ?? vnGovCalendar();
    this.forgedSecret = `whsec_${createHash('sha256').update(`forged:${config.seed}`).digest('base64')}`;
  }

  /** POST /orders. */
  placeOrder(key: string | undefined, rawBody: string, url = '/orders'): Answer {
    let body: unknown;
    try {
      body = JSON.parse(rawBody);
    } catch {
      body = rawBody;
    }
    const { answer, note } = this.answerOrder(key, body);
    this.deps.log.add({
      at: toLocalIso(this.deps.now()),
      direction: 'received',
      method: 'POST',
      url,
      headers: key === undefined ? {} : { 'idempotency-key': key },
      body: withoutContacts(body),
      status: answer.hangUp ? null : answer.status,
      answer: answer.hangUp ? null : answer.body,
      ...(note ? { note } : {}),
    });
    return answer;
  }

  private answerOrder(key: string | undefined, body: unknown): { answer: Answer; note?: string } {
    if (typeof body === 'string') return { answer: malformed('the body is not valid JSON (a JSON object is expected)') };
    if (!key) return { answer: malformed('the Idempotency-Key header is required: <dossier code>:<PICKUP|RETURN>:<n>') };
    const parsedKey = parsePostalOrderKey(key);
    if (!parsedKey) return { answer: malformed('Idempotency-Key must be <dossier code>:<PICKUP|RETURN>:<n>') };
    const parsed = PostalOrderRequestSchema.safeParse(body);
    if (!parsed.success) {
      return { answer: malformed(parsed.error.issues.map((i) => `${i.path.map(String).join('.') || 'body'}: ${i.message}`).join('; ')) };
    }
    const order = parsed.data;
    if (order.dossierCode !== parsedKey.dossierCode || order.leg !== parsedKey.leg) {
      return { answer: malformed(`Idempotency-Key ${key} names another dossier or leg than the body (${order.dossierCode}, ${order.leg})`) };
    }

    // The n-th request under a key meets the fault the seed chose for that key and n.
    const n = (this.state.requestCounts[key] = (this.state.requestCounts[key] ?? 0) + 1);
    this.save();
    const fault = this.config.orderErrorRate > 0 && chance(this.config.seed, 'order-fault', key, n) < this.config.orderErrorRate ? pick(ORDER_FAULTS, this.config.seed, 'order-fault-kind', key, n) : null;
    const retryLater = { 'retry-after': String(RETRY_AFTER_S) };
    if (fault === '500') return { answer: error(500, 'INTERNAL', 'PARTNER.INTERNAL_ERROR', 'simulated fault: internal error'), note: 'fault injected: 500' };
    if (fault === '503') return { answer: error(503, 'UNAVAILABLE', 'PARTNER.UNAVAILABLE', 'simulated fault: unavailable', retryLater), note: 'fault injected: 503' };
    if (fault === '429') return { answer: error(429, 'TOO_MANY_REQUESTS', 'PARTNER.RATE_LIMITED', 'simulated fault: too many requests', retryLater), note: 'fault injected: 429' };

    const answer = this.takeOrder(key, order);
    // The timeout fault: the order is taken, the answer is lost; the caller's retry gets it.
    return fault === 'timeout' ? { answer: { ...answer, hangUp: true }, note: `fault injected: no answer, connection dropped after ${this.config.timeoutMs} ms (the order is taken)` } : { answer };
  }

  private takeOrder(key: string, order: PostalOrderRequest): Answer {
    const digest = digestOf(order);
    const known = this.state.keys[key];
    if (known !== undefined) {
      const existing = this.state.orders[known];
      if (existing.bodyDigest !== digest) return error(422, 'UNPROCESSABLE_ENTITY', 'ORDER.IDEMPOTENCY_KEY_REUSED', `Idempotency-Key ${key} was used before with another body`);
      return existing.answer;
    }
    if (this.state.orders[order.orderRef]) {
      return error(422, 'UNPROCESSABLE_ENTITY', 'ORDER.REF_REUSED', `orderRef ${order.orderRef} names an order placed under another Idempotency-Key`);
    }
    const now = this.deps.now();
    // A pickup's waybill is written on the dispatch slip at the pickup (ONE-STOP §5): it comes with
    // PICKED_UP. A result is handed to the post at the counter, which labels it there and then.
    const waybill = order.leg === 'RETURN' ? this.newWaybill(order.orderRef) : null;
    const answer: OrderRecord['answer'] =
      waybill === null
        ? { status: 202, body: { orderRef: order.orderRef, status: 'PENDING' } }
        : { status: 201, body: { orderRef: order.orderRef, waybill, status: 'ACCEPTED' } };
    this.state.orders[order.orderRef] = {
      orderRef: order.orderRef,
      idempotencyKey: key,
      bodyDigest: digest,
      leg: order.leg,
      dossierCode: order.dossierCode,
      service: order.service,
      documentCount: order.documentCount,
      callbackUrl: order.callbackUrl,
      placedAt: toLocalIso(now),
      answer,
      status: waybill === null ? 'PENDING' : 'ACCEPTED',
      waybill,
      steps: planLeg(this.config.seed, order.orderRef, order.leg, this.config),
      nextStep: 0,
      nextAt: now + this.config.delayMs,
      lastAt: now,
      events: [],
      held: null,
    };
    this.state.keys[key] = order.orderRef;
    this.save();
    return { status: answer.status, body: answer.body };
  }

  /** DELETE /orders/{orderRef}: no more steps; events already played are still reported. */
  cancel(orderRef: string, url = `/orders/${encodeURIComponent(orderRef)}`): Answer {
    const order = this.state.orders[orderRef];
    let answer: Answer;
    if (!order) answer = error(404, 'NOT_FOUND', 'ORDER.NOT_FOUND', `no order ${orderRef}`);
    else if (order.status !== 'CANCELLED' && FINAL_STATUSES.includes(order.status)) {
      answer = error(409, 'CONFLICT', 'ORDER.ALREADY_COMPLETED', `order ${orderRef} is already ${order.status}`);
    } else {
      if (order.status !== 'CANCELLED') {
        order.status = 'CANCELLED';
        order.nextAt = null;
        if (order.held) this.flushHeld(order);
        this.save();
      }
      answer = { status: 200, body: { orderRef, status: 'CANCELLED' } };
    }
    this.deps.log.add({ at: toLocalIso(this.deps.now()), direction: 'received', method: 'DELETE', url, headers: {}, body: null, status: answer.status, answer: answer.body });
    return answer;
  }

  /** Plays the steps whose time has come and sends the webhooks that are due. */
  tick(): void {
    const now = this.deps.now();
    let played = false;
    for (const order of Object.values(this.state.orders)) {
      while (order.nextAt !== null && order.nextAt <= now) {
        this.play(order);
        played = true;
      }
    }
    if (played) this.save();
    for (const d of this.dueDeliveries(now)) {
      const sending = this.send(d).finally(() => this.inflight.delete(d.id));
      this.inflight.set(d.id, sending);
    }
    this.flush();
  }

  /**
   * Writes the state if it changed. Written whole, so once a tick rather than at every change
   * (1,000 orders took 33 s when each change rewrote the file): a crash loses at most the last
   * tick's changes, a stop (main.ts) none.
   */
  flush(): void {
    if (!this.dirty) return;
    this.dirty = false;
    this.deps.store.save(this.state);
  }

  /** Resolves once every webhook request started so far has been answered (tests). */
  async settled(): Promise<void> {
    while (this.inflight.size > 0) await Promise.all([...this.inflight.values()]);
  }

  orders(): (OrderRecord & { deliveries: Delivery[] })[] {
    return Object.values(this.state.orders).map((o) => this.orderView(o));
  }

  order(orderRef: string): (OrderRecord & { deliveries: Delivery[] }) | null {
    const o = this.state.orders[orderRef];
    return o ? this.orderView(o) : null;
  }

  private orderView(o: OrderRecord): OrderRecord & { deliveries: Delivery[] } {
    return { ...o, deliveries: this.state.deliveries.filter((d) => d.orderRef === o.orderRef) };
  }

  private play(order: OrderRecord): void {
    const index = order.nextStep;
    const step = order.steps[index];
    const at = order.nextAt!;
    if (order.waybill === null) order.waybill = this.newWaybill(order.orderRef);
    const event: PostalEventBody = {
      eventId: eventIdOf(order.orderRef, index),
      type: step.type,
      dossierCode: order.dossierCode,
      waybill: order.waybill,
      // The instant it is played: its time has come, never in the future.
      occurredAt: toLocalIso(at),
      orderRef: order.orderRef,
      ...(step.attempt !== undefined ? { attempt: step.attempt } : {}),
      ...(step.reason !== undefined ? { reason: step.reason } : {}),
      partnerStatus: PARTNER_STATUS[step.type],
    };
    order.events.push(event);
    order.status = step.type;
    order.lastAt = at;
    order.nextStep = index + 1;
    const next = order.steps[order.nextStep];
    order.nextAt = next === undefined ? null : next.after === 'delay' ? at + this.config.delayMs : this.config.attemptGapMs !== null ? at + this.config.attemptGapMs : nextAttemptAt(at, this.calendar);

    if (step.reorder && next !== undefined && order.held === null) {
      order.held = event;
    } else {
      this.enqueue(order, event, step);
      if (order.held) this.flushHeld(order);
    }
  }

  private flushHeld(order: OrderRecord): void {
    const held = order.held!;
    order.held = null;
    this.enqueue(order, held, order.steps[order.events.findIndex((e) => e.eventId === held.eventId)]);
  }

  private enqueue(order: OrderRecord, event: PostalEventBody, step: PlannedStep): void {
    const rawBody = JSON.stringify(event);
    const group = this.state.nextDeliveryId;
    const copies: DeliveryCopy[] = [...(step.forged ? ['forged' as const] : []), ...(step.stale ? ['stale' as const] : []), 'original', ...(step.duplicate ? ['duplicate' as const] : [])];
    for (const copy of copies) {
      this.state.deliveries.push({ id: this.state.nextDeliveryId++, orderRef: order.orderRef, callbackUrl: order.callbackUrl, eventId: event.eventId, rawBody, copy, group, attempts: 0, nextAttemptAt: this.deps.now(), lastStatus: null });
    }
  }

  /**
   * Each order's events go out one at a time, in the order the post played them (the reorder knob
   * aside): the next waits while the one before is being retried. A duplicate goes out together
   * with its original; a forged or stale copy goes once, before it, and does not hold anything up.
   */
  private dueDeliveries(now: number): Delivery[] {
    const due: Delivery[] = [];
    const headGroup = new Map<string, number>();
    for (const d of this.state.deliveries) {
      const oneShot = d.copy === 'forged' || d.copy === 'stale';
      if (!oneShot && !headGroup.has(d.orderRef)) headGroup.set(d.orderRef, d.group);
      const isHead = oneShot || headGroup.get(d.orderRef) === d.group;
      if (isHead && d.nextAttemptAt <= now && !this.inflight.has(d.id)) due.push(d);
    }
    return due;
  }

  private async send(d: Delivery): Promise<void> {
    const sentAt = this.deps.now();
    const ts = Math.floor(sentAt / 1000) - (d.copy === 'stale' ? STALE_BY_S : 0);
    const headers = { ...signWebhook(d.copy === 'forged' ? this.forgedSecret : this.config.secret, d.eventId, ts, d.rawBody), 'content-type': 'application/json' };
    const res = await this.deps.transport.post(d.callbackUrl, headers, d.rawBody);
    d.attempts++;
    d.lastStatus = res.status;
    const s = res.status;
    let note: string;
    let done = true;
    if (d.copy === 'forged' || d.copy === 'stale') note = `${d.copy} copy, sent once (the receiver should refuse it: 401)`;
    else if (s !== null && s >= 200 && s < 300) note = `${d.copy} delivered (attempt ${d.attempts})`;
    else if (s !== null && s >= 400 && s < 500 && s !== 409 && s !== 429) note = `${d.copy} abandoned: refused with ${s}, not retried`;
    else if (d.attempts >= this.config.maxDeliveryAttempts) note = `${d.copy} abandoned after ${d.attempts} attempts`;
    else {
      done = false;
      const backoff = Math.min(this.config.retryBaseMs * 2 ** (d.attempts - 1), MAX_BACKOFF_MS);
      const wait = Math.max(backoff, (res.retryAfterS ?? 0) * 1000);
      d.nextAttemptAt = this.deps.now() + wait;
      note = `${d.copy} attempt ${d.attempts} failed (${s ?? res.error ?? 'no answer'}): retry in ${wait} ms`;
    }
    let answer: unknown = res.text;
    try {
      answer = JSON.parse(res.text);
    } catch {
      /* not JSON: the text as it came */
    }
    this.deps.log.add({ at: toLocalIso(sentAt), direction: 'sent', method: 'POST', url: d.callbackUrl, headers, body: JSON.parse(d.rawBody), status: s, answer, note });
    if (done) this.state.deliveries = this.state.deliveries.filter((x) => x.id !== d.id);
    this.save();
  }

  /**
   * POST /admin/orders/{orderRef}/events: one event of any type for the order, now, sent once (no
   * retry), signed as asked; the receiver's answer is returned. An eventId the order already
   * played sends that event again, byte for byte. The order's own plan is not changed.
   */
  async trigger(orderRef: string, request: unknown): Promise<Answer> {
    const order = this.state.orders[orderRef];
    if (!order) return error(404, 'NOT_FOUND', 'ORDER.NOT_FOUND', `no order ${orderRef}`);
    const r = (request ?? {}) as Partial<TriggerRequest>;
    const played = order.events.find((e) => e.eventId === r.eventId);
    if (!played && !POSTAL_EVENT_TYPES.includes(r.type as PostalEventType)) return malformed(`type must be one of ${POSTAL_EVENT_TYPES.join(', ')}`);
    const signature = r.signature ?? 'valid';
    if (!['valid', 'forged', 'stale'].includes(signature)) return malformed('signature must be valid, forged or stale');
    const now = this.deps.now();
    if (order.waybill === null) {
      order.waybill = this.newWaybill(orderRef);
      this.save();
    }
    // Not checked against the receiver's schema: a test may want to send what the receiver refuses.
    const event: PostalEventBody = played ?? {
      eventId: r.eventId ?? eventIdOf(orderRef, `admin:${now}:${r.type}`),
      type: r.type as PostalEventType,
      dossierCode: order.dossierCode,
      waybill: order.waybill,
      occurredAt: r.occurredAt ?? toLocalIso(now),
      orderRef,
      ...(r.attempt !== undefined ? { attempt: r.attempt } : {}),
      ...(r.reason !== undefined ? { reason: r.reason as PostalEventBody['reason'] } : {}),
      partnerStatus: PARTNER_STATUS[r.type as PostalEventType],
    };
    const rawBody = JSON.stringify(event);
    const ts = Math.floor(now / 1000) - (signature === 'stale' ? STALE_BY_S : 0);
    const headers = { ...signWebhook(signature === 'forged' ? this.forgedSecret : this.config.secret, event.eventId, ts, rawBody), 'content-type': 'application/json' };
    const res = await this.deps.transport.post(order.callbackUrl, headers, rawBody);
    let answer: unknown = res.text;
    try {
      answer = JSON.parse(res.text);
    } catch {
      /* not JSON */
    }
    this.deps.log.add({ at: toLocalIso(now), direction: 'sent', method: 'POST', url: order.callbackUrl, headers, body: event, status: res.status, answer, note: `triggered by /admin (${signature} signature, sent once)` });
    const valid = PostalEventBodySchema.safeParse(event).success;
    return { status: 200, body: { request: { headers, body: event, matchesContract: valid }, status: res.status, answer } };
  }

  private newWaybill(orderRef: string): string {
    const taken = new Set(Object.values(this.state.orders).map((o) => o.waybill));
    return waybillFor(this.config.seed, orderRef, (w) => taken.has(w));
  }

  private save(): void {
    this.dirty = true;
  }
}
