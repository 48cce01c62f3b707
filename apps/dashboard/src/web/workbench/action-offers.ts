import { ApiFailure, getJson } from './api';
import type { Officer } from './officer';
import { EFFECT_TEXT } from './words';

/** A choice of a closed list (a reason, a document), with its Vietnamese label. */
export interface Choice {
  code: string;
  label: string;
}

/**
 * One action as GET /api/v1/dossiers/{code}/actions offers it: whether the caller may take it now
 * (else the rule and its words), what it will do, and its fields' presets and bounds.
 */
export interface ActionOffer {
  action: string;
  allowed: boolean;
  rule?: string | null;
  message?: string | null;
  effect?: string;
  fields?: ActionFieldHints;
}

export interface ActionFieldHints {
  agency?: string | null;
  missing?: Choice[];
  reasons?: Choice[];
  reason?: Choice[];
  channels?: Choice[];
  /** apologize: the earliest and latest new appointment the rules allow (RFC 3339). */
  newAppointment?: { min?: string | null; max?: string | null } | null;
  /** requestSupplement: the window after the stage started in which a supplement may be asked. */
  supplementWindow?: { open: boolean; until?: string | null } | null;
  [other: string]: unknown;
}

/** What each role may ever do over HTTP (libs/dossier/src/authorization.ts): the offers when the API has no /actions. */
const BY_ROLE: Record<string, string[]> = {
  ONE_STOP_OFFICER: ['accept', 'requestIntakeSupplement', 'refuseIntake', 'submit', 'supplement', 'return', 'withdraw', 'rate'],
  AGENCY_OFFICER: ['complete', 'requestSupplement', 'reject', 'stop', 'consult', 'answerConsultation', 'appraise'],
  AGENCY_HEAD: ['complete', 'requestSupplement', 'reject', 'stop', 'consult', 'answerConsultation', 'apologize', 'assign', 'appraise', 'approve'],
};

/**
 * The dossier's actions for this officer. An API without the endpoint gets every action the
 * role may give, each allowed: the API still refuses what the rules refuse, and the page says why.
 */
export async function actionOffers(code: string, officer: Officer, token: string): Promise<ActionOffer[]> {
  try {
    const answer = await getJson<{ actions: ActionOffer[] } | ActionOffer[]>(`/api/v1/dossiers/${encodeURIComponent(code)}/actions`, token);
    return Array.isArray(answer) ? answer : answer.actions;
  } catch (e) {
    // The dossier itself was read just before: a 404 or 405 here is an API without the endpoint.
    if (!(e instanceof ApiFailure) || (e.refusal.status !== 404 && e.refusal.status !== 405)) throw e;
    const names = [...new Set(officer.roles.flatMap((r) => BY_ROLE[r] ?? []))];
    return names.map((action) => ({ action, allowed: true, effect: EFFECT_TEXT[action], fields: { agency: officer.agency } }));
  }
}
