import { z } from 'zod';

/**
 * The reports' JSON answers as zod schemas: the OpenAPI document is built from them, and the
 * HTTP tests parse the API's answers with them, so the document says what the API answers.
 */
export const REPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;

const count = z.number().int().min(0);
const PeriodSchema = z.object({ from: z.string().describe('YYYY-MM-DD, Vietnam time'), to: z.string() });
const FilterSchema = z.object({ agency: z.string().optional(), field: z.string().optional() });

const Ii06aCountsShape = {
  received: z
    .object({ total: count, carriedOver: count, online: count, direct: count.describe('at the counter (COUNTER)'), postal: count })
    .describe('the legal clock started before the period\'s end (acceptance; for the post, the signed handover): carried over = started before the period and not ended before it; the others new in it, by channel'),
  resolved: z.object({ total: count, early: count, onTime: count, late: count }).describe('of the received, finished in the period (result ready, or refused after appraisal), by classification'),
  inProgress: z
    .object({ total: count, withinLimit: count, overdue: count })
    .describe('the rest of the received: overdue if the legal appointment in force at the period\'s end (not an apology\'s) is before it and the dossier is not waiting for a supplement'),
  withdrawn: count.describe('of the received, withdrawn in the period'),
  stopped: count.describe('of the received, stopped by the agency in the period (terminal, no result)'),
  refusedAtIntake: count.describe('refused at intake in the period (Form 03): never received'),
  intakeSupplementRequests: count.describe('supplement requests at intake (Form 02) made in the period'),
  supplementRequests: count.describe('supplement requests after appraisal made in the period'),
  apologies: count.describe('apologies with a new appointment (Form 04) issued in the period'),
};

export const Ii06aReportSchema = z.object({
  report: z.literal('ii06a'),
  period: PeriodSchema,
  filter: FilterSchema,
  total: z.object(Ii06aCountsShape),
  rows: z.array(z.object({ agency: z.string().nullable().describe('the lead agency (the route\'s last stage)'), field: z.string().nullable(), ...Ii06aCountsShape })).describe('per lead agency and field, where something counts'),
  invariants: z
    .object({
      checked: count,
      holds: z.boolean(),
      violations: z.array(z.object({ rule: z.string(), where: z.string(), left: z.number(), right: z.number() })),
    })
    .describe('received = resolved + withdrawn + stopped + inProgress, each total the sum of its parts, in the total and every row; the total the sum of the rows'),
});

const RateSchema = z.object({ count, of: count, percent: z.number().nullable().describe('2 decimals; null when `of` is 0') });
const Indicators766Shape = {
  onTime: RateSchema.describe('2.1: resolved early or on time, or in progress within limit, of the resolved and in-progress dossiers (more than one supplement request counts as late)'),
  online: RateSchema.describe('3.3: submitted online, of the dossiers newly received in the period'),
  postal: RateSchema.describe('brought by the public postal service, of the dossiers newly received in the period'),
};

export const Report766Schema = z.object({
  report: z.literal('766'),
  period: PeriodSchema,
  filter: FilterSchema,
  total: z.object(Indicators766Shape),
  rows: z.array(z.object({ agency: z.string().nullable(), ...Indicators766Shape })).describe('per lead agency'),
  procedures: z
    .array(z.object({ procedureCode: z.string(), procedureName: z.string().nullable(), resolved: count, averageProcessingMs: count, averageProcessingDays: z.number() }))
    .describe('2.2: the average processing time (supplement waits left out) of the dossiers resolved in the period, per procedure'),
});

const Outcome = z.enum(['EARLY', 'ON_TIME', 'LATE']);
export const ReportCircular01Schema = z.object({
  report: z.literal('circular01'),
  period: PeriodSchema,
  filter: FilterSchema,
  total: z.object({ dossiers: count, dossierAverageScore: z.number().nullable(), parts: count, partAverageScore: z.number().nullable() }),
  dossiers: z
    .array(
      z.object({
        code: z.string(),
        procedureCode: z.string(),
        agency: z.string().nullable(),
        field: z.string().nullable(),
        receivedAt: z.string(),
        appointment: z.string().nullable(),
        finishedAt: z.string(),
        outcome: Outcome,
        score: z.union([z.literal(2), z.literal(1), z.literal(0)]),
      }),
    )
    .describe('indicator 1: each dossier resolved in the period, its total time against its limit, scored 2 / 1 / 0 (early / on time / late)'),
  agencies: z
    .array(z.object({ agency: z.string(), parts: count, early: count, onTime: count, late: count, points: count, averageScore: z.number() }))
    .describe('indicator 2: each agency\'s parts finished in the period against its own allotment, scored 2 / 1 / 0'),
});

const FiguresShape = {
  received: count.describe('II.06a\'s received (the clock started before the period\'s end, not ended before its start)'),
  onTime: RateSchema.describe('766\'s 2.1 over these dossiers'),
  resolved: z.object({ total: count, early: count, onTime: count, late: count }).describe('II.06a\'s resolved in the period'),
  averageResolutionMs: count.nullable().describe('766\'s 2.2 clock (supplement waits left out) over those resolved in the period; null when none'),
  averageResolutionDays: z.number().nullable(),
  apologies: count.describe('apologies (Form 04) issued in the period'),
  apologiesMissed: count.describe('APOLOGY_MISSED duties that fell in the period'),
  supplementRequests: z.object({ atIntake: count, afterAppraisal: count }).describe('made in the period'),
};
export const FiguresReportSchema = z.object({
  report: z.literal('figures'),
  period: PeriodSchema,
  filter: FilterSchema,
  total: z.object(FiguresShape),
  agencies: z.array(z.object({ agency: z.string().nullable(), ...FiguresShape })).describe('per lead agency, where something counts'),
  procedures: z.array(z.object({ procedureCode: z.string(), procedureName: z.string().nullable(), ...FiguresShape })).describe('per procedure'),
  channels: z.array(z.object({ channel: z.string().nullable(), ...FiguresShape })).describe('per channel of submission (ONLINE, COUNTER, POSTAL)'),
});
