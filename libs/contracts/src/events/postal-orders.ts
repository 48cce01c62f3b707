import { z } from 'zod';
import { PostalLegSchema, PostalLegScopeSchema } from '../postal-orders';
import { EventInstantSchema } from '../time';
import { eventPayload } from './shared';

const order = {
  leg: PostalLegSchema,
  n: z.number().int().min(1).describe('the n-th order of this leg for the dossier'),
  orderRef: z.string().min(1).max(128).describe('the order\'s reference at the operator'),
};

export const PostalOrderPlacedSchema = eventPayload('PostalOrderPlaced', 'The postal operator took an order for a leg (pickup or return)', {
  ...order,
  waybill: z.string().min(1).max(64).nullable().describe('when the operator gave one with its answer; else it comes later by webhook'),
  partnerStatus: z.string().min(1).max(64).describe('the operator\'s status, as it wrote it (e.g. CREATED, PENDING)'),
  scope: PostalLegScopeSchema.nullable().describe('how far the leg travels, for its transit target; null when the addresses do not say'),
  transitDueAt: EventInstantSchema.optional().describe('the leg\'s transit target, when the leg has started and its scope is known'),
});

export const PostalOrderRefusedSchema = eventPayload('PostalOrderRefused', 'An order could not be placed: the operator refused it, or there is no address to give it', {
  ...order,
  reason: z.enum(['OPERATOR_REFUSED', 'NO_ADDRESS']),
  httpStatus: z.number().int().min(400).max(499).nullable().describe('the operator\'s answer, for OPERATOR_REFUSED'),
  partnerCode: z.string().min(1).max(64).optional().describe('the operator\'s error code, when it gave one'),
});

export const PostalOrderCancelledSchema = eventPayload('PostalOrderCancelled', 'A pending pickup order is cancelled (the dossier was withdrawn before the pickup)', {
  ...order,
  alreadyGone: z.boolean().describe('the operator no longer had the order (404/410)'),
});
