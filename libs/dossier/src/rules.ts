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
  'APOLOGY.NOT_WORKING_TIME':
    'Decree 61/2018 Art. 19(8), Form 04 (the applicant comes back for the result at the new appointment); product decision: like a legal appointment, it is an instant the office is open, in office hours of a working day of the dossier\'s calendar, the closes (12:00, 17:00) included',
  'APOLOGY.BEYOND_BOUND':
    'product decision: an apology may at most double the legal time; the new appointment is no later than the current legal appointment (the original, or the restarted one after a supplement) extended by the procedure\'s own time limit, counted with the dossier\'s calendar from that appointment',
  'RETURN.CHANNEL_NOT_ALLOWED': 'Decree 61/2018 Art. 20; Decision 45/2016 (postal return)',
  'POSTAL.NOT_FOR_PROCEDURE': 'Decision 45/2016 Art. 3 (not for procedures needing the applicant in person)',
  'POSTAL.STATE_CONTRADICTS': 'Circular 17/2017 (the post reports only what was handed to it)',
  'CONSULTATION.OF_ITSELF': 'Decree 61/2018 Art. 19(5)–(7) (the lead agency consults other agencies)',
  'CONSULTATION.ALREADY_OPEN': 'product decision: one open consultation per consulted agency and dossier (its answer, or its escalation, closes the question first)',
  'CONSULTATION.NONE_OPEN': 'Decree 61/2018 Art. 19(5)–(7) (an agency answers the consultation it was asked)',
  'RATING.ALREADY_GIVEN': 'ONE-STOP.md §8 (a satisfaction rating after the result is returned); product decision: one rating per dossier',
  'COMMAND.MALFORMED': 'the command contract (libs/contracts): a command that does not parse is refused before any rule is asked',
  // Authorization (authorization.ts): who the actor is, checked before any rule about the dossier's state.
  'ACCESS.AGENCY_MISMATCH':
    'CONTRACTS.md "Identity and access" (the acting agency is the token\'s): a command naming an agency other than the actor\'s is refused',
  'ACCESS.ROLE_MAY_NOT':
    'CONTRACTS.md "Identity and access" (the role table); Decree 61/2018 Arts. 15–21 (the one-stop unit receives and returns, the agencies of the route process)',
  'ACCESS.NOT_THE_RECEIVING_UNIT':
    'CONTRACTS.md "Identity and access" (a one-stop officer acts for the dossiers of its unit); Decree 61/2018 Arts. 15–21, Art. 26 (the receiving unit, whose code the dossier carries)',
  'ACCESS.NOT_ON_ROUTE':
    'CONTRACTS.md "Identity and access" (an agency acts for its part); Decree 61/2018 Art. 19(5)–(7) (the agencies of the procedure\'s route process the dossier)',
  'ACCESS.NOT_CONSULTED':
    'CONTRACTS.md "Identity and access" (an agency acts for its part); Decree 61/2018 Art. 19(5)–(7) (a consulted agency answers its own consultation)',
  'ACCESS.ONLINE_ONLY':
    'CONTRACTS.md "Identity and access" (the portal registers and submits ONLINE dossiers); Decree 42/2022 (online public services)',
} as const;

export type RuleCode = keyof typeof RULES;

/**
 * What kind of refusal a rule gives, so an edge can answer in its own terms (HTTP: 409 for a state
 * or an argument the rules refuse, 403 for an actor who may not, 404 for what is not there, 400 for
 * a command that does not parse).
 */
export type RefusalKind = 'INVALID_STATE' | 'INVALID_ARGUMENT' | 'FORBIDDEN' | 'NOT_FOUND';

/** Every rule has its kind: a new rule without one does not compile. */
export const RULE_KINDS: Record<RuleCode, RefusalKind> = {
  'LIFECYCLE.ACTION_NOT_ALLOWED': 'INVALID_STATE',
  'LIFECYCLE.ALREADY_REGISTERED': 'INVALID_STATE',
  'LIFECYCLE.TIME_OUT_OF_ORDER': 'INVALID_ARGUMENT',
  'ROUTE.AGENCY_DOES_NOT_HOLD': 'INVALID_STATE',
  'SUPPLEMENT.LIMIT_REACHED': 'INVALID_STATE',
  'APOLOGY.ALREADY_GIVEN': 'INVALID_STATE',
  'APOLOGY.NOT_LATER_THAN_APPOINTMENT': 'INVALID_ARGUMENT',
  'APOLOGY.NOT_IN_FUTURE': 'INVALID_ARGUMENT',
  'APOLOGY.NOT_WORKING_TIME': 'INVALID_ARGUMENT',
  'APOLOGY.BEYOND_BOUND': 'INVALID_ARGUMENT',
  'RETURN.CHANNEL_NOT_ALLOWED': 'INVALID_ARGUMENT',
  'POSTAL.NOT_FOR_PROCEDURE': 'INVALID_ARGUMENT',
  'POSTAL.STATE_CONTRADICTS': 'INVALID_STATE',
  'CONSULTATION.OF_ITSELF': 'INVALID_ARGUMENT',
  'CONSULTATION.ALREADY_OPEN': 'INVALID_STATE',
  'CONSULTATION.NONE_OPEN': 'INVALID_STATE',
  'RATING.ALREADY_GIVEN': 'INVALID_STATE',
  'COMMAND.MALFORMED': 'INVALID_ARGUMENT',
  'ACCESS.AGENCY_MISMATCH': 'FORBIDDEN',
  'ACCESS.ROLE_MAY_NOT': 'FORBIDDEN',
  'ACCESS.NOT_THE_RECEIVING_UNIT': 'FORBIDDEN',
  'ACCESS.NOT_ON_ROUTE': 'FORBIDDEN',
  'ACCESS.NOT_CONSULTED': 'FORBIDDEN',
  'ACCESS.ONLINE_ONLY': 'FORBIDDEN',
};

export interface Refusal {
  readonly rule: RuleCode;
  readonly kind: RefusalKind;
  readonly message: string;
}

export function refusal(rule: RuleCode, message: string): Refusal {
  return { rule, kind: RULE_KINDS[rule], message };
}

export function isRefusal(x: unknown): x is Refusal {
  return typeof x === 'object' && x !== null && 'rule' in x && 'message' in x && !Array.isArray(x);
}
