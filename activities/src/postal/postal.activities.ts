import { ApplicationFailure } from '@temporalio/common';
import type { PostalLeg, PostalLegScope, PostalOrderRequest, PostalParty } from '@motcua/contracts';
import { legScopeOf } from './leg-scope';
import { PostalOperatorBusy, type PostalOperator } from './postal-operator';

/** What the workflow knows of an order: codes and references only, never an address. */
export interface PostalOrderInput {
  dossierCode: string;
  /** The receiving one-stop unit: the leg's other end. */
  unit: string;
  leg: PostalLeg;
  n: number;
  /** `<code>:<leg>:<n>`: our reference and the Idempotency-Key. */
  key: string;
  documentCount: number;
}

export type PlacePostalOrderResult =
  | { kind: 'PLACED'; orderRef: string; waybill: string | null; partnerStatus: string; scope: PostalLegScope | null }
  | { kind: 'REFUSED'; reason: 'OPERATOR_REFUSED' | 'NO_ADDRESS'; httpStatus: number | null; partnerCode: string | null };

export interface PostalActivities {
  /** Places the order once, whatever the retries (the operator de-duplicates by the key). */
  placePostalOrder(input: PostalOrderInput): Promise<PlacePostalOrderResult>;
  /** Cancels the order at the operator; an order already gone is cancelled too. */
  cancelPostalOrder(input: { orderRef: string }): Promise<{ alreadyGone: boolean }>;
}

/** The applicant's contact data, as the applicant store keeps it (libs/store). */
export interface ContactLookup {
  of(dossierCode: string): Promise<{
    name: string;
    phone: string;
    address: string | null;
    pickupAddress: string | null;
    /** Where the addresses lie (a one-stop unit's identifier): how far a leg travels. */
    addressArea?: string | null;
    pickupArea?: string | null;
  } | null>;
}

export interface PostalActivityDeps {
  operator: PostalOperator;
  contacts: ContactLookup;
  /** Where the operator sends its events: the API's POST /api/v1/postal/events. */
  callbackUrl: string;
  /** The unit's name for the order, from the unit registry (its identifier when unknown). */
  unitName?: (unit: string) => string | undefined;
}

/**
 * The postal order activities, closing over their dependencies. Personal data is read here, from
 * the applicant store, sent to the operator and forgotten: the workflow gets back references and
 * codes only.
 */
export function createPostalActivities(deps: PostalActivityDeps): PostalActivities {
  return {
    async placePostalOrder(input) {
      const contact = await deps.contacts.of(input.dossierCode);
      const address = contact && (input.leg === 'PICKUP' ? (contact.pickupAddress ?? contact.address) : contact.address);
      if (!contact || !address) return { kind: 'REFUSED', reason: 'NO_ADDRESS', httpStatus: null, partnerCode: null };
      const applicant: PostalParty = { kind: 'APPLICANT', name: contact.name, phone: contact.phone, address, unit: null };
      const unit: PostalParty = { kind: 'UNIT', name: deps.unitName?.(input.unit) ?? input.unit, phone: null, address: null, unit: input.unit };
      const order: PostalOrderRequest = {
        orderRef: input.key,
        leg: input.leg,
        dossierCode: input.dossierCode,
        service: input.leg === 'PICKUP' ? 'DOSSIER' : 'RESULT',
        sender: input.leg === 'PICKUP' ? applicant : unit,
        receiver: input.leg === 'PICKUP' ? unit : applicant,
        documentCount: Math.max(1, input.documentCount),
        callbackUrl: deps.callbackUrl,
      };
      const answer = await whenBusyRetryLater(() => deps.operator.placeOrder(order, input.key));
      if (answer.kind === 'REFUSED') return { kind: 'REFUSED', reason: 'OPERATOR_REFUSED', httpStatus: answer.httpStatus, partnerCode: answer.partnerCode };
      // The area of the address the leg goes to or from: a pickup elsewhere than the applicant's
      // address lies where its own area says, or nowhere known.
      const area = input.leg === 'PICKUP' && contact.pickupAddress ? contact.pickupArea : contact.addressArea;
      return { ...answer, scope: legScopeOf(input.unit, area ?? null) };
    },

    async cancelPostalOrder({ orderRef }) {
      return whenBusyRetryLater(() => deps.operator.cancelOrder(orderRef));
    },
  };
}

/** The operator's Retry-After becomes the next retry's delay (the policy's backoff otherwise). */
async function whenBusyRetryLater<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (e instanceof PostalOperatorBusy) {
      throw ApplicationFailure.create({ message: e.message, type: 'PostalOperatorBusy', nextRetryDelay: e.retryAfterMs });
    }
    throw e;
  }
}
