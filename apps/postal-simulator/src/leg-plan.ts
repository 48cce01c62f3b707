import { DeliveryFailureReasons, type PostalEventType, type PostalLeg } from '@motcua/contracts';
import type { WorkingCalendar } from '@motcua/calendar';
import { chance, pick } from './chance';

const FAILURE_REASONS = DeliveryFailureReasons.schema.options;
type DeliveryFailureReason = (typeof FAILURE_REASONS)[number];

/** How many times the post tries to deliver before it takes the result back (ONE-STOP §5: at least two). */
export const DELIVERY_ATTEMPTS = 2;
/** ONE-STOP §5: counted attempts are at least 2 working days apart. */
export const ATTEMPT_GAP_WORKING_DAYS = 2;

/** One event of a leg as the simulated post will play it, and what it does to its delivery. */
export interface PlannedStep {
  type: PostalEventType;
  /** DELIVERY_ATTEMPT_FAILED, DELIVERED: the post's attempt number. */
  attempt?: number;
  reason?: DeliveryFailureReason;
  /** How long after the previous step (or the order) it happens: the leg's delay, or the gap between delivery attempts. */
  after: 'delay' | 'attempt-gap';
  /** Sent twice at once (the same eventId and body, each signed on its own). */
  duplicate: boolean;
  /** Held back and sent after the next step's event (never set on the last step). */
  reorder: boolean;
  /** Preceded by a copy signed with a key the receiver does not know. */
  forged: boolean;
  /** Preceded by a copy whose webhook-timestamp is 10 minutes old. */
  stale: boolean;
}

export interface LegRates {
  failedAttemptRate: number;
  duplicateRate: number;
  reorderRate: number;
  forgedRate: number;
  staleRate: number;
}

type Step = Pick<PlannedStep, 'type' | 'attempt' | 'reason' | 'after'>;

/**
 * The events the post will report for an order, decided once from the seed: a pickup is picked
 * up then handed over; a delivery is attempted up to twice, the second attempt 2 working days
 * after the first, and a result not delivered goes back to the sender.
 */
export function planLeg(seed: string, orderRef: string, leg: PostalLeg, rates: LegRates): PlannedStep[] {
  const steps: Step[] = [];
  if (leg === 'PICKUP') {
    steps.push({ type: 'PICKED_UP', after: 'delay' }, { type: 'HANDED_OVER', after: 'delay' });
  } else {
    let delivered = false;
    for (let attempt = 1; attempt <= DELIVERY_ATTEMPTS && !delivered; attempt++) {
      const after = attempt === 1 ? 'delay' : 'attempt-gap';
      delivered = chance(seed, 'attempt-fails', orderRef, attempt) >= rates.failedAttemptRate;
      steps.push(
        delivered
          ? { type: 'DELIVERED', attempt, after }
          : { type: 'DELIVERY_ATTEMPT_FAILED', attempt, after, reason: pick(FAILURE_REASONS, seed, 'reason', orderRef, attempt) },
      );
    }
    if (!delivered) steps.push({ type: 'RETURNED_TO_SENDER', after: 'delay' });
  }
  const draw = (what: string, i: number, r: number) => r > 0 && chance(seed, what, orderRef, i) < r;
  return steps.map((s, i) => ({
    ...s,
    duplicate: draw('duplicate', i, rates.duplicateRate),
    reorder: i < steps.length - 1 && draw('reorder', i, rates.reorderRate),
    forged: draw('forged', i, rates.forgedRate),
    stale: draw('stale', i, rates.staleRate),
  }));
}

/**
 * When the next delivery attempt happens: at the same time of day on the first working day at
 * least ONE-STOP §5's 2 working days after the previous attempt (a Friday attempt is tried again
 * on Tuesday), so the receiver counts both.
 */
export function nextAttemptAt(previous: number, calendar: WorkingCalendar): number {
  const DAY = 86_400_000;
  let at = previous + DAY;
  while (calendar.workingDaysBetween(previous, at) < ATTEMPT_GAP_WORKING_DAYS || !calendar.isWorkingDay(calendar.localDate(at))) at += DAY;
  return at;
}
