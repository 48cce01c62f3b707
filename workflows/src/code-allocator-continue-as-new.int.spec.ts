import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { vnGovCalendar } from '@motcua/calendar';
import { MemoryPublisher } from '@motcua/event-bus';
import { buildWorkflowBundle, createDossierWorker, installTemporalRuntime } from '@motcua/temporal';
import { codeAllocateUpdate, codeAllocatorWorkflow } from './public-api';

/**
 * The allocator of a busy day continues as new when the server suggests it, and keeps its numbers
 * across runs. On a dev server of its own whose suggestion comes after 40 history events (the real
 * default is thousands), started from the CLI that npm test installed.
 */
const cli = join(__dirname, '../../.tools/venv/bin/temporal');
const required = process.env.MOTCUA_REQUIRE_INTEGRATION === '1';
if (required && !existsSync(cli)) throw new Error(`${cli} is missing (npm test installs it)`);

(existsSync(cli) ? describe : describe.skip)('code allocator with a small history limit', () => {
  let server: ChildProcess;
  let address: string;
  let connection: Connection;
  let native: NativeConnection;

  const freePort = () =>
    new Promise<number>((resolve, reject) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
      s.on('error', reject);
    });

  beforeAll(async () => {
    installTemporalRuntime('test', 'ERROR');
    const port = await freePort();
    address = `127.0.0.1:${port}`;
    server = spawn(
      cli,
      ['server', 'start-dev', '--headless', '--ip', '127.0.0.1', '--port', String(port), '--log-level', 'error',
        '--dynamic-config-value', 'limit.historyCount.suggestContinueAsNew=40'],
      { stdio: 'ignore' },
    );
    for (let i = 0; ; i++) {
      try {
        connection = await Connection.connect({ address, connectTimeout: 500 });
        await connection.workflowService.getSystemInfo({});
        break;
      } catch (e) {
        if (i > 100) throw e;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    native = await NativeConnection.connect({ address });
  });
  afterAll(async () => {
    await connection?.close();
    await native?.close();
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
  });

  it('hands each key one number across runs, and a retried key its old number after the hand-over', async () => {
    const client = new Client({ connection });
    const taskQueue = `alloc-can-${randomUUID()}`;
    const unit = 'CAN.00.H42';
    const day = vnGovCalendar().localDate(Date.now());
    const workflowId = `dossier-codes:${unit}:${day}`;
    const allocate = (key: string) =>
      client.workflow.executeUpdateWithStart(codeAllocateUpdate, {
        args: [{ key }],
        startWorkflowOperation: new WithStartWorkflowOperation(codeAllocatorWorkflow, {
          workflowId,
          taskQueue,
          args: [{ unit, day }],
          workflowIdConflictPolicy: 'USE_EXISTING',
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        }),
      });
    const worker = await createDossierWorker({
      connection: native,
      namespace: 'default',
      taskQueue,
      publisher: new MemoryPublisher(),
      workflowBundle: await buildWorkflowBundle(),
    });
    const { numbers, again, runs } = await worker.runUntil(async () => {
      const numbers: number[] = [];
      for (let i = 0; i < 45; i++) numbers.push(await allocate(`k-${i}`));
      const again = await Promise.all([allocate('k-0'), allocate('k-44'), allocate('k-new')]);
      const runs: string[] = [];
      for await (const w of client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) runs.push(w.status.name);
      return { numbers, again, runs };
    });
    expect(numbers).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
    expect(again).toEqual([1, 45, 46]);
    // The day's allocator ran as more than one run: every one before the last continued as new.
    expect(runs.length).toBeGreaterThan(1);
    expect(runs.filter((s) => s === 'RUNNING')).toHaveLength(1);
    expect(runs.filter((s) => s !== 'RUNNING').every((s) => s === 'CONTINUED_AS_NEW')).toBe(true);
  });
});
