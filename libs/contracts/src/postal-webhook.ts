import { z } from 'zod';
import { InstantSchema } from './time';
import { DeliveryFailureReasons } from './reasons';

/**
 * The postal partner's inbound events (CONTRACTS.md "Postal partner"): POST /api/v1/postal/events,
 * signed per Standard Webhooks 1.0. This is the body; the signature is the API's to check.
 */

/** `webhook-id` and `eventId`: 1–64 characters of A-Z a-z 0-9 _ : - (they are the same string). */
export const WEBHOOK_ID_PATTERN = /^[A-Za-z0-9_:-]{1,64}$/;

/** The weights of a UPU S10 serial's eight digits, in order. */
const S10_WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7] as const;

/**
 * The check digit of a UPU S10 serial (eight digits): 11 − (weighted sum mod 11), with 10 written
 * 0 and 11 written 5 (UPU S10 §5.3).
 */
export function s10CheckDigit(serial: string): number {
  const sum = [...serial].reduce((acc, d, i) => acc + Number(d) * S10_WEIGHTS[i], 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 0 : check === 11 ? 5 : check;
}

/**
 * A UPU S10 item identifier: two letters (service), eight digits, the check digit, and the
 * ISO 3166 alpha-2 country of the issuing post (e.g. EN340902457VN). A typo in a waybill is
 * caught here, not after it has been recorded on the dossier for good.
 */
export function isS10Waybill(s: string): boolean {
  const m = /^[A-Z]{2}(\d{8})(\d)[A-Z]{2}$/.exec(s);
  return m !== null && s10CheckDigit(m[1]) === Number(m[2]);
}

export const S10WaybillSchema = z
  .string()
  .refine(isS10Waybill, 'a UPU S10 number: 2 letters, 8 digits, the check digit, 2 letters (e.g. EN340902457VN)')
  .meta({ pattern: '^[A-Z]{2}[0-9]{9}[A-Z]{2}$', description: 'UPU S10 item identifier, check digit verified, e.g. EN340902457VN' });

export const POSTAL_EVENT_TYPES = ['PICKED_UP', 'HANDED_OVER', 'DELIVERY_ATTEMPT_FAILED', 'DELIVERED', 'RETURNED_TO_SENDER'] as const;
export type PostalEventType = (typeof POSTAL_EVENT_TYPES)[number];

// Fields not listed are ignored, not refused: a partner adding an informative field breaks nothing.
export const PostalEventBodySchema = z.object({
  eventId: z.string().regex(WEBHOOK_ID_PATTERN, '1–64 characters of A-Z a-z 0-9 _ : -'),
  type: z.enum(POSTAL_EVENT_TYPES),
  dossierCode: z.string().min(1).max(64),
  waybill: S10WaybillSchema,
  /** When it happened at the post (for HANDED_OVER: the signed handover record, the submission instant). */
  occurredAt: InstantSchema,
  /** The post's order this event belongs to (outbound orders are planned). */
  orderRef: z.string().min(1).max(64).regex(/^[\x21-\x7e]+$/, 'printable ASCII').optional(),
  /** DELIVERY_ATTEMPT_FAILED: the post's own attempt number (informative: counting is ours, by the 2-working-day rule). */
  attempt: z.number().int().min(1).max(99).optional(),
  /** DELIVERY_ATTEMPT_FAILED: why, as a code (no free text: it could name people). */
  reason: DeliveryFailureReasons.schema.optional(),
  /** The post's own status code, informative only. */
  partnerStatus: z.string().min(1).max(64).regex(/^[\x21-\x7e]+$/, 'printable ASCII').optional(),
});
export type PostalEventBody = z.infer<typeof PostalEventBodySchema>;
