import { randomUUID } from 'node:crypto';
import { Client, Connection, WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { vnGovCalendar } from '@motcua/calendar';
import { MemoryPublisher } from '@motcua/event-bus';
import { buildWorkflowBundle, createDossierWorker, installTemporalRuntime } from '@motcua/temporal';
import { codeAllocateUpdate, codeAllocatorWorkflow, RULE_VIOLATION } from './public-api';

/**
 * Dossier codes must be unique and never reused, under concurrent intake and across worker
 * restarts (ONE-STOP.md §3). Against the real Temporal dev server: the time-skipping server does
 * not implement update-with-start.
 */
const address = process.env.TEMPORAL_ADDRESS;
if (!address && process.env.MOTCUA_REQUIRE_INTEGRATION === '1') throw new Error('TEMPORAL_ADDRESS is required (npm test sets it)');

(address ? describe : describe.skip)('code allocator on the real Temporal server', () => {
  let connection: Connection;
  let client: Client;
  let native: NativeConnection;
  const taskQueue = `alloc-${randomUUID()}`;
  const unit = `T${Date.now().toString(36).toUpperCase()}.00.H42`;

  beforeAll(async () => {
    installTemporalRuntime('test', 'ERROR');
    connection = await Connection.connect({ address });
    client = new Client({ connection });
    native = await NativeConnection.connect({ address });
  });
  afterAll(async () => {
    await connection?.close();
    await native?.close();
  });

  // Today in Vietnam, as the API computes it: an allocator of a past day has already closed.
  const day = vnGovCalendar().localDate(Date.now());
  const yymmdd = day.slice(2).replaceAll('-', '');
  const allocate = (key: string, allocatorUnit = unit, capacity?: number) =>
    client.workflow.executeUpdateWithStart(codeAllocateUpdate, {
      args: [{ key }],
      startWorkflowOperation: new WithStartWorkflowOperation(codeAllocatorWorkflow, {
        workflowId: `dossier-codes:${allocatorUnit}:${yymmdd}`,
        taskQueue,
        args: [{ unit: allocatorUnit, day, ...(capacity ? { capacity } : {}) }],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      }),
    });

  const withWorker = async <T>(fn: () => Promise<T>): Promise<T> => {
    const worker: Worker = await createDossierWorker({
      connection: native,
      namespace: 'default',
      taskQueue,
      publisher: new MemoryPublisher(),
      workflowBundle: bundle,
    });
    return worker.runUntil(fn);
  };
  let bundle: Awaited<ReturnType<typeof buildWorkflowBundle>>;

  it('hands out 1..N once each to concurrent requests, and the same number to a retried key', async () => {
    bundle = await buildWorkflowBundle();
    const keys = Array.from({ length: 40 }, (_, i) => `req-${i}`);
    const numbers = await withWorker(() => Promise.all(keys.map((k) => allocate(k))));
    expect([...numbers].sort((a, b) => a - b)).toEqual(keys.map((_, i) => i + 1));

    // A retry after a worker restart (a new worker process on the same task queue).
    const again = await withWorker(() => Promise.all([allocate('req-7'), allocate('req-39'), allocate('req-new')]));
    expect(again).toEqual([numbers[7], numbers[39], 41]);
  });

  it("refuses a new key once the day's codes are used up, naming the rule, and still answers known keys", async () => {
    const full = `${unit}9`;
    const refusal = await withWorker(async () => {
      expect(await Promise.all(['a', 'b'].map((k) => allocate(k, full, 2)))).toEqual(expect.arrayContaining([1, 2]));
      const refused = await allocate('c', full, 2).catch((e: unknown) => e);
      expect(await allocate('a', full, 2)).toBeGreaterThan(0);
      return refused;
    });
    expect(refusal).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (refusal as WorkflowUpdateFailedError).cause as ApplicationFailure;
    expect(cause.type).toBe(RULE_VIOLATION);
    expect(cause.details?.[0]).toMatchObject({ rule: 'DOSSIER_CODE.DAY_EXHAUSTED' });
  });

  it('an allocator terminated before its day is never restarted on its own, and the README\'s recovery continues its numbers', async () => {
    const unitR = `${unit}7`;
    const workflowId = `dossier-codes:${unitR}:${yymmdd}`;
    await withWorker(async () => {
      expect(await allocate('a', unitR)).toBe(1);
      expect(await allocate('b', unitR)).toBe(2);
      await client.workflow.getHandle(workflowId).terminate('an operator slipped');
      await expect(allocate('c', unitR)).rejects.toBeInstanceOf(WorkflowExecutionAlreadyStartedError);
      // README, "Operations": start it again from the highest number given.
      await client.workflow.start(codeAllocatorWorkflow, {
        workflowId,
        taskQueue,
        args: [{ unit: unitR, day, carried: { byKey: [], last: 2 } }],
        workflowIdReusePolicy: 'ALLOW_DUPLICATE',
      });
      expect(await allocate('c', unitR)).toBe(3);
    });
  });
});
