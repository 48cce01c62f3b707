import { z } from 'zod';
import { AgencyIdSchema } from './procedure';
import { InstantSchema, TimeLimitSchema } from './time';
import { ChannelSchema } from './statuses';
import { OfficerIdSchema } from './handoffs';
import {
  ApologyReasons,
  DeliveryFailureReasons,
  DocumentCodeSchema,
  IntakeRefusalReasons,
  NoteRefSchema,
  NoteSchema,
  RejectionReasons,
  SatisfactionLevels,
  StopReasons,
  WithdrawalReasons,
} from './reasons';

/**
 * The commands an officer, the applicant or the post can give a dossier, by name. The same names
 * are the scenario actions (`do`), the HTTP paths (`POST /dossiers/{code}/{action}`) and the
 * workflow's update names, so one dossier reads the same at every layer.
 */
const missing = z.array(DocumentCodeSchema).max(50).optional();
const codes = <T extends z.ZodType>(code: T) => z.array(code).min(1).max(10);
const noteRef = NoteRefSchema.optional();
const waybill = z.string().min(1).max(64).regex(/^[A-Za-z0-9\-]+$/, 'letters, digits and - only');

export const ActionBodySchemas = {
  submit: z.object({ channel: z.enum(['COUNTER', 'ONLINE']) }).describe('The applicant submits the dossier (again, after an intake supplement)'),
  postalHandover: z.object({ waybill }).describe('The post hands the dossier over; the signed handover record is the submission instant'),
  requestIntakeSupplement: z.object({ missing, noteRef }).describe('Form 02: incomplete at intake, everything missing listed at once (not received, no clock)'),
  refuseIntake: z.object({ reasons: codes(IntakeRefusalReasons.schema).optional(), noteRef }).describe('Form 03: refused at intake, with reasons (terminal, no clock)'),
  accept: z.object({}).describe('Form 01: received; the legal clock starts and the first stage with it'),
  complete: z.object({ agency: AgencyIdSchema }).describe('The holding agency finishes its part of the current stage'),
  requestSupplement: z.object({ agency: AgencyIdSchema, missing, noteRef }).describe('Supplement requested after appraisal: the clocks stop until it arrives'),
  supplement: z.object({}).describe('The complete supplement arrives: the legal clock restarts from zero'),
  apologize: z.object({ agency: AgencyIdSchema, newAppointment: InstantSchema, reason: ApologyReasons.schema.optional(), noteRef }).describe('Form 04: apology with a new appointment (at most one per dossier)'),
  assign: z.object({ agency: AgencyIdSchema, officer: OfficerIdSchema }).describe('The head of the holding agency assigns an officer to its part (optional step)'),
  appraise: z.object({ agency: AgencyIdSchema }).describe('An officer of the holding agency records its appraisal (optional step)'),
  approve: z.object({ agency: AgencyIdSchema }).describe('A leader of the holding agency records its approval (optional step; `complete` finishes the part)'),
  reject: z.object({ agency: AgencyIdSchema, reasons: codes(RejectionReasons.schema).optional(), noteRef }).describe('Refused after appraisal: a result, the dossier ends REJECTED'),
  /** Processing stopped by the holding agency, with its reasons (Decree 61/2018 Art. 3; terminal). */
  stop: z.object({ agency: AgencyIdSchema, reasons: codes(StopReasons.schema).optional(), noteRef }).describe('The holding agency stops processing, with its reasons (terminal)'),
  withdraw: z.object({ reason: WithdrawalReasons.schema.optional(), noteRef }).describe('The applicant withdraws, an officer confirms (terminal)'),
  return: z.object({ channel: ChannelSchema }).describe('The result is handed to the applicant (counter, online) or to the post'),
  postalDeliveryFailed: z.object({ reason: DeliveryFailureReasons.schema.optional() }).describe('A failed delivery attempt by the post'),
  postalDelivered: z.object({}).describe('The post delivered the result'),
  consult: z
    .object({ agency: AgencyIdSchema, to: AgencyIdSchema, allotted: TimeLimitSchema })
    .describe('The holding (lead) agency asks another agency for its opinion, to be answered within `allotted` working time; the legal clock runs on'),
  answerConsultation: z.object({ agency: AgencyIdSchema }).describe('The consulted agency answers (late when after its deadline)'),
  rate: z.object({ level: SatisfactionLevels.schema }).describe('The applicant rates the service once the result is returned (once per dossier)'),
} as const;

