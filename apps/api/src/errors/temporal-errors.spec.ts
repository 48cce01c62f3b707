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

  it('a RuleViolation without details still answers 409, with the failure\'s message', () => {
    expect(filter.answer(refused([]))).toEqual({ status: 409, body: { error: { code: 'RULE_VIOLATION', rule: 'UNKNOWN', message: 'refused' } } });
  });

  it('an update failing for another reason is not a rule: 500, generic', () => {
    const e = new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.nonRetryable('a command carries its actor', 'BadCommand'));
    expect(filter.answer(e)).toEqual({ status: 500, body: { error: { code: 'INTERNAL', rule: null, message: expect.not.stringContaining('actor') } } });
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
