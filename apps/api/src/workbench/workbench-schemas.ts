import { HTTP_ACTIONS, TimeLimitSchema } from '@motcua/contracts';
import { z } from 'zod';

/**
 * The workbench's answers, as schemas: what the OpenAPI document describes and what the types of
 * the queue and the action previews are. Instants are RFC 3339 in Vietnam time (+07:00).
 */
const instant = z.string().describe('RFC 3339, +07:00');

export const HolderSchema = z.object({
  kind: z.enum(['UNIT', 'AGENCY']),
  id: z.string().describe('the one-stop unit\'s identifier, or the agency\'s code'),
});

export const WorkbenchItemSchema = z.object({
  key: z.string().describe('`<code>@UNIT:<unit>` or `<code>@AGENCY:<agency>`: one line per holder; what a stream `remove` names'),
  code: z.string(),
  procedure: z.object({ code: z.string(), name: z.string().nullable() }),
  status: z.string(),
  channel: z.string().nullable(),
  holder: HolderSchema,
  stage: z.number().int().nullable().describe('the route stage (0-based) the line is about'),
  dueAt: instant
    .nullable()
    .describe("the holder's deadline: the unit's is the appointment (the new one after an apology), an agency's its part's; null before acceptance and while a supplement is awaited (the clocks stand still)"),
  appointment: instant.nullable().describe('the appointment the applicant holds (after an apology, its new one)'),
  state: z.enum(['ON_TIME', 'NEAR_DUE', 'OVERDUE']).describe("NEAR_DUE once the engine's NEAR_DUE alert fired for this deadline (the breach board's threshold); OVERDUE once it passed"),
  receivedAt: instant.nullable().describe("when the holder received it: the agency's part started; for the unit, the submission"),
  lastEventAt: instant,
});

export const WorkbenchPageSchema = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(WorkbenchItemSchema),
});

export const ChoiceSchema = z.object({ value: z.string(), label: z.string().describe('Vietnamese') });

export const FieldSpecSchema = z.object({
  kind: z.enum(['AGENCY', 'CHOICE', 'CHOICES', 'INSTANT', 'TIME_LIMIT', 'TEXT']),
  required: z.boolean(),
  preset: z.union([z.string(), TimeLimitSchema]).nullable().optional().describe("what to send unless the officer changes it (AGENCY: the caller's own, the only one the API takes)"),
  choices: z.array(ChoiceSchema).optional().describe('CHOICE: one of them; CHOICES: one or more'),
  after: instant.nullable().optional().describe('INSTANT: strictly after this (the apology: the current appointment)'),
  atMost: instant.nullable().optional().describe('INSTANT: at most this (the apology: APOLOGY.BEYOND_BOUND)'),
  maxLength: z.number().int().optional(),
});

export const SupplementWindowSchema = z.object({
  workingDays: z.number().int().describe('the window, in working days from the agency\'s receipt of a complete dossier (Decree 61/2018 Art. 19(4))'),
  workingDaysSinceReceipt: z.number().int(),
  open: z.boolean().describe('a request now is in time; a later one is still taken, and recorded as late'),
  closesAt: instant,
  requestsLeft: z.number().int(),
});

export const ActionPreviewSchema = z.object({
  action: z.enum(HTTP_ACTIONS),
  allowed: z.boolean(),
  status: z.number().int().optional().describe('when refused: the status POST …/{action} answers (403, 409)'),
  rule: z.string().optional().describe('when refused: the rule it names'),
  message: z.string().optional().describe('when refused: its message'),
  effect: z.string().describe('what the action does, in Vietnamese'),
  fields: z.record(z.string(), FieldSpecSchema).describe("the action's body fields, each with what fills it"),
  supplementWindow: SupplementWindowSchema.optional().describe("requestSupplement, for the agency holding a part"),
});

export const DossierActionsSchema = z.object({
  code: z.string(),
  status: z.string(),
  asOf: instant.describe('the instant the actions were tried at'),
  actions: z.array(ActionPreviewSchema).describe('every officer action over HTTP, in the order of HTTP_ACTIONS'),
});

export type Holder = z.infer<typeof HolderSchema>;
export type WorkbenchItem = z.infer<typeof WorkbenchItemSchema>;
export type Choice = z.infer<typeof ChoiceSchema>;
export type FieldSpec = z.infer<typeof FieldSpecSchema>;
export type SupplementWindow = z.infer<typeof SupplementWindowSchema>;
export type ActionPreview = z.infer<typeof ActionPreviewSchema>;
export type DossierActions = z.infer<typeof DossierActionsSchema>;
