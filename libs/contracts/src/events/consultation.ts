import { z } from 'zod';
import { AgencyIdSchema } from '../procedure';
import { OutcomeSchema } from '../statuses';
import { EventInstantSchema, TimeLimitSchema } from '../time';
import { eventPayload } from './shared';

/** A consultation's number within its dossier, from 0 in the order they were asked. */
export const ConsultationSchema = z.number().int().min(0).describe('the consultation\'s number within the dossier, from 0');

export const ConsultationRequestedSchema = eventPayload(
  'ConsultationRequested',
  'The lead agency asks another agency for its opinion, with a deadline of its own (ONE-STOP.md §4); the dossier\'s legal clock runs on',
  {
    consultation: ConsultationSchema,
    agency: AgencyIdSchema.describe('the asking agency (it holds the current stage)'),
    to: AgencyIdSchema.describe('the consulted agency'),
    allotted: TimeLimitSchema,
    dueAt: EventInstantSchema.describe('the answer is due by then, counted in working time of the dossier\'s calendar'),
    calendar: z.string().min(1).describe('the calendar version that counted it'),
  },
);

export const ConsultationAnsweredSchema = eventPayload('ConsultationAnswered', 'The consulted agency answers; a late answer is recorded as such', {
  consultation: ConsultationSchema,
  agency: AgencyIdSchema.describe('the answering (consulted) agency'),
  outcome: OutcomeSchema.describe('the answer against its deadline: LATE after it'),
});
