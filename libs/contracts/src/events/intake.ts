import { z } from 'zod';
import { ProcedureSchema } from '../procedure';
import { DocumentCodeSchema, IntakeRefusalReasons } from '../reasons';
import { ChannelSchema } from '../statuses';
import { EventInstantSchema } from '../time';
import { DeadlineSchema, eventPayload, EventNoteRefSchema } from './shared';

/** A waybill as the post writes it: an identifier of the partner's, not checked further. */
const WaybillSchema = z.string().min(1).max(64);

export const DossierRegisteredSchema = eventPayload('DossierRegistered', 'A dossier is registered under a code, with the versions it keeps for its whole life', {
  code: z.string().min(1),
  unit: z.string().min(1),
  procedure: ProcedureSchema.extend({ version: z.string().min(1) }).describe('the whole procedure version the dossier is received under'),
  ruleSet: z.string().min(1).describe('e.g. ND118-2025'),
  calendar: z.object({ id: z.string().min(1), version: z.string().min(1) }),
  applicantRef: z.string().min(1).nullable().describe('pseudonymous applicant reference; never a name or an identity number'),
});

export const PostalPickupRequestedSchema = eventPayload('PostalPickupRequested', 'The post is asked to collect the dossier from the applicant', {});

export const PostalPickedUpSchema = eventPayload('PostalPickedUp', 'The post collected the dossier', {
  waybill: WaybillSchema,
  transitDueAt: EventInstantSchema.optional().describe('the pickup leg\'s transit target, when its order said how far it travels'),
});

export const DossierSubmittedSchema = eventPayload('DossierSubmitted', 'The dossier is submitted (at the counter, online, or handed over by the post)', {
  channel: ChannelSchema,
  waybill: WaybillSchema.nullable(),
});

export const IntakeSupplementRequestedSchema = eventPayload('IntakeSupplementRequested', 'Form 02: incomplete at intake, not received (no clock)', {
  missing: z.array(DocumentCodeSchema).describe('document codes of the procedure'),
  noteRef: EventNoteRefSchema,
});

export const IntakeRefusedSchema = eventPayload('IntakeRefused', 'Form 03: refused at intake (terminal)', {
  reasons: z.array(IntakeRefusalReasons.schema),
  noteRef: EventNoteRefSchema,
});

export const DossierAcceptedSchema = eventPayload('DossierAccepted', 'Form 01: received; the legal clock starts, with the appointment', {
  clockStartedAt: EventInstantSchema,
  deadline: DeadlineSchema.describe('the appointment (legal due instant) and its timers'),
});
