/**
 * An answer the API gives on purpose, in the CONTRACTS.md error shape
 * `{"error": {"code", "rule", "message"}}`. Everything else that is thrown becomes a generic 500
 * (or 503 when Temporal is unreachable) in the one exception filter.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    readonly rule: string | null,
    message: string,
  ) {
    super(message);
  }

  body(): ErrorBody {
    return { error: { code: this.code, rule: this.rule, message: this.message } };
  }
}

export interface ErrorBody {
  error: { code: string; rule: string | null; message: string };
}

/** Rules the API itself enforces, beside the domain's (libs/dossier/src/rules.ts). */
export const API_RULES = {
  'CATALOG.UNKNOWN_PROCEDURE': 'the procedure code is not in the catalog',
  'CATALOG.UNKNOWN_UNIT': 'Decree 61/2018 Art. 26, Decision 20/2020: the receiving unit, whose identifier starts the dossier code, is not in the unit registry',
  'UNIT.RESERVED_FOR_SIMULATION': 'product decision: SIM. identifiers belong to the scenario runner, so a real dossier code never collides with a simulated one',
  'LIFECYCLE.DOSSIER_CLOSED': 'Decree 61/2018 Arts. 15–21: a dossier in a terminal state takes no more actions',
  'IDEMPOTENCY.KEY_REUSED': 'product: an Idempotency-Key names one request of one caller, for good; reused for another request it is refused (422)',
  'DOSSIER_CODE.ALLOCATOR_CLOSED': 'Decree 61/2018 Art. 26 (codes never reused): a unit-day whose allocator ended early gives no code until an operator acts (503)',
  'POSTAL.PICKUP_ADDRESS_MISSING': 'Decision 45/2016: a postal pickup needs an address',
  'AUTH.TOKEN_MISSING': 'CONTRACTS "Identity and access": every /api/v1 path but the public ones needs a bearer access token (401)',
  'AUTH.TOKEN_INVALID': 'RFC 6750, RFC 9068: the token\'s signature, issuer, audience, expiry or algorithm is not accepted (401)',
  'AUTH.TICKET_INVALID': 'product: an event stream is opened with a ticket from POST /api/v1/stream/tickets, signed by this API process and unexpired (401)',
  'AUTH.ISSUER_UNREACHABLE': 'the identity provider\'s keys cannot be fetched: nothing is accepted unverified (503)',
  'ACCESS.MAY_NOT_READ': 'CONTRACTS "Identity and access": a dossier is read by its unit, the agencies of its route, operations and auditors (403)',
  'ACCESS.RESERVED_ID': 'product: the engine\'s own actor ids (system, scenario:…) are never a caller\'s (403)',
  'ACCESS.AUDITORS_ONLY': 'CONTRACTS "Identity and access": the audit log is for auditors (403)',
  'POSTAL.WEBHOOK_NOT_CONFIGURED': 'CONTRACTS "Postal partner": no POSTAL_WEBHOOK_SECRETS, so no event can be verified and none is accepted (503)',
  'POSTAL.SIGNATURE_HEADERS_MISSING': 'Standard Webhooks 1.0: webhook-id, webhook-timestamp and webhook-signature are required (401)',
  'POSTAL.TIMESTAMP_OUT_OF_TOLERANCE': 'Standard Webhooks 1.0: the attempt\'s timestamp is more than 300 s from now, a replay or a wrong clock (401)',
  'POSTAL.SIGNATURE_INVALID': 'Standard Webhooks 1.0: no v1 signature matches any configured secret over the raw body (401)',
  'POSTAL.WEBHOOK_ID_MISMATCH': 'CONTRACTS "Postal partner": webhook-id is the body\'s eventId (400)',
  'POSTAL.OCCURRED_IN_FUTURE': 'CONTRACTS "Postal partner": an event cannot have happened after now (400)',
  'POSTAL.EVENT_ID_REUSED': 'CONTRACTS "Postal partner": an eventId names one event, for good; with another body it is refused (422)',
  'POSTAL.EVENT_IN_FLIGHT': 'CONTRACTS "Postal partner": the first delivery of this eventId is still being processed; retry later (409)',
  'FORMS.UNKNOWN_FORM': 'Circular 01/2018: a dossier\'s forms are 01 (receipt), 02 (supplement request), 03 (refusal at intake) and 04 (apology); 05, the control sheet, has its own path (404)',
  'FORMS.NOT_APPLICABLE': 'Circular 01/2018: a form is issued by an event of the dossier (01 acceptance, 02 a supplement request, 03 a refusal at intake, 04 an apology); a dossier without it has no such form (409)',
  'ACCESS.REPORTS_ONLY': 'CONTRACTS "Identity and access": the statutory reports are for operations and auditors (403)',
  'REPORT.BAD_DATE': 'ONE-STOP §7: a report\'s period is two calendar dates YYYY-MM-DD in Vietnam time, `from` and `to` (400)',
  'REPORT.PERIOD_REVERSED': 'ONE-STOP §7: a report\'s period ends on or after the day it starts (400)',
  'LOOKUP.RATE_LIMITED': 'ONE-STOP §8: the public look-up, with no token, is limited per address so codes cannot be walked (429)',
  'WORKBENCH.BAD_QUERY': 'product: the workbench queue\'s parameters (q, procedure, status, page, pageSize) each have their own alphabet and range; anything else is refused, not ignored (400)',
} as const;

export const badRequest = (message: string, rule: string | null = null) => new ApiError(400, 'BAD_REQUEST', rule, message);
export const notFound = (message: string) => new ApiError(404, 'NOT_FOUND', null, message);
export const ruleViolation = (rule: string, message: string) => new ApiError(409, 'RULE_VIOLATION', rule, message);
export const keyReused = (message: string) => new ApiError(422, 'UNPROCESSABLE_ENTITY', 'IDEMPOTENCY.KEY_REUSED', message);
export const unavailable = (message: string) => new ApiError(503, 'UNAVAILABLE', null, message);
export const methodNotAllowed = (message: string) => new ApiError(405, 'METHOD_NOT_ALLOWED', null, message);
export const payloadTooLarge = (message: string) => new ApiError(413, 'PAYLOAD_TOO_LARGE', null, message);
export const unsupportedMediaType = (message: string) => new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', null, message);

/**
 * A refusal of the domain (its rule and kind), as the API answers it wherever it meets one: in a
 * workflow's answer or in its own checks. FORBIDDEN → 403, NOT_FOUND → 404, a command that does not
 * parse → 400, any other rule → 409.
 */
export function fromRefusal(r: { rule?: unknown; kind?: unknown; message?: unknown }, fallbackMessage = 'refused'): ApiError {
  const rule = typeof r.rule === 'string' ? r.rule : 'UNKNOWN';
  const message = typeof r.message === 'string' ? r.message : fallbackMessage;
  if (rule === 'COMMAND.MALFORMED') return badRequest(message, rule);
  switch (r.kind) {
    case 'FORBIDDEN':
      return new ApiError(403, 'FORBIDDEN', rule, message);
    case 'NOT_FOUND':
      return new ApiError(404, 'NOT_FOUND', rule, message);
    default:
      return ruleViolation(rule, message);
  }
}