export type ActionName = keyof typeof ActionBodySchemas;
export const ACTION_NAMES = Object.keys(ActionBodySchemas) as ActionName[];
export type ActionBody<A extends ActionName> = z.infer<(typeof ActionBodySchemas)[A]>;
/** An action's own fields; an empty body (which zod types as Record<string, never>) is `object`. */
export type ActionFields<A extends ActionName> = string extends keyof ActionBody<A> ? object : ActionBody<A>;

/** Actions an officer drives over HTTP; the rest come from the postal webhook or the applicant's portal. */
export const HTTP_ACTIONS = [
  'submit',
  'accept',
  'requestIntakeSupplement',
  'refuseIntake',
  'complete',
  'requestSupplement',
  'supplement',
  'apologize',
  'assign',
  'appraise',
  'approve',
  'reject',
  'stop',
  'withdraw',
  'return',
  'consult',
  'answerConsultation',
  'rate',
] as const satisfies readonly ActionName[];

/**
 * An action as an officer sends it over HTTP: the command's fields, with the free-text `note` in
 * place of `noteRef` (the API keeps the note in the store and passes its reference on).
 */
export const HttpActionBodySchemas = Object.fromEntries(
  HTTP_ACTIONS.map((name) => {
    const command = ActionBodySchemas[name] as z.ZodObject<z.ZodRawShape>;
    let body = 'noteRef' in command.shape ? command.omit({ noteRef: true }).extend({ note: NoteSchema.optional() }) : command;
    // An officer stops processing with its reasons (Decree 61/2018): required here; a scenario,
    // which describes time and outcomes only, may leave them out.
    if (name === 'stop') body = body.extend({ reasons: codes(StopReasons.schema) });
    return [name, body.describe(command.description ?? name)];
  }),
) as { [A in HttpAction]: z.ZodObject<z.ZodRawShape> };
export type HttpAction = (typeof HTTP_ACTIONS)[number];

/** Fields that only describe an action (Form wording, notes): a scenario's result never depends on them. */
export const DESCRIPTIVE_FIELDS = ['reasons', 'missing', 'reason', 'note', 'noteRef'] as const;

export function isActionName(name: string): name is ActionName {
  return Object.prototype.hasOwnProperty.call(ActionBodySchemas, name);
}

/** Who gives a command: a pseudonymous person id, a role, an agency (or none: the applicant, the engine). */
export const ActorSchema = z.object({
  id: z.string().min(1).max(128),
  role: z.string().min(1).max(64),
  agency: z.string().min(1).max(64).nullable(),
});

/** Commands that are not scenario actions: the postal pickup and what the post reports before the handover. */
export const InternalCommandBodySchemas = {
  requestPickup: z.object({}),
  postalPickedUp: z.object({ waybill }),
  postalReturnedToSender: z.object({}),
} as const;
export type InternalCommandName = keyof typeof InternalCommandBodySchemas;

/** One scenario action: when, what, and the action's own fields. `observe` only lets time pass. */
export const ScenarioActionHeadSchema = z.object({
  at: InstantSchema,
  do: z.string(),
});

export function parseScenarioAction(raw: unknown):
  | { ok: true; at: string; action: 'observe' }
  | { ok: true; at: string; action: ActionName; body: Record<string, unknown> }
  | { ok: false; error: string } {
  const head = ScenarioActionHeadSchema.safeParse(raw);
  if (!head.success) return { ok: false, error: z.prettifyError(head.error) };
  const { at, do: name, ...fields } = raw as { at: string; do: string };
  if (name === 'observe') return { ok: true, at, action: 'observe' };
  if (!isActionName(name)) return { ok: false, error: `unknown action "${name}"` };
  // Scenarios are about time and outcomes; what they write as reasons may be any prose, which the
  // engine no longer carries (codes only), so it is left out rather than refused.
  const rest = Object.fromEntries(Object.entries(fields).filter(([k]) => !(DESCRIPTIVE_FIELDS as readonly string[]).includes(k)));
  const body = ActionBodySchemas[name].safeParse(rest);
  if (!body.success) return { ok: false, error: `${name}: ${z.prettifyError(body.error)}` };
  return { ok: true, at, action: name, body: body.data as Record<string, unknown> };
}
