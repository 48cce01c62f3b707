import { z } from 'zod';

export const ChannelSchema = z.enum(['COUNTER', 'ONLINE', 'POSTAL']);
export type Channel = z.infer<typeof ChannelSchema>;

/** National sync codes of the channels (ONE-STOP.md §2). */
export const CHANNEL_SYNC_CODE: Record<Channel, 1 | 2 | 3> = { COUNTER: 1, ONLINE: 2, POSTAL: 3 };

export const DossierStatusSchema = z.enum([
  'PICKUP_REQUESTED',
  'PICKED_UP',
  'SUBMITTED',
  'INTAKE_SUPPLEMENT',
  'REFUSED',
  'IN_PROCESSING',
  'SUPPLEMENT_PENDING',
  'RESULT_READY',
  'REJECTED',
  'RETURNED',
  'OUT_FOR_DELIVERY',
  'DELIVERED',
  'AWAITING_COLLECTION',
  'WITHDRAWN',
  'STOPPED',
]);
export type DossierStatus = z.infer<typeof DossierStatusSchema>;

/** States from which nothing more can happen to the dossier. */
export const TERMINAL_STATUSES: readonly DossierStatus[] = [
  'REFUSED',
  'REJECTED',
  'RETURNED',
  'DELIVERED',
  'WITHDRAWN',
  'STOPPED',
];

export const OutcomeSchema = z.enum(['EARLY', 'ON_TIME', 'LATE']);
export type Outcome = z.infer<typeof OutcomeSchema>;

/**
 * POSTAL_LEG_LATE and POSTAL_ORDER_REFUSED are the post's (scope POSTAL, no agency): a late postal
 * leg is the post's breach and is never counted against an agency (Decision 45/2016).
 * CONSULTATION_OVERDUE: a consulted agency's answer is missing at its deadline, escalated to the
 * head of the dossier's one-stop unit (scope CONSULTATION, agency = the consulted agency).
 */
export const AlertTypeSchema = z.enum([
  'NEAR_DUE',
  'OVERDUE',
  'APOLOGY_MISSED',
  'RESCHEDULE_MISSED',
  'POSTAL_LEG_LATE',
  'POSTAL_ORDER_REFUSED',
  'CONSULTATION_OVERDUE',
]);
export type AlertType = z.infer<typeof AlertTypeSchema>;
export const AlertScopeSchema = z.enum(['DOSSIER', 'STAGE', 'POSTAL', 'CONSULTATION']);
export type AlertScope = z.infer<typeof AlertScopeSchema>;
