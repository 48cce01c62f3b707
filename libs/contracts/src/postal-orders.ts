import { z } from 'zod';

/**
 * Motcua's orders to the postal operator (CONTRACTS.md "Postal partner", outbound): POST
 * {POSTAL_API_URL}/orders and DELETE {POSTAL_API_URL}/orders/{orderRef}. The operator's own
 * status codes never enter the domain as such: an adapter maps them (docs/contracts.md).
 */

/** PICKUP: the post collects the dossier from the applicant; RETURN: it carries the result back. */
export const PostalLegSchema = z.enum(['PICKUP', 'RETURN']);
export type PostalLeg = z.infer<typeof PostalLegSchema>;

/**
 * How far a leg travels, for its transit target (Decision 45/2016: J+1 same district, J+2 same
 * province, J+4 between provinces). Since 1/7/2025 there are no districts (Decree 118/2025): the
 * nearest area is the commune-level one-stop unit's, so SAME_DISTRICT means "the address lies in
 * the receiving unit's own area" (docs/rules.md).
 */
export const PostalLegScopeSchema = z.enum(['SAME_DISTRICT', 'SAME_PROVINCE', 'BETWEEN_PROVINCES']);
export type PostalLegScope = z.infer<typeof PostalLegScopeSchema>;

/** The transit target of a leg, in working days after J, the day the post accepted the item. */
export const TRANSIT_WORKING_DAYS: { readonly [S in PostalLegScope]: number } = {
  SAME_DISTRICT: 1,
  SAME_PROVINCE: 2,
  BETWEEN_PROVINCES: 4,
};

/** The Decision 45/2016 service an order is for: the dossier only, or the result only. */
export const PostalServiceSchema = z.enum(['DOSSIER', 'RESULT']);
export type PostalService = z.infer<typeof PostalServiceSchema>;

/** One end of a leg: the applicant (name, phone, address) or the one-stop unit (its identifier). */
export const PostalPartySchema = z.object({
  kind: z.enum(['APPLICANT', 'UNIT']),
  name: z.string().min(1).max(200),
  phone: z.string().max(32).nullable(),
  address: z.string().max(500).nullable(),
  unit: z.string().nullable().describe('for kind UNIT: the one-stop unit\'s Decision 20/2020 identifier'),
});
export type PostalParty = z.infer<typeof PostalPartySchema>;

/**
 * The body of POST {POSTAL_API_URL}/orders: one schema for both sides, the worker's order activity
 * sends it and the postal simulator checks it. `orderRef` is ours, and is also the Idempotency-Key.
 */
export const PostalOrderRequestSchema = z.object({
  orderRef: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces')
    .describe('<dossier code>:<PICKUP|RETURN>:<n>, the same as the Idempotency-Key header'),
  leg: PostalLegSchema,
  dossierCode: z.string().min(1).max(64),
  service: PostalServiceSchema,
  sender: PostalPartySchema,
  receiver: PostalPartySchema,
  documentCount: z.number().int().min(1).max(999),
  callbackUrl: z.url({ protocol: /^https?$/ }).max(2048).describe('where the operator sends its events: Motcua\'s POST /api/v1/postal/events'),
});
export type PostalOrderRequest = z.infer<typeof PostalOrderRequestSchema>;

/** 201 `{orderRef, waybill, status}` or 202 `{orderRef, status: "PENDING"}` (the waybill comes later by webhook). */
export const PostalOrderAnswerSchema = z.object({
  orderRef: z.string().min(1).max(128),
  waybill: z.string().min(1).max(64).nullish(),
  status: z.string().min(1).max(64),
});
export type PostalOrderAnswer = z.infer<typeof PostalOrderAnswerSchema>;

/** `<code>:<PICKUP|RETURN>:<n>`: the n-th order of that leg for the dossier (the Idempotency-Key and our orderRef). */
export function postalOrderKey(dossierCode: string, leg: PostalLeg, n: number): string {
  return `${dossierCode}:${leg}:${n}`;
}

/** `Idempotency-Key: <dossier code>:<PICKUP|RETURN>:<n>`; n counts the runs of that leg (an extra run is a new order). */
const ORDER_KEY = /^(.{1,64}):(PICKUP|RETURN):([1-9]\d{0,3})$/;

export interface PostalOrderKey {
  dossierCode: string;
  leg: PostalLeg;
  run: number;
}

/** The operator's side of `postalOrderKey`: what a received Idempotency-Key names, or null. */
export function parsePostalOrderKey(key: string): PostalOrderKey | null {
  const m = ORDER_KEY.exec(key);
  return m ? { dossierCode: m[1], leg: m[2] as PostalLeg, run: Number(m[3]) } : null;
}
