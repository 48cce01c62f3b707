import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { DOSSIER_EVENTS_TOPIC } from '@motcua/contracts';
import { brokersFromEnv, KafkaSubscriber } from '@motcua/event-bus';
import { temporalSettingsFromEnv } from '@motcua/temporal';
import { baselineDossier, stepUpdate, type BaselineActivities } from './baseline.workflow';

/**
 * The driver of `npm run bench` (infra/bench/bench.sh starts the servers and hands over their
 * addresses and two tokens). It takes N single-stage dossiers through the HTTP API (create,
 * accept, complete, return: each with a real token and an Idempotency-Key) and N bare workflows of
 * the same shape (baseline.workflow.ts, on its own task queue in this process's worker), in
 * alternating batches at the same concurrency, so both see the same server at the same moment.
 *
 *   dossiersPerSecond  dossiers taken create → return, over the time the product's batches ran
 *   baselinePerSecond  the same for the bare workflow (start, 3 updates, result)
 *   ratio              dossiersPerSecond / baselinePerSecond (what the product costs on this Temporal)
 *   tripP50Ms/P99Ms    one dossier's create request → return answer
 *   commandMs          each action's answer time, p50/p99
 *   eventLagP99Ms      a command's answer → its event read from dossier.events (p50 too, per action)
 *   rssMb              the largest resident set seen of the API and the worker
 */
const PROCEDURE = 'HT-XAC-NHAN-TINH-TRANG-HON-NHAN'; // one stage (UBND_XA), received by 000.31.25.H26
const BASELINE_QUEUE = 'motcua-bench-baseline';
const ACTIONS = ['create', 'accept', 'complete', 'return'] as const;
type Action = (typeof ACTIONS)[number];
/** The event each command's answer is followed by on dossier.events. */
const EVENT_OF: Record<Action, string> = { create: 'DossierSubmitted', accept: 'DossierAccepted', complete: 'ResultReady', return: 'ResultReturned' };

const { values: flags } = parseArgs({
  options: { dossiers: { type: 'string', default: '40' }, concurrency: { type: 'string', default: '10' }, batch: { type: 'string', default: '10' } },
  strict: true,
});
const N = positive('dossiers', flags.dossiers);
const C = positive('concurrency', flags.concurrency);
const BATCH = positive('batch', flags.batch);
const api = need('BENCH_API_URL');
const oneStop = need('BENCH_ONE_STOP_TOKEN');
const agency = need('BENCH_AGENCY_TOKEN');

const trips: number[] = [];
const baselineTrips: number[] = [];
const commandMs = Object.fromEntries(ACTIONS.map((a) => [a, [] as number[]])) as Record<Action, number[]>;
/** Per dossier code, when each of its commands was answered. */
const answered = new Map<string, Partial<Record<Action, number>>>();
/** Per dossier code, when each event type was read from Kafka (the first copy). */
const seen = new Map<string, Map<string, number>>();
const rss = { api: 0, worker: 0 };

async function main(): Promise<void> {
  const temporal = temporalSettingsFromEnv();
  // The baseline worker's state changes are not progress: warnings and errors only.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const subscription = await new KafkaSubscriber({ brokers: brokersFromEnv(), clientId: 'motcua-bench' }).subscribe(
    DOSSIER_EVENTS_TOPIC,
    `motcua-bench-${randomUUID()}`,
    async (m) => {
      const at = Date.now();
      const type = String((JSON.parse(m.value) as { type?: string }).type ?? '');
      const name = type.slice(type.lastIndexOf('.') + 1);
      const events = seen.get(m.key) ?? new Map<string, number>();
      if (!events.has(name)) events.set(name, at);
      seen.set(m.key, events);
    },
    { fromBeginning: true },
  );
  const workerConnection = await NativeConnection.connect({ address: temporal.address });
  const activities: BaselineActivities = { publish: async () => undefined };
  const worker = await Worker.create({
    connection: workerConnection,
    namespace: temporal.namespace,
    taskQueue: BASELINE_QUEUE,
    workflowsPath: path.join(__dirname, 'baseline.workflow.ts'),
    activities,
  });
  const running = worker.run();
  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection, namespace: temporal.namespace });
  const sampler = setInterval(sampleRss, 250);

  let product = 0;
  let baseline = 0;
  let productMs = 0;
  let baselineMs = 0;
  const progress = setInterval(() => process.stderr.write(`bench: dossiers ${product}/${N}, baseline ${baseline}/${N}, events read ${[...seen.values()].reduce((n, m) => n + m.size, 0)}\n`), 1000);
  try {
    // Alternating batches: the product's, then the baseline's, until N of each.
    for (let start = 0; start < N; start += BATCH) {
      const size = Math.min(BATCH, N - start);
      let t = Date.now();
      await pool(size, C, async () => {
        await oneDossier();
        product++;
      });
      productMs += Date.now() - t;
      t = Date.now();
      await pool(size, C, async () => {
        await oneBaseline(client);
        baseline++;
      });
      baselineMs += Date.now() - t;
    }
    await eventsArrived(10_000);
  } finally {
    clearInterval(progress);
    clearInterval(sampler);
    worker.shutdown();
    await running;
    await workerConnection.close();
    await connection.close();
    await subscription.stop();
  }

  const lags = Object.fromEntries(ACTIONS.map((a) => [a, [] as number[]])) as Record<Action, number[]>;
  let missing = 0;
  for (const [code, times] of answered) {
    for (const a of ACTIONS) {
      const event = seen.get(code)?.get(EVENT_OF[a]);
      if (event === undefined || times[a] === undefined) missing++;
      else lags[a].push(event - times[a]);
    }
  }
  const allLags = ACTIONS.flatMap((a) => lags[a]);
  const dossiersPerSecond = round((N * 1000) / productMs);
  const baselinePerSecond = round((N * 1000) / baselineMs);
  const summary = {
    dossiers: N,
    concurrency: C,
    batch: BATCH,
    shapes: ['single-stage'],
    dossiersPerSecond,
    baselinePerSecond,
    ratio: round(dossiersPerSecond / baselinePerSecond),
    tripP50Ms: pct(trips, 50),
    tripP99Ms: pct(trips, 99),
    baselineTripP50Ms: pct(baselineTrips, 50),
    baselineTripP99Ms: pct(baselineTrips, 99),
    commandMs: Object.fromEntries(ACTIONS.map((a) => [a, { p50: pct(commandMs[a], 50), p99: pct(commandMs[a], 99) }])),
    eventLagP50Ms: pct(allLags, 50),
    eventLagP99Ms: pct(allLags, 99),
    eventLagMs: Object.fromEntries(ACTIONS.map((a) => [a, { p50: pct(lags[a], 50), p99: pct(lags[a], 99) }])),
    eventsMissing: missing,
    readModelLagMs: null,
    rssMb: { api: round(rss.api / 1024), worker: round(rss.worker / 1024) },
  };
  process.stdout.write(JSON.stringify(summary) + '\n');
}

