import { z } from 'zod';
import { HandoffTasks } from './handoffs';
import { OutcomeSchema } from './statuses';

const instant = z.string().describe('ISO-8601 with offset, Vietnam time (+07:00)');

const PartySchema = z.object({
  unit: z.string().describe('a one-stop unit\'s identifier or an agency code of the route'),
  officer: z.string().nullable().describe('the officer (token subject); null while not known'),
});

/**
 * Form 05, the process control sheet (Circular 01/2018): one row per handoff, the receiver's
 * deadline, when it finished its part and how that compares (GET /dossiers/{code}/control-sheet).
 */
export const ControlSheetSchema = z.object({
  code: z.string(),
  rows: z.array(
    z.object({
      from: PartySchema,
      to: PartySchema,
      handedOverAt: instant,
      dueAt: instant.describe('the receiver\'s deadline (restarted after a supplement); to the one-stop unit, the dossier\'s appointment'),
      finishedAt: instant.nullable().describe('when the receiver finished its part; to the one-stop unit, the handover itself (the dossier\'s finish)'),
      outcome: OutcomeSchema.nullable().describe('EARLY, ON_TIME or LATE against dueAt; null while not finished'),
      task: HandoffTasks.schema.describe('what the receiver must do'),
    }),
  ),
});
export type ControlSheet = z.infer<typeof ControlSheetSchema>;
export type ControlSheetRow = ControlSheet['rows'][number];
