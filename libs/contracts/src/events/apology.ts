import { z } from 'zod';
import { AgencyIdSchema } from '../procedure';
import { ApologyReasons } from '../reasons';
import { EventInstantSchema } from '../time';
import { eventPayload, EventNoteRefSchema } from './shared';

export const ApologyIssuedSchema = eventPayload('ApologyIssued', 'Form 04: an apology with a new appointment', {
  agency: AgencyIdSchema,
  newAppointment: EventInstantSchema,
  byDeadline: z.boolean().describe('whether it came before the apology deadline'),
  reason: ApologyReasons.schema.optional(),
  noteRef: EventNoteRefSchema,
});
