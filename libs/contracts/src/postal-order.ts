import { z } from 'zod';

/**
 * The postal operator's order API (CONTRACTS.md "Postal partner", outbound): what Motcua asks the
 * post to do, `POST {POSTAL_API_URL}/orders`. One schema for both sides: the worker's order
 * activity sends it, the postal simulator checks it.
 */

export const POSTAL_LEGS = ['PICKUP', 'RETURN'] as const;
export type PostalLeg = (typeof POSTAL_LEGS)[number];

/** `Idempotency-Key: <dossier code>:<PICKUP|RETURN>:<n>`; n counts the runs of that leg (an extra run is a new order). */
const ORDER_KEY = /^(.{1,64}):(PICKUP|RETURN):([1-9]\d{0,3})$/;

export interface PostalOrderKey {
  dossierCode: string;
  leg: PostalLeg;
  run: number;
}

export function parsePostalOrderKey(key: string): PostalOrderKey | null {
  const m = ORDER_KEY.exec(key);
  return m ? { dossierCode: m[1], leg: m[2] as PostalLeg, run: Number(m[3]) } : null;
}

const printable = (max: number) => z.string().min(1).max(max).regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces');

/** Who hands over or receives the item. Contact data: the post needs it, nothing else keeps it. */
export const PostalPartySchema = z.looseObject({
  name: z.string().min(1).max(200),
  address: z.string().min(1).max(500),
  phone: z.string().min(1).max(32).optional(),
});

export const PostalOrderSchema = z.object({
  /** Ours, unique per order: every later event of the post names it. */
  orderRef: printable(64),
  leg: z.enum(POSTAL_LEGS),
  dossierCode: z.string().min(1).max(64),
  /** The post's service code (e.g. the public administrative service's). */
  service: z.string().min(1).max(64),
  sender: PostalPartySchema,
  receiver: PostalPartySchema,
  documentCount: z.number().int().min(1).max(999),
  /** Where the post sends this order's events (Standard Webhooks 1.0): the API's POST /api/v1/postal/events. */
  callbackUrl: z.url({ protocol: /^https?$/ }).max(2048),
});
export type PostalOrder = z.infer<typeof PostalOrderSchema>;

/** The post's answer to an order: 201 with the waybill, or 202 PENDING (the waybill comes by webhook). */
export type PostalOrderAnswer = { orderRef: string; waybill: string; status: 'ACCEPTED' } | { orderRef: string; status: 'PENDING' };
