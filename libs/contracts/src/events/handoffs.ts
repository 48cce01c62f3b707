import { z } from 'zod';
import { HandoffTasks, OfficerIdSchema } from '../handoffs';
import { AgencyIdSchema } from '../procedure';
import { EventInstantSchema } from '../time';
import { eventPayload, MemberSchema } from './shared';

const PartySchema = z.object({
  unit: z.string().min(1).max(64).describe('a one-stop unit\'s identifier or an agency code of the route'),
  officer: OfficerIdSchema.nullable().describe('the officer (token subject) who handed over or received; null while not known'),
});

export const DossierHandedOffSchema = eventPayload(
  'DossierHandedOff',
  'The dossier passes from one unit or agency to the next: a row of the process control sheet (Form 05)',
  {
    from: PartySchema,
    fromMember: MemberSchema.nullable().describe('the handing stage member; null for the one-stop unit'),
    to: PartySchema,
    toMember: MemberSchema.nullable().describe('the receiving stage member; null for the (originating) one-stop unit'),
    dueAt: EventInstantSchema.describe('the receiving stage member\'s deadline; to the one-stop unit, the dossier\'s appointment'),
    task: HandoffTasks.schema.describe('what the receiver must do'),
  },
);

const part = { member: MemberSchema, agency: AgencyIdSchema };

export const StagePartAssignedSchema = eventPayload('StagePartAssigned', 'The head of the holding agency assigned an officer to its part', {
  ...part,
  officer: OfficerIdSchema.describe('the assigned officer (token subject)'),
});

export const StagePartAppraisedSchema = eventPayload('StagePartAppraised', 'An officer of the holding agency appraised its part (the actor)', part);

export const StagePartApprovedSchema = eventPayload('StagePartApproved', 'A leader of the holding agency approved its part (the actor)', part);
