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
} as const;

export const badRequest = (message: string, rule: string | null = null) => new ApiError(400, 'BAD_REQUEST', rule, message);
export const notFound = (message: string) => new ApiError(404, 'NOT_FOUND', null, message);
export const ruleViolation = (rule: string, message: string) => new ApiError(409, 'RULE_VIOLATION', rule, message);
export const keyReused = (message: string) => new ApiError(422, 'UNPROCESSABLE_ENTITY', 'IDEMPOTENCY.KEY_REUSED', message);
export const unavailable = (message: string) => new ApiError(503, 'UNAVAILABLE', null, message);
export const methodNotAllowed = (message: string) => new ApiError(405, 'METHOD_NOT_ALLOWED', null, message);
export const payloadTooLarge = (message: string) => new ApiError(413, 'PAYLOAD_TOO_LARGE', null, message);
export const unsupportedMediaType = (message: string) => new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', null, message);
