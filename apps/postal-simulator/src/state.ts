import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PostalEventBody, PostalLeg, PostalOrderAnswer } from '@motcua/contracts';
import type { PlannedStep } from './leg-plan';

export type OrderStatus = 'PENDING' | 'ACCEPTED' | 'PICKED_UP' | 'HANDED_OVER' | 'DELIVERY_ATTEMPT_FAILED' | 'DELIVERED' | 'RETURNED_TO_SENDER' | 'CANCELLED';

/** A leg's end: nothing more happens to the order. */
export const FINAL_STATUSES: readonly OrderStatus[] = ['HANDED_OVER', 'DELIVERED', 'RETURNED_TO_SENDER', 'CANCELLED'];

/**
 * An order as the simulated post keeps it. No contact data: the sender and receiver are only in
 * the request's digest (what an idempotent repeat is compared with), never kept or shown.
 */
export interface OrderRecord {
  orderRef: string;
  idempotencyKey: string;
  /** sha256 of the request body in canonical JSON (keys sorted): a repeat must match it. */
  bodyDigest: string;
  leg: PostalLeg;
  dossierCode: string;
  service: string;
  documentCount: number;
  callbackUrl: string;
  placedAt: string;
  /** The first answer, given again to every repeat of the request. */
  answer: { status: 201 | 202; body: PostalOrderAnswer };
  status: OrderStatus;
  waybill: string | null;
  steps: PlannedStep[];
  /** The next step to play, and when (epoch ms); null once the leg has ended or was cancelled. */
  nextStep: number;
  nextAt: number | null;
  /** When the last step was played (the spacing of the next is counted from it). */
  lastAt: number;
  /** The events played so far, in the order they happened. */
  events: PostalEventBody[];
  /** A played event held back to be sent after the next one (the reorder knob). */
  held: PostalEventBody | null;
}

export type DeliveryCopy = 'original' | 'duplicate' | 'forged' | 'stale';

/** One webhook request still to send (or retry) for an event; gone once answered for good (the log keeps it). */
export interface Delivery {
  id: number;
  orderRef: string;
  callbackUrl: string;
  eventId: string;
  /** The exact bytes signed and sent, the same on every attempt. */
  rawBody: string;
  copy: DeliveryCopy;
  /** Original and duplicate copies of one event share it: they are sent together. */
  group: number;
  attempts: number;
  nextAttemptAt: number;
  lastStatus: number | null;
}

export interface SimulatorState {
  orders: Record<string, OrderRecord>;
  /** Idempotency-Key → orderRef. */
  keys: Record<string, string>;
  /** Requests seen per Idempotency-Key: the n-th request's fault is chosen by the seed and n. */
  requestCounts: Record<string, number>;
  deliveries: Delivery[];
  nextDeliveryId: number;
}

export const emptyState = (): SimulatorState => ({ orders: {}, keys: {}, requestCounts: {}, deliveries: [], nextDeliveryId: 1 });

/** Where the state lives between restarts: a JSON file written whole and renamed into place. */
export interface StateStore {
  load(): SimulatorState;
  save(state: SimulatorState): void;
}

export const memoryStateStore = (): StateStore => ({ load: emptyState, save: () => undefined });

export function fileStateStore(dir: string): StateStore {
  const file = join(dir, 'orders.json');
  return {
    load() {
      try {
        return { ...emptyState(), ...(JSON.parse(readFileSync(file, 'utf8')) as SimulatorState) };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
        throw new Error(`${file} is unreadable (${(e as Error).message}): move it away to start afresh`);
      }
    },
    save(state) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(`${file}.tmp`, JSON.stringify(state));
      renameSync(`${file}.tmp`, file);
    },
  };
}
