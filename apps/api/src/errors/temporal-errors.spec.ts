import { Logger } from '@nestjs/common';
import { ServiceError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { RULE_VIOLATION } from '../temporal/dossier-workflow';
import { ApiError } from './api-error';
import { ErrorFilter } from './error.filter';
import { fromTemporalError } from './temporal-errors';

const refused = (details: unknown[]) =>
  new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.nonRetryable('refused', RULE_VIOLATION, ...details));

describe('the workflow client\'s errors over HTTP', () => {
  const filter = new ErrorFilter();
  beforeAll(() => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterAll(() => jest.restoreAllMocks());

  it('a RuleViolation refusal → 409 with the rule and message of details[0]', () => {
    const e = refused([{ rule: 'APOLOGY.ALREADY_GIVEN', message: 'an apology was already given' }]);
    expect(filter.answer(e)).toEqual({
      status: 409,
      body: { error: { code: 'RULE_VIOLATION', rule: 'APOLOGY.ALREADY_GIVEN', message: 'an apology was already given' } },
    });
  });

  it('the code allocator\'s refusal of a unit-day out of codes → 409 DOSSIER_CODE.DAY_EXHAUSTED (its details carry no kind)', () => {
    const e = refused([{ rule: 'DOSSIER_CODE.DAY_EXHAUSTED', message: 'unit X has used all 9999 dossier codes of 2026-12-01' }]);
    expect(filter.answer(e)).toEqual({
      status: 409,
      body: { error: { code: 'RULE_VIOLATION', rule: 'DOSSIER_CODE.DAY_EXHAUSTED', message: 'unit X has used all 9999 dossier codes of 2026-12-01' } },
    });
  });

  it('a RuleViolation without details still answers 409, with the failure\'s message', () => {
    expect(filter.answer(refused([]))).toEqual({ status: 409, body: { error: { code: 'RULE_VIOLATION', rule: 'UNKNOWN', message: 'refused' } } });
  });

  it('answers by the refusal\'s kind: FORBIDDEN → 403, NOT_FOUND → 404, a state or an argument → 409', () => {
    expect(filter.answer(refused([{ rule: 'X.MAY_NOT', kind: 'FORBIDDEN', message: 'not yours' }]))).toEqual({
      status: 403,
      body: { error: { code: 'FORBIDDEN', rule: 'X.MAY_NOT', message: 'not yours' } },
    });
    expect(filter.answer(refused([{ rule: 'X.NONE', kind: 'NOT_FOUND', message: 'none' }])).status).toBe(404);
    expect(filter.answer(refused([{ rule: 'APOLOGY.BEYOND_BOUND', kind: 'INVALID_ARGUMENT', message: 'too late' }])).status).toBe(409);
  });

  it('a command the workflow cannot parse → 400 COMMAND.MALFORMED; any other failure of an update → 500, generic', () => {
    const bad = new WorkflowUpdateFailedError(
      'Workflow Update failed',
      ApplicationFailure.nonRetryable('accept: a command carries its actor (by)', 'BadCommand', { rule: 'COMMAND.MALFORMED', kind: 'INVALID_ARGUMENT', message: 'accept: a command carries its actor (by)' }),
    );
    expect(filter.answer(bad)).toEqual({ status: 400, body: { error: { code: 'BAD_REQUEST', rule: 'COMMAND.MALFORMED', message: 'accept: a command carries its actor (by)' } } });
    const other = new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.nonRetryable('boom with a secret', 'SomethingElse'));
    expect(filter.answer(other)).toEqual({ status: 500, body: { error: { code: 'INTERNAL', rule: null, message: expect.not.stringContaining('secret') } } });
  });

  it('unknown workflow → 404; RPC timeout and service errors → 503', () => {
    expect(filter.answer(new WorkflowNotFoundError('not found', 'X-260101-0001', undefined)).status).toBe(404);
    expect(filter.answer(new WorkflowUpdateRPCTimeoutOrCancelledError('timeout')).status).toBe(503);
    expect(filter.answer(new ServiceError('Failed to query Workflow')).status).toBe(503);
    expect(fromTemporalError(new Error('plain'))).toBeNull();
  });

  it('ApiError answers as it says', () => {
    expect(filter.answer(new ApiError(409, 'RULE_VIOLATION', 'LIFECYCLE.DOSSIER_CLOSED', 'closed'))).toEqual({
      status: 409,
      body: { error: { code: 'RULE_VIOLATION', rule: 'LIFECYCLE.DOSSIER_CLOSED', message: 'closed' } },
    });
  });
});
