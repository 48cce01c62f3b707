import { z } from 'zod';
import { DeliveryFailureReasons } from '../reasons';
import { eventPayload } from './shared';

export const ResultReturnedSchema = eventPayload('ResultReturned', 'The result is handed to the applicant (terminal)', {
  channel: z.enum(['COUNTER', 'ONLINE']),
});

export const ResultHandedToPostSchema = eventPayload('ResultHandedToPost', 'The result is handed to the post for delivery', {});

export const DeliveryAttemptFailedSchema = eventPayload('DeliveryAttemptFailed', 'The post failed to deliver the result once', {
  counted: z.boolean().describe('whether the attempt counts towards the return to the unit'),
  countedAttempts: z.number().int().min(0),
  reason: DeliveryFailureReasons.schema.optional().describe('what the post reported, when it did'),
});

export const ResultBackAtUnitSchema = eventPayload('ResultBackAtUnit', 'The result came back to the one-stop unit, to be collected there', {
  reason: z.enum(['DELIVERY_FAILED', 'RETURNED_TO_SENDER']),
});

export const ResultDeliveredSchema = eventPayload('ResultDelivered', 'The post delivered the result (terminal)', {});
