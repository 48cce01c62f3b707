import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { Pool } from 'pg';
import { DOSSIER_EVENTS_TOPIC } from '@motcua/contracts';
import { brokersFromEnv, KafkaSubscriber } from '@motcua/event-bus';
import { temporalSettingsFromEnv } from '@motcua/temporal';
import { baselineDossier, stepUpdate, type BaselineActivities } from './baseline.workflow';
import { CpuLedger, pidFrom } from './cpu';
import { profileHistories } from './history-profile';
import { parseMix, type Shape, type Who } from './shapes';
import { percentile } from './percentile';

/**
 * The driver of `npm run bench` (infra/bench/bench.sh starts the servers and hands over their
 * addresses, pids and tokens). It takes N dossiers of a mix of shapes (shapes.ts: single-stage,
 * inter-agency with a parallel group, supplement) through the HTTP API — each command with a real
 * token and an Idempotency-Key — and N bare workflows of the same shapes (baseline.workflow.ts, on
 * its own task queue in this process's worker), in alternating batches at the same concurrency,
 * so both see the same server at the same moment.
 *
 *   dossiersPerSecond  dossiers taken create → return, over the time the product's batches ran
 *   baselinePerSecond  the same for the bare workflow (start, one update per command, result)
 *   ratio              dossiersPerSecond / baselinePerSecond (what the product costs on this Temporal)
 *   tripP50Ms/P99Ms    one dossier's create request → return answer
 *   commandMs          each action's answer time, p50/p99
 *   eventLagP99Ms      a command's answer → its last event read from dossier.events (p50 too, per action)
 *   readModelLagP99Ms  a command's answer → rm_dossiers.last_sequence reaching its last event (the projector's fold)
 *   errors             answers other than 2xx, by status, after up to 3 tries of a 503 (the dossier is abandoned at the first)
 *   retried503         503 answers tried again with the same Idempotency-Key
 *   baselineErrors     bare workflows that failed (by error name: a deadline missed on an overloaded machine)
 *   cpuMsPerDossier    CPU time each process spent per dossier in the product's batches and per
 *                      bare workflow in the baseline's (on a machine short of cores, where time goes)
 *   history            what Temporal recorded for a sample of each (tasks, activities, their waits)
 *   rssMb              the largest resident set seen of the API and the worker
 */
const BASELINE_QUEUE = 'motcua-bench-baseline';

const { values: flags } = parseArgs({
  options: {
    dossiers: { type: 'string', default: '40' },
    concurrency: { type: 'string', default: '10' },
    batch: { type: 'string', default: '10' },
    mix: { type: 'string', default: 'single:2,inter-agency:1,supplement:1' },
  },
  strict: true,
});
const N = positive('dossiers', flags.dossiers);
const C = positive('concurrency', flags.concurrency);
const BATCH = positive('batch', flags.batch);
let MIX: Shape[];
try {
  MIX = parseMix(flags.mix);
} catch (e) {
  fail(e instanceof Error ? e.message : String(e));
}
const api = need('BENCH_API_URL');
const tokens: Record<Who, string> = {
  oneStop: need('BENCH_ONE_STOP_TOKEN'),
  UBND_XA: need('BENCH_AGENCY_TOKEN'),
  CONG_AN_XA: process.env.BENCH_CONG_AN_XA_TOKEN ?? '',
  BHXH: process.env.BENCH_BHXH_TOKEN ?? '',
};

const trips: number[] = [];
const baselineTrips: number[] = [];
const commandMs = new Map<string, number[]>();
/** Per command answered: the dossier, the sequence of its last event, when it was answered. */
const answers: { code: string; action: string; sequence: number; at: number }[] = [];
/** When each event id (`<code>:<sequence>`) was first read from Kafka. */
const seen = new Map<string, number>();
/** When each answer's sequence was first seen folded into rm_dossiers (by index into answers). */
const folded = new Map<number, number>();
const errors: Record<string, number> = {};
let retried503 = 0;
const baselineErrors: Record<string, number> = {};
const productCodes: string[] = [];
const baselineIds: string[] = [];
const rss = { api: 0, worker: 0 };

