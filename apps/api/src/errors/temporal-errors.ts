import { ServiceError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { BAD_COMMAND, RULE_VIOLATION } from '../temporal/dossier-workflow';
import { ApiError, fromRefusal, notFound, unavailable } from './api-error';

/**
 * How the workflow client's errors read over HTTP:
 * - an update the dossier's rules refused (ApplicationFailure of type RuleViolation, details[0] =
 *   the domain's {rule, kind, message}) → by kind: 403 FORBIDDEN, 404 NOT_FOUND, else 409 with
 *   the rule; nothing changed (update validators);
 * - a command the workflow's parser refused (BadCommand) → 400 COMMAND.MALFORMED;
 * - an unknown workflow → 404;
 * - Temporal unreachable or too slow → 503.
 * Anything else is not mapped here (→ 500 in the filter).
 */
export function fromTemporalError(e: unknown): ApiError | null {
  if (e instanceof WorkflowUpdateFailedError) {
    const cause = e.cause;
    if (!(cause instanceof ApplicationFailure)) return null;
    const refusal = (cause.details?.[0] ?? {}) as { rule?: unknown; kind?: unknown; message?: unknown };
    // The workflow's own parser refused the command: the API let through something it should not have.
    if (cause.type === BAD_COMMAND) return fromRefusal({ ...refusal, rule: 'COMMAND.MALFORMED' }, cause.message);
    if (cause.type !== RULE_VIOLATION) return null;
    return fromRefusal(refusal, cause.message);
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
