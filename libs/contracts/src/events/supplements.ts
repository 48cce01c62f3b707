import { z } from 'zod';
import { AgencyIdSchema } from '../procedure';
import { DocumentCodeSchema } from '../reasons';
import { DeadlineSchema, DurationMsSchema, eventPayload, EventNoteRefSchema, MemberDeadlineSchema, MemberSchema } from './shared';

export const SupplementRequestedSchema = eventPayload('SupplementRequested', 'An agency asks for a supplement after appraisal: the clocks stop', {
  member: MemberSchema,
  agency: AgencyIdSchema,
  workingDaysSinceReceipt: z.number().int().describe('since the agency received the complete dossier; over 3 is a recorded violation'),
  late: z.boolean(),
  missing: z.array(DocumentCodeSchema).describe('document codes of the procedure'),
  noteRef: EventNoteRefSchema,
});

export const SupplementReceivedSchema = eventPayload('SupplementReceived', 'The complete supplement arrived: the clocks restart from zero', {
  deadline: DeadlineSchema.describe('the new appointment'),
  restarted: z.array(MemberDeadlineSchema).describe('the members whose clocks restarted, with their new deadlines'),
  waitedMs: DurationMsSchema,
});
