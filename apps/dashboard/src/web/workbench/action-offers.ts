import {
  APOLOGY_REASON_LABELS,
  INTAKE_REFUSAL_REASON_LABELS,
  REJECTION_REASON_LABELS,
  SATISFACTION_LEVEL_LABELS,
  STOP_REASON_LABELS,
  WITHDRAWAL_REASON_LABELS,
} from '@motcua/contracts/reason-labels';
import { ApiFailure, getJson } from './api';
import type { Officer } from './officer';
import { CHANNEL_TEXT, EFFECT_TEXT } from './words';

/** A choice of a field: the value the body carries, the Vietnamese label the page shows. */
export interface Choice {
  value: string;
  label: string;
}

/**
 * One field of an action's body as GET /api/v1/dossiers/{code}/actions describes it: AGENCY (the
 * caller's own, preset), CHOICE / CHOICES (of `choices`), INSTANT (after `after`, at most
 * `atMost`), TIME_LIMIT ({amount, unit}), TEXT.
 */
export interface FieldSpec {
  kind: 'AGENCY' | 'CHOICE' | 'CHOICES' | 'INSTANT' | 'TIME_LIMIT' | 'TEXT';
  required: boolean;
  preset?: string | { amount: number; unit: string } | null;
  choices?: Choice[];
  after?: string | null;
  atMost?: string | null;
  maxLength?: number;
}

/** One action as the API would answer it now: allowed, or refused with its rule; what it does; its fields. */
export interface ActionOffer {
  action: string;
  allowed: boolean;
  status?: number;
  rule?: string | null;
  message?: string | null;
  effect?: string;
  fields: Record<string, FieldSpec>;
  /** requestSupplement: the agency's window to ask for a supplement (3 working days after it received the dossier). */
  supplementWindow?: { workingDays: number; workingDaysSinceReceipt: number; open: boolean; closesAt: string; requestsLeft: number };
}

const labelled = (labels: Record<string, string>): Choice[] => Object.entries(labels).map(([value, label]) => ({ value, label }));
const channels = (...cs: string[]): FieldSpec => ({ kind: 'CHOICE', required: true, choices: cs.map((c) => ({ value: c, label: CHANNEL_TEXT[c] })) });
const note: FieldSpec = { kind: 'TEXT', required: false, maxLength: 2000 };
const agency: FieldSpec = { kind: 'AGENCY', required: true };

/** What each role may ever do over HTTP (libs/dossier/src/authorization.ts), with its body's fields (libs/contracts actions.ts). */
const FALLBACK: Record<string, Record<string, Record<string, FieldSpec>>> = {
  ONE_STOP_OFFICER: {
    accept: {},
    requestIntakeSupplement: { missing: { kind: 'CHOICES', required: false }, note },
    refuseIntake: { reasons: { kind: 'CHOICES', required: false, choices: labelled(INTAKE_REFUSAL_REASON_LABELS) }, note },
    submit: { channel: channels('COUNTER', 'ONLINE') },
    supplement: {},
    return: { channel: channels('COUNTER', 'ONLINE', 'POSTAL') },
    withdraw: { reason: { kind: 'CHOICE', required: false, choices: labelled(WITHDRAWAL_REASON_LABELS) }, note },
    rate: { level: { kind: 'CHOICE', required: true, choices: labelled(SATISFACTION_LEVEL_LABELS) } },
  },
  AGENCY_OFFICER: {
    complete: { agency },
    requestSupplement: { agency, missing: { kind: 'CHOICES', required: false }, note },
    reject: { agency, reasons: { kind: 'CHOICES', required: false, choices: labelled(REJECTION_REASON_LABELS) }, note },
    stop: { agency, reasons: { kind: 'CHOICES', required: true, choices: labelled(STOP_REASON_LABELS) }, note },
    consult: { agency, to: { kind: 'CHOICE', required: true }, allotted: { kind: 'TIME_LIMIT', required: true, preset: { amount: 1, unit: 'WORKING_DAYS' } } },
    answerConsultation: { agency },
    appraise: { agency },
  },
  AGENCY_HEAD: {
    apologize: { agency, newAppointment: { kind: 'INSTANT', required: true }, reason: { kind: 'CHOICE', required: false, choices: labelled(APOLOGY_REASON_LABELS) }, note },
    assign: { agency, officer: { kind: 'TEXT', required: true, maxLength: 128 } },
    approve: { agency },
  },
};

/**
 * The dossier's actions for this officer: the API's answer, less the actions the officer's role
 * never gives (their refusal would only be noise). An API without the endpoint gets every action
 * the role may give, each allowed: the API still refuses what the rules refuse, and the page says
 * why after the click.
 */
export async function actionOffers(code: string, officer: Officer, token: string): Promise<ActionOffer[]> {
  try {
    const answer = await getJson<{ actions: ActionOffer[] }>(`/api/v1/dossiers/${encodeURIComponent(code)}/actions`, token);
    return answer.actions.filter((a) => a.rule !== 'ACCESS.ROLE_MAY_NOT');
  } catch (e) {
    // The dossier itself was read just before: a 404 or 405 here is an API without the endpoint.
    if (!(e instanceof ApiFailure) || (e.refusal.status !== 404 && e.refusal.status !== 405)) throw e;
    const rows = officer.roles.flatMap((r) => Object.entries(FALLBACK[r] ?? {}));
    // A head does what an officer does, and more.
    if (officer.roles.includes('AGENCY_HEAD')) rows.push(...Object.entries(FALLBACK.AGENCY_OFFICER));
    const offers = new Map(rows.map(([action, fields]) => [action, { action, allowed: true, effect: EFFECT_TEXT[action], fields }]));
    return [...offers.values()];
  }
}
