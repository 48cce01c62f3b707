import type { DossierStatus } from '@motcua/contracts';

/**
 * Where a dossier waits for the receiving one-stop unit (the officers' workbench queue): a
 * submission to take in or send back (SUBMITTED), a resubmission after Form 02 (INTAKE_SUPPLEMENT),
 * the applicant's supplement to receive at the counter (SUPPLEMENT_PENDING), a result to hand back
 * (RESULT_READY; AWAITING_COLLECTION when the post brought it back). These are the statuses in which
 * `decide` takes a one-stop officer's action other than `withdraw` (the applicant's, possible until
 * the result) and `rate` (the applicant's, after it): worklist.spec.ts holds the two together.
 * REJECTED and STOPPED are results the agency hands back (its RETURN_REFUSAL handoff) but no unit
 * action follows them; OUT_FOR_DELIVERY and the pickup statuses wait for the post.
 */
export const UNIT_WORK_STATUSES = ['SUBMITTED', 'INTAKE_SUPPLEMENT', 'SUPPLEMENT_PENDING', 'RESULT_READY', 'AWAITING_COLLECTION'] as const satisfies readonly DossierStatus[];

/**
 * Where an agency holds its started, unfinished part of the current stage (state.ts `holders`):
 * processing, and waiting for a supplement (its clock stopped; it may still stop the dossier).
 */
export const AGENCY_WORK_STATUSES = ['IN_PROCESSING', 'SUPPLEMENT_PENDING'] as const satisfies readonly DossierStatus[];

/** While a supplement is awaited every legal clock stands still (Decree 61/2018 Art. 19(4)): nothing is due. */
export function clockStopped(status: string): boolean {
  return status === 'SUPPLEMENT_PENDING';
}