/** One dossier through the API, as the one-stop officer and the commune's officer would take it. */
async function oneDossier(): Promise<void> {
  const t0 = Date.now();
  const created = await command('create', '/api/v1/dossiers', oneStop, {
    procedureCode: PROCEDURE,
    channel: 'COUNTER',
    applicant: { name: 'Trần Văn Bình', idNumber: '079190001234', phone: '0912000111' },
  });
  const code = (created as { code: string }).code;
  answered.set(code, { create: Date.now() });
  await command('accept', `/api/v1/dossiers/${code}/accept`, oneStop, {}, code);
  await command('complete', `/api/v1/dossiers/${code}/complete`, agency, { agency: 'UBND_XA' }, code);
  await command('return', `/api/v1/dossiers/${code}/return`, oneStop, { channel: 'COUNTER' }, code);
  trips.push(Date.now() - t0);
}

async function command(action: Action, route: string, token: string, body: unknown, code?: string): Promise<unknown> {
  const t0 = Date.now();
  const r = await fetch(`${api}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
    body: JSON.stringify(body),
  });
  const answer = (await r.json()) as unknown;
  const t1 = Date.now();
  if (!r.ok) throw new Error(`${action} ${route}: ${r.status} ${JSON.stringify(answer)}`);
  commandMs[action].push(t1 - t0);
  if (code) answered.get(code)![action] = t1;
  return answer;
}

/** The bare workflow of the same shape: start, three updates, its result. */
async function oneBaseline(client: Client): Promise<void> {
  const t0 = Date.now();
  const handle = await client.workflow.start(baselineDossier, { taskQueue: BASELINE_QUEUE, workflowId: `bench-${randomUUID()}` });
  for (const step of ['accept', 'complete', 'return']) await handle.executeUpdate(stepUpdate, { args: [step] });
  await handle.result();
  baselineTrips.push(Date.now() - t0);
}

/** Runs `count` jobs, at most `limit` at a time. */
async function pool(count: number, limit: number, job: () => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, count) }, async () => {
      while (next < count) {
        next++;
        await job();
      }
    }),
  );
}

/** Until every answered command's event was read, or `ms` passed (the rest count as missing). */
async function eventsArrived(ms: number): Promise<void> {
  const until = Date.now() + ms;
  const all = () => [...answered.keys()].every((code) => ACTIONS.every((a) => seen.get(code)?.has(EVENT_OF[a])));
  while (!all() && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
}

function sampleRss(): void {
  for (const which of ['api', 'worker'] as const) {
    const pid = process.env[`BENCH_${which.toUpperCase()}_PID`];
    if (!pid) continue;
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      rss[which] = Math.max(rss[which], kb);
    } catch {
      // The process is gone (or not on this machine's /proc): nothing to sample.
    }
  }
}

function pct(xs: readonly number[], p: number): number | null {
  if (xs.length === 0) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

function positive(name: string, v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) fail(`--${name} must be a positive integer, not "${v}"`);
  return n;
}

function need(name: string): string {
  const v = process.env[name];
  if (!v) fail(`${name} is not set: run it through npm run bench (infra/bench/bench.sh)`);
  return v;
}

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`bench: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
