import * as fs from 'node:fs';
import * as path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { buildWorkflowBundle, installTemporalRuntime } from '@motcua/temporal';

/**
 * What one dossier workflow costs the worker, apart from any server: replays the recorded
 * histories (workflows/histories/*.json) ROUNDS times, each a fresh workflow (as a new dossier or
 * one evicted from the cache is), and prints the CPU per workflow. Before and after a change to
 * what the workflow bundle loads or does (README, "Measured").
 *   node_modules/.bin/tsx --tsconfig tsconfig.json infra/bench/replay-cost.ts [ROUNDS]
 */
async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 4);
  installTemporalRuntime('test', 'ERROR');
  const dir = path.resolve(__dirname, '../../workflows/histories');
  const recorded = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { workflowId: string; history: unknown });
  const workflowBundle = await buildWorkflowBundle();
  const histories = Array.from({ length: rounds }, (_, r) => recorded.map(({ workflowId, history }) => ({ workflowId: `${r}/${workflowId}`, history: historyFromJSON(history) }))).flat();
  // One round first, not counted: the bundle's compile and the JIT's warm-up.
  for await (const result of Worker.runReplayHistories({ workflowBundle }, histories.slice(0, recorded.length))) if (result.error) throw result.error;
  const cpu0 = process.cpuUsage();
  const t0 = Date.now();
  let n = 0;
  for await (const result of Worker.runReplayHistories({ workflowBundle }, histories)) {
    if (result.error) throw result.error;
    n++;
  }
  const cpu = process.cpuUsage(cpu0);
  const bundleKb = Math.round(workflowBundle.code.length / 1024);
  const modules = (workflowBundle.code.match(/^\/\*\*\*\/ "/gm) ?? []).length;
  process.stdout.write(JSON.stringify({ workflows: n, cpuMsPerWorkflow: Math.round((cpu.user + cpu.system) / 1000 / n), wallMsPerWorkflow: Math.round((Date.now() - t0) / n), bundleKb, modules, loadAverage: fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number) }) + '\n');
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
