import { z } from 'zod';
import { SatisfactionLevels } from './reasons';
import { AlertScopeSchema, AlertTypeSchema, ChannelSchema, DossierStatusSchema, OutcomeSchema } from './statuses';

/**
 * The dossier as officers, the API and the scenario runner see it (GET /api/v1/dossiers/{code}),
 * and the list items served from Temporal visibility. The domain's view function produces exactly
 * this type; the OpenAPI document is generated from these schemas.
 */
const instant = z.string().describe('ISO-8601 with offset, Vietnam time (+07:00)');
const nullableInstant = instant.nullable();

export const DossierViewSchema = z.object({
  code: z.string().describe('<unit>-<YYMMDD>-<NNNN>'),
  unit: z.string(),
  status: z.union([DossierStatusSchema, z.literal('NEW')]),
  channel: ChannelSchema.nullable(),
  procedure: z.object({ code: z.string(), name: z.string(), version: z.string() }),
  ruleSet: z.string(),
  calendar: z.object({ id: z.string(), version: z.string() }),
  waybill: z.string().nullable(),
  submittedAt: nullableInstant,
  acceptedAt: nullableInstant,
  clockStartedAt: nullableInstant,
  appointment: nullableInstant,
  finalAppointment: nullableInstant,
  finishedAt: nullableInstant,
  outcome: OutcomeSchema.nullable(),
  overdue: z.boolean(),
  holders: z.array(z.string()),
  stages: z.array(
    z.object({
      stage: z.number().int(),
      agency: z.string(),
      startedAt: nullableInstant,
      due: nullableInstant,
      finishedAt: nullableInstant,
      outcome: OutcomeSchema.nullable(),
    }),
  ),
  alerts: z.array(z.object({ type: AlertTypeSchema, scope: AlertScopeSchema, agency: z.string().nullable(), at: instant })),
  consultations: z
    .array(
      z.object({
        agency: z.string().describe('the asking agency'),
        to: z.string().describe('the consulted agency'),
        requestedAt: instant,
        due: instant,
        answeredAt: nullableInstant,
        outcome: OutcomeSchema.nullable().describe('the answer against its deadline; null while unanswered'),
      }),
    )
    .describe('opinions the lead agency asked of other agencies, each with its own deadline; they never stop the legal clock'),
  rating: z
    .object({ level: SatisfactionLevels.schema, at: instant })
    .nullable()
    .describe('the applicant\'s satisfaction rating, given once the result was returned; null until then'),
  apologies: z.number().int(),
  apology: z.object({ agency: z.string(), at: instant, newAppointment: instant }).nullable(),
  supplementRequests: z.number().int(),
  lateSupplementRequests: z.number().int(),
  metric: z.object({ processingMs: z.number().nullable(), waitedMs: z.number() }),
  sequence: z.number().int(),
});

export type DossierView = z.infer<typeof DossierViewSchema>;

export const DossierEventSummarySchema = z.object({
  id: z.string().describe('<code>:<sequence>, as on Kafka'),
  type: z.string(),
  sequence: z.number().int().positive(),
  at: instant,
  actor: z.object({ id: z.string(), role: z.string(), agency: z.string().nullable() }),
});
export type DossierEventSummary = z.infer<typeof DossierEventSummarySchema>;

export const DossierDetailSchema = DossierViewSchema.extend({ events: z.array(DossierEventSummarySchema) });
export type DossierDetail = z.infer<typeof DossierDetailSchema>;

export const DossierListItemSchema = z.object({
  code: z.string(),
  status: z.union([DossierStatusSchema, z.literal('NEW')]).nullable(),
  procedure: z.string().nullable(),
  unit: z.string().nullable(),
  channel: ChannelSchema.nullable(),
  finalAppointment: nullableInstant.describe('the appointment in force, as `finalAppointment` of the dossier: after an apology its new one, else the legal appointment'),
  overdue: z.boolean().nullable(),
  agencies: z.array(z.string()).describe('the agencies holding the dossier now'),
  closed: z.boolean().describe('the workflow has ended (terminal state)'),
});
export type DossierListItem = z.infer<typeof DossierListItemSchema>;

export const DossierListSchema = z.object({ items: z.array(DossierListItemSchema) });

/** GET /api/v1/lookup/{code}: what anyone with the code may know, and nothing personal. */
export const DossierLookupSchema = z.object({
  code: z.string(),
  status: z.union([DossierStatusSchema, z.literal('NEW')]),
  appointment: nullableInstant.describe('the appointment in force (after an apology, its new one); null before reception'),
  procedure: z.object({ code: z.string(), name: z.string() }),
});
export type DossierLookup = z.infer<typeof DossierLookupSchema>;
