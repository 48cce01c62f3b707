import { z } from 'zod';
import { AgencyIdSchema } from './procedure';
import { InstantSchema } from './time';
import { ChannelSchema } from './statuses';

/**
 * The commands an officer, the applicant or the post can give a dossier, by name. The same names
 * are the scenario actions (`do`), the HTTP paths (`POST /dossiers/{code}/{action}`) and the
 * workflow's update names, so one dossier reads the same at every layer.
 */
const reasons = z.array(z.string().min(1).max(500)).max(50).optional();
const waybill = z.string().min(1).max(64).regex(/^[A-Za-z0-9\-]+$/, 'letters, digits and - only');

export const ActionBodySchemas = {
  submit: z.object({ channel: z.enum(['COUNTER', 'ONLINE']) }),
  postalHandover: z.object({ waybill }),
  requestIntakeSupplement: z.object({ missing: reasons }),
  refuseIntake: z.object({ reasons }),
  accept: z.object({}),
  complete: z.object({ agency: AgencyIdSchema }),
  requestSupplement: z.object({ agency: AgencyIdSchema, missing: reasons }),
  supplement: z.object({}),
  apologize: z.object({ agency: AgencyIdSchema, newAppointment: InstantSchema, reason: z.string().max(1000).optional() }),
  reject: z.object({ agency: AgencyIdSchema, reasons }),
  /** Processing stopped by the holding agency, with its reasons (Decree 61/2018 Art. 3; terminal). */
  stop: z.object({ agency: AgencyIdSchema, reasons: z.array(z.string().min(1).max(500)).min(1).max(50) }),
  withdraw: z.object({ reason: z.string().max(1000).optional() }),
  return: z.object({ channel: ChannelSchema }),
  postalDeliveryFailed: z.object({ reason: z.string().max(500).optional() }),
  postalDelivered: z.object({}),
} as const;

export type ActionName = keyof typeof ActionBodySchemas;
export const ACTION_NAMES = Object.keys(ActionBodySchemas) as ActionName[];
export type ActionBody<A extends ActionName> = z.infer<(typeof ActionBodySchemas)[A]>;
/** An action's own fields; an empty body (which zod types as Record<string, never>) is `object`. */
export type ActionFields<A extends ActionName> = string extends keyof ActionBody<A> ? object : ActionBody<A>;

/** Actions an officer drives over HTTP; the rest come from the postal webhook or the applicant's portal. */
export const HTTP_ACTIONS = [
  'accept',
  'requestIntakeSupplement',
  'refuseIntake',
  'complete',
  'requestSupplement',
  'supplement',
  'apologize',
  'reject',
  'stop',
  'withdraw',
  'return',
] as const satisfies readonly ActionName[];

export function isActionName(name: string): name is ActionName {
  return Object.prototype.hasOwnProperty.call(ActionBodySchemas, name);
}

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
  const { at, do: name, ...rest } = raw as { at: string; do: string };
  if (name === 'observe') return { ok: true, at, action: 'observe' };
  if (!isActionName(name)) return { ok: false, error: `unknown action "${name}"` };
  const body = ActionBodySchemas[name].safeParse(rest);
  if (!body.success) return { ok: false, error: `${name}: ${z.prettifyError(body.error)}` };
  return { ok: true, at, action: name, body: body.data as Record<string, unknown> };
}