async function main(): Promise<void> {
  const temporal = temporalSettingsFromEnv();
  // The baseline worker's state changes are not progress: warnings and errors only.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const subscription = await new KafkaSubscriber({ brokers: brokersFromEnv(), clientId: 'motcua-bench' }).subscribe(
    DOSSIER_EVENTS_TOPIC,
    `motcua-bench-${randomUUID()}`,
    async (m) => {
      const id = String((JSON.parse(m.value) as { id?: string }).id ?? '');
      if (!seen.has(id)) seen.set(id, Date.now());
    },
    { fromBeginning: true },
  );
  const readModel = process.env.BENCH_DATABASE_URL ? new Pool({ connectionString: process.env.BENCH_DATABASE_URL, max: 1 }) : null;
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
  const folding = readModel ? watchReadModel(readModel) : null;
  const cpu = new CpuLedger({
    api: pidFrom(process.env.BENCH_API_PIDFILE),
    worker: pidFrom(process.env.BENCH_WORKER_PIDFILE),
    store: pidFrom(process.env.BENCH_STORE_PIDFILE),
    projector: pidFrom(process.env.BENCH_PROJECTOR_PIDFILE),
    temporal: pidFrom(process.env.BENCH_TEMPORAL_PIDFILE),
    kafka: pidFrom(process.env.BENCH_KAFKA_PIDFILE),
  });

  let product = 0;
  let baseline = 0;
  let productMs = 0;
  let baselineMs = 0;
  const t0 = Date.now();
  const progress = setInterval(
    () =>
      process.stderr.write(
        `bench: ${Math.round((Date.now() - t0) / 1000)}s dossiers ${product}/${N}, baseline ${baseline}/${N}, events read ${seen.size}, folded ${folded.size}/${answers.length}, errors ${Object.values(errors).reduce((a, b) => a + b, 0)}\n`,
      ),
    2000,
  );
  try {
    // Alternating batches: the product's, then the baseline's of the same shapes, until N of each.
    for (let start = 0; start < N; start += BATCH) {
      const size = Math.min(BATCH, N - start);
      const shapes = Array.from({ length: size }, (_, i) => MIX[(start + i) % MIX.length]);
      let t = Date.now();
      cpu.start();
      await pool(shapes, C, async (shape) => {
        await oneDossier(shape);
        product++;
      });
      cpu.stop('product');
      productMs += Date.now() - t;
      t = Date.now();
      cpu.start();
      await pool(shapes, C, async (shape) => {
        await oneBaseline(client, shape);
        baseline++;
      });
      cpu.stop('baseline');
      baselineMs += Date.now() - t;
    }
    await settled(readModel !== null, 15_000);
  } finally {
    clearInterval(progress);
    clearInterval(sampler);
    await folding?.stop();
    await readModel?.end();
    worker.shutdown();
    await running;
    await workerConnection.close();
    await subscription.stop();
  }
  const history = { product: await profileHistories(client, sample(productCodes, 8)), baseline: await profileHistories(client, sample(baselineIds, 8)) };
  await connection.close();

  const actions = [...commandMs.keys()];
  const kafkaLags = new Map<string, number[]>(actions.map((a) => [a, []]));
  const foldLags = new Map<string, number[]>(actions.map((a) => [a, []]));
  let eventsMissing = 0;
  let foldsMissing = 0;
  answers.forEach((a, i) => {
    const on = seen.get(`${a.code}:${a.sequence}`);
    if (on === undefined) eventsMissing++;
    else kafkaLags.get(a.action)!.push(on - a.at);
    const f = folded.get(i);
    if (f === undefined) foldsMissing++;
    else foldLags.get(a.action)!.push(f - a.at);
  });
  const all = (m: Map<string, number[]>) => [...m.values()].flat();
  const perAction = (m: Map<string, number[]>) => Object.fromEntries([...m].map(([a, xs]) => [a, { p50: percentile(xs, 50), p99: percentile(xs, 99) }]));
  const done = trips.length;
  const dossiersPerSecond = round((done * 1000) / productMs);
  const baselinePerSecond = round((baselineTrips.length * 1000) / baselineMs);
  const summary = {
    dossiers: N,
    completed: done,
    concurrency: C,
    batch: BATCH,
    mix: flags.mix,
    dossiersPerSecond,
    baselinePerSecond,
    ratio: round(dossiersPerSecond / baselinePerSecond),
    tripP50Ms: percentile(trips, 50),
    tripP99Ms: percentile(trips, 99),
    baselineTripP50Ms: percentile(baselineTrips, 50),
    baselineTripP99Ms: percentile(baselineTrips, 99),
    commandMs: perAction(commandMs),
    eventLagP50Ms: percentile(all(kafkaLags), 50),
    eventLagP99Ms: percentile(all(kafkaLags), 99),
    eventLagMs: perAction(kafkaLags),
    eventsMissing,
    readModelLagP50Ms: readModel ? percentile(all(foldLags), 50) : null,
    readModelLagP99Ms: readModel ? percentile(all(foldLags), 99) : null,
    readModelLagMs: readModel ? perAction(foldLags) : null,
    readModelMissing: readModel ? foldsMissing : null,
    errors,
    retried503,
    baselineErrors,
    cpuMsPerDossier: cpu.perItem({ product: done, baseline: baselineTrips.length }),
    history,
    rssMb: { api: round(rss.api / 1024), worker: round(rss.worker / 1024) },
    loadAverage: fs.existsSync('/proc/loadavg') ? fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number) : null,
  };
  process.stdout.write(JSON.stringify(summary) + '\n');
}

