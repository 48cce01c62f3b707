import { ServiceError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { RULE_VIOLATION } from '../temporal/dossier-workflow';
import { ApiError, notFound, ruleViolation, unavailable } from './api-error';

/**
 * How the workflow client's errors read over HTTP:
 * - an update the dossier's rules refused (ApplicationFailure of type RuleViolation, details[0] =
 *   the domain's {rule, message}) → 409 with that rule; nothing changed (update validators);
 * - an unknown workflow → 404;
 * - Temporal unreachable or too slow → 503.
 * Anything else is not mapped here (→ 500 in the filter).
 */
export function fromTemporalError(e: unknown): ApiError | null {
  if (e instanceof WorkflowUpdateFailedError) {
    const cause = e.cause;
    if (cause instanceof ApplicationFailure && cause.type === RULE_VIOLATION) {
      const refusal = (cause.details?.[0] ?? {}) as { rule?: unknown; message?: unknown };
      const rule = typeof refusal.rule === 'string' ? refusal.rule : 'UNKNOWN';
      return ruleViolation(rule, typeof refusal.message === 'string' ? refusal.message : cause.message);
    }
    if (cause instanceof ApplicationFailure && cause.type === 'BadCommand') return null; // our own bug: 500
    return null;
  }
  if (e instanceof WorkflowNotFoundError) return notFound(e.workflowId ? `dossier ${e.workflowId} not found` : 'dossier not found');
  if (e instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return unavailable('the dossier did not answer in time; retry with the same Idempotency-Key');
  if (e instanceof ServiceError || isConnectionError(e)) return unavailable('the workflow service is unavailable; retry later');
  return null;
}

function isConnectionError(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  // gRPC UNAVAILABLE (14) and DEADLINE_EXCEEDED (4), as thrown by a lazy connection's first call.
  return typeof code === 'number' && (code === 14 || code === 4);
}
