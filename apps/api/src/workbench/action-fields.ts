import { toLocalIso, type TimeLimit } from '@motcua/calendar';
import {
  ApologyReasons,
  HttpActionBodySchemas,
  IntakeRefusalReasons,
  RejectionReasons,
  SatisfactionLevels,
  StopReasons,
  WithdrawalReasons,
} from '@motcua/contracts';
import type { z } from 'zod';
import { finalAppointmentOf, openConsultations, type DossierState } from '@motcua/dossier';
import type { HttpAction } from '../dossiers/http-actions';
import type { Choice, FieldSpec } from './workbench-schemas';

/** What the fields are filled from: the dossier, the caller, the catalog, and what the dry runs allowed. */
export interface FieldSources {
  readonly state: DossierState;
  readonly agency: string | null;
  /** The procedure's required documents (the catalog's), what `missing` names. */
  readonly documents: readonly { code: string; name: string }[];
  /** The agencies that may be consulted: the registry's, but the caller's own and those asked and not yet answering. */
  readonly agencies: readonly { code: string; name: string }[];
  /** The channels of `submit` / `return` the rules take now. */
  readonly channels: readonly string[];
  /** The apology's upper bound (APOLOGY.BEYOND_BOUND), when the legal clock runs. */
  readonly apologyBound: number | null;
}

const CHANNEL_LABELS: Record<string, string> = { COUNTER: 'Tại Bộ phận Một cửa', ONLINE: 'Trực tuyến', POSTAL: 'Qua dịch vụ bưu chính công ích' };
const labelled = (labels: Record<string, string>): Choice[] => Object.entries(labels).map(([value, label]) => ({ value, label }));

/** The closed list of reasons each action carries (libs/contracts reasons.ts). */
const REASONS: Partial<Record<HttpAction, Record<string, string>>> = {
  refuseIntake: IntakeRefusalReasons.labels,
  reject: RejectionReasons.labels,
  stop: StopReasons.labels,
  apologize: ApologyReasons.labels,
  withdraw: WithdrawalReasons.labels,
};

export const CONSULTATION_ALLOTTED: TimeLimit = { amount: 1, unit: 'WORKING_DAYS' };

/** Every field of `action`'s HTTP body (its contract's shape, so none is forgotten), with what fills it. */
export function fieldsOf(action: HttpAction, from: FieldSources): Record<string, FieldSpec> {
  const shape = HttpActionBodySchemas[action].shape;
  const out: Record<string, FieldSpec> = {};
  for (const [name, schema] of Object.entries(shape)) {
    // Required: the contract refuses the body without it.
    const required = !(schema as z.ZodType).safeParse(undefined).success;
    out[name] = { required, ...describe(action, name, from) };
  }
  return out;
}

function describe(action: HttpAction, name: string, from: FieldSources): Omit<FieldSpec, 'required'> {
  switch (name) {
    case 'agency':
      return { kind: 'AGENCY', preset: from.agency };
    case 'channel': {
      const choices = from.channels.map((value) => ({ value, label: CHANNEL_LABELS[value] ?? value }));
      const preset = from.state.channel !== null && from.channels.includes(from.state.channel) ? from.state.channel : (from.channels[0] ?? null);
      return { kind: 'CHOICE', choices, preset };
    }
    case 'missing':
      return { kind: 'CHOICES', choices: from.documents.map((d) => ({ value: d.code, label: d.name })) };
    case 'reasons':
      return { kind: 'CHOICES', choices: labelled(REASONS[action] ?? {}) };
    case 'reason':
      return { kind: 'CHOICE', choices: labelled(REASONS[action] ?? {}) };
    case 'level':
      return { kind: 'CHOICE', choices: labelled(SatisfactionLevels.labels) };
    case 'newAppointment': {
      const current = from.state.clock ? finalAppointmentOf(from.state) : null;
      return { kind: 'INSTANT', after: current === null ? null : toLocalIso(current), atMost: from.apologyBound === null ? null : toLocalIso(from.apologyBound) };
    }
    case 'to': {
      const asked = new Set(openConsultations(from.state).map((c) => c.to));
      return { kind: 'CHOICE', choices: from.agencies.filter((a) => a.code !== from.agency && !asked.has(a.code)).map((a) => ({ value: a.code, label: a.name })) };
    }
    case 'allotted':
      return { kind: 'TIME_LIMIT', preset: CONSULTATION_ALLOTTED };
    case 'officer':
      return { kind: 'TEXT', maxLength: 128 };
    case 'note':
      return { kind: 'TEXT', maxLength: 2000 };
    default:
      return { kind: 'TEXT' };
  }
}
