import { TERMINAL_STATUSES, type DossierStatus } from '@motcua/contracts';
import { RATEABLE, type DossierState } from '@motcua/dossier';
import { ruleViolation, type ApiError } from '../errors/api-error';

/**
 * A dossier in a terminal status takes no more actions (409 LIFECYCLE.DOSSIER_CLOSED, before any
 * rule of the domain is asked), except the applicant's rating of a returned or delivered result
 * not yet rated: the workflow stays open for it (its rating window).
 */
export function closedFor(state: Pick<DossierState, 'code' | 'status' | 'rating'>, action: string): ApiError | null {
  const status = state.status as DossierStatus;
  if (!TERMINAL_STATUSES.includes(status)) return null;
  if (action === 'rate' && RATEABLE.includes(status) && !state.rating) return null;
  return ruleViolation('LIFECYCLE.DOSSIER_CLOSED', `dossier ${state.code} is closed: nothing more can happen to it`);
}
