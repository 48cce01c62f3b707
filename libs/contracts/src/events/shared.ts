import { z } from 'zod';
import { AgencyIdSchema } from '../procedure';
import { NoteRefSchema } from '../reasons';
import { EventInstantSchema } from '../time';

/**
 * An event's own fields, with its name as the discriminant. The envelope (who, when, the dossier's
 * status after it) is the CloudEvent's, not the payload's (dossier-event.ts).
 */
export const eventPayload = <T extends string, S extends z.ZodRawShape>(type: T, description: string, shape: S) =>
  z.object({ type: z.literal(type), ...shape }).describe(description);

/** A position in the flattened route: an agency that appears in two stages is two members. */
export const MemberSchema = z.number().int().min(0).describe('position of the stage member in the flattened route, from 0');

/** A computed due instant with its timers' instants, and the calendar version that computed them. */
export const DeadlineSchema = z
  .object({
    at: EventInstantSchema,
    nearDueAt: EventInstantSchema.nullable().describe('NEAR_DUE alert: 08:00 of the working day before; null when that is not after the clock started'),
    apologyBy: EventInstantSchema.describe('an apology is due by then: 17:00 of the working day before, or the due instant itself'),
    calendar: z.string().min(1).describe('the calendar version that counted it, e.g. VN-GOV@2026.1'),
  })
  .describe('a deadline, computed once when its clock started');

export const MemberDeadlineSchema = z.object({ member: MemberSchema, agency: AgencyIdSchema, deadline: DeadlineSchema });

/**
 * Where an officer's own words are kept (the operational store); absent when there are none, so
 * an event without a note reads exactly as events did before notes existed.
 */
export const EventNoteRefSchema = NoteRefSchema.optional().describe('reference of the officer\'s note in the operational store (never the text); absent when none');

/** Milliseconds of elapsed time (a duration, not an instant). */
export const DurationMsSchema = z.number().int().min(0);
