import { z } from 'zod';
import { AgencyIdSchema } from '../procedure';
import { RejectionReasons, StopReasons } from '../reasons';
import { OutcomeSchema } from '../statuses';
import { EventInstantSchema } from '../time';
import { DurationMsSchema, eventPayload, EventNoteRefSchema, MemberDeadlineSchema, MemberSchema } from './shared';

export const StageStartedSchema = eventPayload('StageStarted', 'A route stage starts: each of its members gets its own deadline', {
  stage: z.number().int().min(0).describe('position of the stage in the route, from 0'),
  startedAt: EventInstantSchema.describe('when its clock starts: the handoff; for the first stage, the legal clock\'s start'),
  members: z.array(MemberDeadlineSchema),
});

export const StagePartCompletedSchema = eventPayload('StagePartCompleted', 'A member agency finished its part of the current stage', {
  member: MemberSchema,
  agency: AgencyIdSchema,
  outcome: OutcomeSchema.describe('the member against its own allotment'),
});

export const ResultReadySchema = eventPayload('ResultReady', 'The last stage is done: the result waits to be returned', {
  outcome: OutcomeSchema.describe('the dossier against its appointment'),
  processingMs: DurationMsSchema.describe('from the clock\'s start, supplement waits excluded'),
});

export const DossierRejectedSchema = eventPayload('DossierRejected', 'Refused after appraisal: a result, the dossier ends REJECTED', {
  member: MemberSchema,
  agency: AgencyIdSchema,
  memberOutcome: OutcomeSchema.describe('the rejecting member against its own allotment'),
  outcome: OutcomeSchema.describe('the dossier against its appointment'),
  processingMs: DurationMsSchema,
  reasons: z.array(RejectionReasons.schema),
  noteRef: EventNoteRefSchema,
});

export const DossierStoppedSchema = eventPayload('DossierStopped', 'The holding agency stopped processing (terminal)', {
  member: MemberSchema,
  agency: AgencyIdSchema,
  reasons: z.array(StopReasons.schema),
  noteRef: EventNoteRefSchema,
});
