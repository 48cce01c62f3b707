/**
 * Every refusal names the rule that refused it, with its legal source where the law sets it, so an
 * officer reading a 409 knows what to do and an auditor can trace it.
 */
export const RULES = {
  'LIFECYCLE.ACTION_NOT_ALLOWED': 'Decree 61/2018 Arts. 15–21 (the dossier lifecycle)',
  'LIFECYCLE.ALREADY_REGISTERED': 'Decree 61/2018 Art. 26 (one code per dossier)',
  'LIFECYCLE.TIME_OUT_OF_ORDER': 'product: events are recorded in the order they happen',
  'ROUTE.AGENCY_DOES_NOT_HOLD': 'Decree 61/2018 Art. 19(5)–(7) (each agency acts on its own stage)',
  'SUPPLEMENT.LIMIT_REACHED': 'Decree 61/2018 Art. 19(4) ("bổ sung một lần"); product decision: one request unless the procedure allows more',
  'APOLOGY.ALREADY_GIVEN': 'Decree 61/2018 Art. 19(8); product decision: at most one new appointment per dossier',
  'APOLOGY.NOT_LATER_THAN_APPOINTMENT': 'Decree 61/2018 Art. 19(8) (Form 04 sets a later appointment)',
  'APOLOGY.NOT_IN_FUTURE': 'Decree 61/2018 Art. 19(8) (a new appointment lies ahead)',
  'RETURN.CHANNEL_NOT_ALLOWED': 'Decree 61/2018 Art. 20; Decision 45/2016 (postal return)',
  'POSTAL.NOT_FOR_PROCEDURE': 'Decision 45/2016 Art. 3 (not for procedures needing the applicant in person)',
  'POSTAL.STATE_CONTRADICTS': 'Circular 17/2017 (the post reports only what was handed to it)',
} as const;

export type RuleCode = keyof typeof RULES;

export interface Refusal {
  readonly rule: RuleCode;
  readonly message: string;
}

export function refusal(rule: RuleCode, message: string): Refusal {
  return { rule, message };
}

export function isRefusal(x: unknown): x is Refusal {
  return typeof x === 'object' && x !== null && 'rule' in x && 'message' in x && !Array.isArray(x);
}
