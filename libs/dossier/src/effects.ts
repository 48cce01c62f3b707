import { postalOrderKey, type PostalLeg } from '@motcua/contracts';
import type { RecordedEvent } from './events';

/**
 * What a dossier still has to do outside itself, as data derived from its log and from what has
 * been done — as `armedTimers(state)` derives its timers. Each channel is worked through in order,
 * by its own activity with its own retry policy, apart from the dossier's clock and from the other
 * channels: Kafka being down, or a partner's API being slow, never holds up a deadline, an alert or
 * the dossier list. The applicant notifications are a channel of their own, in notifications.ts
 * (`pendingNotices`), worked through by the workflow's notification loop.
 */
export type EffectChannel = 'events' | 'postalOrders';

export interface PublishEvents {
  readonly channel: 'events';
  /** The recorded events not yet published, in sequence order. */
  readonly records: readonly RecordedEvent[];
}

/**
 * An order to the postal operator: place one for a leg (a pickup was requested, a result was
 * handed to the post), or cancel a pickup that the dossier's withdrawal made pointless. Only codes
 * and references: the addresses are read from the applicant store by the activity that sends it.
 */
export interface PostalOrderEffect {
  readonly channel: 'postalOrders';
  readonly action: 'PLACE' | 'CANCEL';
  readonly leg: PostalLeg;
  /** The n-th order of this leg for the dossier. */
  readonly n: number;
  /** `<code>:<leg>:<n>`: our reference of the order and its Idempotency-Key. */
  readonly key: string;
  /** The sequence of the event that called for it. */
  readonly cause: number;
}

export type Effect = PublishEvents | PostalOrderEffect;

/** How far each channel has got: the number of recorded events published, of postal orders given. */
export interface EffectProgress {
  readonly events: number;
  readonly postalOrders: number;
}

export const NOTHING_DONE: EffectProgress = { events: 0, postalOrders: 0 };

export function pendingEffects(log: readonly RecordedEvent[], done: EffectProgress): Effect[] {
  return [...pendingOf('events', log, done), ...pendingOf('postalOrders', log, done)];
}

/** One channel's pending effects, in the order they must be done. */
export function pendingOf<C extends EffectChannel>(channel: C, log: readonly RecordedEvent[], done: EffectProgress): Extract<Effect, { channel: C }>[] {
  const pending: Effect[] =
    channel === 'events'
      ? done.events < log.length
        ? [{ channel: 'events', records: log.slice(done.events) }]
        : []
      : postalOrdersOf(log).slice(done.postalOrders);
  return pending as Extract<Effect, { channel: C }>[];
}

/** What doing an effect moves forward. */
export function afterEffect(done: EffectProgress, effect: Effect): EffectProgress {
  return effect.channel === 'events'
    ? { ...done, events: done.events + effect.records.length }
    : { ...done, postalOrders: done.postalOrders + 1 };
}

/**
 * Every postal order the log has called for, in the order of their causes. A withdrawal cancels
 * the pickup only while the post has not collected the dossier (PICKUP_REQUESTED) and its order
 * was not refused; an order refused before the withdrawal has nothing to cancel. The list only
 * grows at its end: an order's answer (placed or refused) is recorded before the next effect is
 * looked at, since the loop works through them one at a time.
 */
export function postalOrdersOf(log: readonly RecordedEvent[]): PostalOrderEffect[] {
  const orders: PostalOrderEffect[] = [];
  const count: Record<PostalLeg, number> = { PICKUP: 0, RETURN: 0 };
  const refused = new Set(log.flatMap((r) => (r.event.type === 'PostalOrderRefused' ? [r.event.orderRef] : [])));
  const place = (leg: PostalLeg, r: RecordedEvent) => {
    count[leg] += 1;
    orders.push({ channel: 'postalOrders', action: 'PLACE', leg, n: count[leg], key: postalOrderKey(r.code, leg, count[leg]), cause: r.sequence });
  };
  log.forEach((r, i) => {
    if (r.event.type === 'PostalPickupRequested') place('PICKUP', r);
    else if (r.event.type === 'ResultHandedToPost') place('RETURN', r);
    else if (r.event.type === 'DossierWithdrawn' && i > 0 && log[i - 1].status === 'PICKUP_REQUESTED' && count.PICKUP > 0) {
      const key = postalOrderKey(r.code, 'PICKUP', count.PICKUP);
      if (!refused.has(key)) orders.push({ channel: 'postalOrders', action: 'CANCEL', leg: 'PICKUP', n: count.PICKUP, key, cause: r.sequence });
    }
  });
  return orders;
}
