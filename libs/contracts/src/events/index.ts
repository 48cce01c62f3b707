import { z } from 'zod';
import { AlertRaisedSchema } from './alerts';
import { ApologyIssuedSchema } from './apology';
import { ConsultationAnsweredSchema, ConsultationRequestedSchema } from './consultation';
import { SatisfactionRatedSchema } from './rating';
import {
  DossierAcceptedSchema,
  DossierRegisteredSchema,
  DossierSubmittedSchema,
  IntakeRefusedSchema,
  IntakeSupplementRequestedSchema,
  PostalPickedUpSchema,
  PostalPickupRequestedSchema,
} from './intake';
import { DossierRejectedSchema, DossierStoppedSchema, ResultReadySchema, StagePartCompletedSchema, StageStartedSchema } from './processing';
import { DeliveryAttemptFailedSchema, ResultBackAtUnitSchema, ResultDeliveredSchema, ResultHandedToPostSchema, ResultReturnedSchema } from './result';
import { SupplementReceivedSchema, SupplementRequestedSchema } from './supplements';
import { DossierWithdrawnSchema } from './withdrawal';
import { PostalOrderCancelledSchema, PostalOrderPlacedSchema, PostalOrderRefusedSchema } from './postal-orders';
import { DossierHandedOffSchema, StagePartAppraisedSchema, StagePartApprovedSchema, StagePartAssignedSchema } from './handoffs';

export { DeadlineSchema, MemberDeadlineSchema } from './shared';
export * from './intake';
export * from './processing';
export * from './supplements';
export * from './apology';
export * from './withdrawal';
export * from './result';
export * from './alerts';
export * from './postal-orders';
export * from './handoffs';
export * from './consultation';
export * from './rating';

/**
 * Every dossier event's payload schema, by type, in the order a dossier's life meets them. The
 * domain's event union (libs/dossier/src/events.ts) must match this map type for type and field
 * for field: libs/wire/src/consistency.ts fails `tsc` otherwise.
 */
export const DossierEventPayloadSchemas = {
  DossierRegistered: DossierRegisteredSchema,
  PostalPickupRequested: PostalPickupRequestedSchema,
  PostalPickedUp: PostalPickedUpSchema,
  DossierSubmitted: DossierSubmittedSchema,
  IntakeSupplementRequested: IntakeSupplementRequestedSchema,
  IntakeRefused: IntakeRefusedSchema,
  DossierAccepted: DossierAcceptedSchema,
  StageStarted: StageStartedSchema,
  DossierHandedOff: DossierHandedOffSchema,
  StagePartAssigned: StagePartAssignedSchema,
  StagePartAppraised: StagePartAppraisedSchema,
  StagePartApproved: StagePartApprovedSchema,
  StagePartCompleted: StagePartCompletedSchema,
  ResultReady: ResultReadySchema,
  SupplementRequested: SupplementRequestedSchema,
  SupplementReceived: SupplementReceivedSchema,
  ApologyIssued: ApologyIssuedSchema,
  DossierRejected: DossierRejectedSchema,
  ResultReturned: ResultReturnedSchema,
  ResultHandedToPost: ResultHandedToPostSchema,
  DeliveryAttemptFailed: DeliveryAttemptFailedSchema,
  ResultBackAtUnit: ResultBackAtUnitSchema,
  ResultDelivered: ResultDeliveredSchema,
  DossierWithdrawn: DossierWithdrawnSchema,
  DossierStopped: DossierStoppedSchema,
  AlertRaised: AlertRaisedSchema,
  PostalOrderPlaced: PostalOrderPlacedSchema,
  PostalOrderRefused: PostalOrderRefusedSchema,
  PostalOrderCancelled: PostalOrderCancelledSchema,
  ConsultationRequested: ConsultationRequestedSchema,
  ConsultationAnswered: ConsultationAnsweredSchema,
  SatisfactionRated: SatisfactionRatedSchema,
} as const;

export type DossierEventTypeName = keyof typeof DossierEventPayloadSchemas;
export const DOSSIER_EVENT_TYPES = Object.keys(DossierEventPayloadSchemas) as DossierEventTypeName[];

export function isDossierEventTypeName(name: string): name is DossierEventTypeName {
  return Object.prototype.hasOwnProperty.call(DossierEventPayloadSchemas, name);
}

/**
 * The version of each event type's schema, published as the CloudEvent's `dataschema`. Bump a
 * type's version when a consumer written for the old one would misread the new one (a field
 * removed, renamed, retyped or given another meaning); a new optional field does not bump it.
 */
export const DOSSIER_EVENT_SCHEMA_VERSIONS: { readonly [T in DossierEventTypeName]: number } = {
  DossierRegistered: 1,
  PostalPickupRequested: 1,
  PostalPickedUp: 1,
  DossierSubmitted: 1,
  IntakeSupplementRequested: 1,
  IntakeRefused: 1,
  DossierAccepted: 1,
  StageStarted: 1,
  DossierHandedOff: 1,
  StagePartAssigned: 1,
  StagePartAppraised: 1,
  StagePartApproved: 1,
  StagePartCompleted: 1,
  ResultReady: 1,
  SupplementRequested: 1,
  SupplementReceived: 1,
  ApologyIssued: 1,
  DossierRejected: 1,
  ResultReturned: 1,
  ResultHandedToPost: 1,
  DeliveryAttemptFailed: 1,
  ResultBackAtUnit: 1,
  ResultDelivered: 1,
  DossierWithdrawn: 1,
  DossierStopped: 1,
  AlertRaised: 1,
  PostalOrderPlaced: 1,
  PostalOrderRefused: 1,
  PostalOrderCancelled: 1,
  ConsultationRequested: 1,
  ConsultationAnswered: 1,
  SatisfactionRated: 1,
};

/** The payload of any dossier event, discriminated by its `type`. */
export const DossierEventPayloadSchema = z.discriminatedUnion(
  'type',
  Object.values(DossierEventPayloadSchemas) as [
    (typeof DossierEventPayloadSchemas)[DossierEventTypeName],
    ...(typeof DossierEventPayloadSchemas)[DossierEventTypeName][],
  ],
);
/** As on the wire (instants as `+07:00` strings). */
export type DossierEventPayload = z.input<typeof DossierEventPayloadSchema>;
