import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { buildWorkflowBundle } from '../bundle';
import { installTemporalRuntime } from '../runtime';

export interface TimeSkipping {
  readonly env: TestWorkflowEnvironment;
  readonly bundle: WorkflowBundleWithSourceMap;
}

/**
 * Tests only (not exported by the library): the installed time-skipping server
 * (TEMPORAL_TEST_SERVER; @temporalio/testing would otherwise download one) and one workflow
 * bundle, for a whole test file. Tear down with `env.teardown()`.
 */
export async function startTimeSkipping(): Promise<TimeSkipping> {
  const server = process.env.TEMPORAL_TEST_SERVER;
  if (!server) throw new Error('TEMPORAL_TEST_SERVER must point at the installed test server (npm test sets it)');
  installTemporalRuntime('test', 'ERROR');
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: server } } });
  return { env, bundle: await buildWorkflowBundle() };
}