/** One dossier through the API, as the one-stop officer and the agencies' officers would take it. */
async function oneDossier(shape: Shape): Promise<void> {
  const t0 = Date.now();
  const created = await command('create', '/api/v1/dossiers', 'oneStop', {
    procedureCode: shape.procedureCode,
    channel: 'COUNTER',
    // The one-stop officer's unit receives every shape (any registered unit may receive any procedure).
    unit: '000.31.25.H26',
    applicant: { name: 'Trần Văn Bình', idNumber: '079190001234', phone: '0912000111' },
  });
  if (!created) return;
  const code = created.code;
  productCodes.push(code);
  for (const step of shape.steps) {
    if (!(await command(step.action, `/api/v1/dossiers/${code}/${step.action}`, step.who, step.body, code))) return;
  }
  trips.push(Date.now() - t0);
}

async function command(action: string, route: string, who: Who, body: unknown, code?: string): Promise<{ code: string; sequence: number } | null> {
  const t0 = Date.now();
  const key = randomUUID();
  let r: Response;
  let answer: { code: string; sequence: number };
  // A 503 ("did not answer in time") asks for the same request again with the same key, as a
  // client would: counted apart (retried503), and the command's time runs from the first try.
  for (let attempt = 1; ; attempt++) {
    r = await fetch(`${api}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[who]}`, 'idempotency-key': key },
      body: JSON.stringify(body),
    });
    answer = (await r.json()) as { code: string; sequence: number };
    if (r.status !== 503 || attempt >= 3) break;
    retried503++;
  }
  const t1 = Date.now();
  if (!r.ok) {
    errors[r.status] = (errors[r.status] ?? 0) + 1;
    if (Object.keys(errors).length === 1 && errors[r.status] === 1) process.stderr.write(`bench: ${action} ${route}: ${r.status} ${JSON.stringify(answer)}\n`);
    return null;
  }
  const times = commandMs.get(action) ?? [];
  times.push(t1 - t0);
  commandMs.set(action, times);
  answers.push({ code: code ?? answer.code, action, sequence: answer.sequence, at: t1 });
  return answer;
}

/** The bare workflow of the same shape: start, one update per command, its result. */
async function oneBaseline(client: Client, shape: Shape): Promise<void> {
  const t0 = Date.now();
  const workflowId = `bench-${randomUUID()}`;
  baselineIds.push(workflowId);
  try {
    const handle = await client.workflow.start(baselineDossier, { taskQueue: BASELINE_QUEUE, workflowId });
    for (const step of shape.steps) await handle.executeUpdate(stepUpdate, { args: [step.action] });
    await handle.result();
  } catch (e) {
    // Bare Temporal too can miss its deadlines on an overloaded machine: counted, like the product's errors.
    const name = e instanceof Error ? e.name : 'Error';
    baselineErrors[name] = (baselineErrors[name] ?? 0) + 1;
    return;
  }
  baselineTrips.push(Date.now() - t0);
}

/**
 * Polls rm_dossiers for the dossiers with commands not yet seen folded: when last_sequence has
 * reached a command's last event, the projector has folded it (50 ms resolution).
 */
function watchReadModel(db: Pool): { stop(): Promise<void> } {
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const pending = new Map<string, number[]>();
      answers.forEach((a, i) => {
        if (!folded.has(i)) pending.set(a.code, [...(pending.get(a.code) ?? []), i]);
      });
      if (pending.size > 0) {
        try {
          const { rows } = await db.query<{ code: string; last_sequence: number }>('select code, last_sequence from rm_dossiers where code = any($1::text[])', [[...pending.keys()]]);
          const now = Date.now();
          for (const row of rows) for (const i of pending.get(row.code) ?? []) if (Number(row.last_sequence) >= answers[i].sequence) folded.set(i, now);
        } catch (e) {
          process.stderr.write(`bench: reading rm_dossiers: ${e instanceof Error ? e.message : String(e)}\n`);
        }
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
    },
  };
}

/** Runs one job per item, at most `limit` at a time. */
async function pool<T>(items: readonly T[], limit: number, job: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await job(items[next++]);
    }),
  );
}

/** Until every answered command's event was read (and folded, when watched), or `ms` passed (the rest count as missing). */
async function settled(watchingFolds: boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  const all = () => answers.every((a, i) => seen.has(`${a.code}:${a.sequence}`) && (!watchingFolds || folded.has(i)));
  while (!all() && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
}

/** Up to `n` items spread over the run (its start, middle and end). */
function sample<T>(xs: readonly T[], n: number): T[] {
  if (xs.length <= n) return [...xs];
  return Array.from({ length: n }, (_, i) => xs[Math.floor((i * (xs.length - 1)) / (n - 1))]);
}

function sampleRss(): void {
  for (const which of ['api', 'worker'] as const) {
    const pid = pidFrom(process.env[`BENCH_${which.toUpperCase()}_PIDFILE`]);
    if (!pid) continue;
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      rss[which] = Math.max(rss[which], kb);
    } catch {
      // The process is gone (or not on this machine's /proc): nothing to sample.
    }
  }
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
