import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { alwaysOpenCalendar } from '@motcua/calendar';
import { findProcedure } from '@motcua/catalog';
import { DOSSIER_EVENTS_TOPIC, type TimeLimit } from '@motcua/contracts';
import { formatDossierCode, ruleSetAt, type Actor } from '@motcua/dossier';
import { brokersFromEnv, KafkaSubscriber } from '@motcua/event-bus';
import { maxCachedWorkflowsFromEnv, temporalSettingsFromEnv } from '@motcua/temporal';
import { commandUpdate, dossierWorkflow, SA, type DossierRegistration } from '@motcua/workflows';
import { dueIndices, dueInstant, latenessReport, spreadOf, workingHoursUntil, type AlertRead } from './alert-lateness';
import { parseOpenOptions, UsageError } from './open-options';

/**
 * The driver of `npm run bench -- --open N` (infra/bench/open-dossiers.sh starts the stack and the
 * built production worker, with TEMPORAL_MAX_CACHED_WORKFLOWS, and hands over their addresses and
 * PIDs). It opens N dossiers as the API does — the workflow started by update-with-start with the
 * `submit` command, then the `accept` update — on the always-open test calendar, so that each sits
 * IN_PROCESSING with its SLA timers armed: most due in 15 days, `--due` of them (spread among the
 * others) a few minutes after the last one is opened, their instants spread over `--spread` s.
 * Then it measures what a province's open dossiers cost:
 *
 *   startsPerSecond       dossiers opened (start + submit + accept) per second
 *   alerts.latenessMs     an AlertRaised read from dossier.events, less its own instant (p50/p99/max)
 *   visibility            the dossier list's queries (overdue=true, status=IN_PROCESSING) as the API
 *                         sends them for an operations officer: first page (50) and count, in ms
 *   rssMb                 worker (the goal is < 1 GiB whatever N) and Temporal dev server, sampled each second
 */
const PROCEDURE = 'HT-XAC-NHAN-TINH-TRANG-HON-NHAN';
const STAGE_AGENCY = 'UBND_XA';
const OPEN_FOR: TimeLimit = { amount: 15, unit: 'WORKING_DAYS' };
/** Codes run 0001–9999 per unit and day: a unit of the run's own per 9,999 dossiers. */
const PER_UNIT = 9999;
/** The first dossiers, none due, time the start rate that places the due instants. */
const WARM_UP = 200;
const OPEN_ATTEMPTS = 12;

interface Samples {
  worker: number[];
  temporal: number[];
}

async function main(): Promise<void> {
  const o = parseOpenOptions(process.argv.slice(2));
  const temporal = temporalSettingsFromEnv();
  const calendar = alwaysOpenCalendar();
  const run = randomBytes(3).toString('hex').toUpperCase();
  const day = calendar.localDate(Date.now());
  const unitOf = (i: number) => `BENCH.${run}.${Math.floor(i / PER_UNIT)}`;
  const codeOf = (i: number) => formatDossierCode(unitOf(i), day, (i % PER_UNIT) + 1);
  const base = findProcedure(PROCEDURE);
  if (!base) throw new Error(`procedure ${PROCEDURE} is not in the built-in catalog`);

  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection, namespace: temporal.namespace });
  const alerts: AlertRead[] = [];
  let eventsRead = 0;
  const prefix = `BENCH.${run}.`;
  const subscription = await new KafkaSubscriber({ brokers: brokersFromEnv(), clientId: 'motcua-bench-open' }).subscribe(
    DOSSIER_EVENTS_TOPIC,
    `motcua-bench-open-${run}`,
    async (m) => {
      if (!m.key.startsWith(prefix)) return;
      const readAt = Date.now();
      eventsRead++;
      const ce = JSON.parse(m.value) as { id: string; time: string; data: { type: string; payload: { alert?: string; scope?: string } } };
      if (ce.data.type !== 'AlertRaised') return;
      alerts.push({ id: ce.id, code: m.key, kind: `${ce.data.payload.alert}/${ce.data.payload.scope}`, at: Date.parse(ce.time), readAt });
    },
    // This run's dossiers are all new: the topic's past is not read.
    { fromBeginning: false },
  );

  const samples: Samples = { worker: [], temporal: [] };
  const sampler = setInterval(() => sampleRss(samples), 1000);
  let opened = 0;
  let failures = 0;
  let notOpened = 0;
  const dueCodes = new Set<string>();
  const t0 = Date.now();
  const progress = setInterval(() => {
    const s = (Date.now() - t0) / 1000;
    process.stderr.write(
      `bench --open: opened ${opened}/${o.open} (${(opened / s).toFixed(1)}/s), due ${dueCodes.size}/${o.due}, alerts read ${alerts.length}/${o.due * 3}, events read ${eventsRead}, RSS worker ${last(samples.worker)} MB, Temporal ${last(samples.temporal)} MB, ${Math.round(s)} s\n`,
    );
  }, 2000);

  const warmUp = Math.min(WARM_UP, Math.max(0, o.open - o.due));
  const due = dueIndices(o.open, o.due, warmUp);
  let firstDue = 0;
  const officerOf = (unit: string): Actor => ({ id: 'bench-open-officer', role: 'ONE_STOP_OFFICER', agency: unit });

  /** Opens dossier i as the API would: update-with-start (submit), then accept; retried, each step idempotent. */
  async function openOne(i: number): Promise<void> {
    const code = codeOf(i);
    const unit = unitOf(i);
    const j = due.get(i);
    const limit: TimeLimit =
      j === undefined ? OPEN_FOR : { amount: workingHoursUntil(dueInstant(firstDue, o.spreadSeconds * 1000, j, due.size), Date.now()), unit: 'WORKING_HOURS' };
    const by = officerOf(unit);
    const registration: DossierRegistration = {
      code,
      unit,
      procedure: { ...base!, timeLimit: limit, route: [{ agency: STAGE_AGENCY, allotted: limit }] },
      ruleSet: ruleSetAt(Date.now()),
      calendar: { id: calendar.id, version: calendar.version },
      applicantRef: `bench-open-${run}-${i}`,
      by,
    };
    for (let attempt = 1; ; attempt++) {
      try {
        await client.workflow.executeUpdateWithStart(commandUpdate('submit'), {
          args: [{ channel: 'COUNTER', by }],
          updateId: `create:${code}`,
          startWorkflowOperation: new WithStartWorkflowOperation(dossierWorkflow, {
            workflowId: code,
            taskQueue: temporal.taskQueue,
            args: [{ registration }],
            workflowIdConflictPolicy: 'USE_EXISTING',
            workflowIdReusePolicy: 'REJECT_DUPLICATE',
          }),
        });
        await client.workflow.getHandle(code).executeUpdate(commandUpdate('accept'), { args: [{ by }], updateId: `accept:${code}` });
        break;
      } catch (e) {
        // A starved worker misses its workflow task's 10 s timeout and the update is refused while
        // the task is retried: patience (about a minute in all), then give up loudly.
        failures++;
        if (attempt >= OPEN_ATTEMPTS) {
          // Counted, not fatal: where the server or the worker bends is what this run is for.
          if (notOpened++ === 0) process.stderr.write(`bench --open: dossier ${code} not opened in ${OPEN_ATTEMPTS} attempts (counted in notOpened): ${reason(e)}\n`);
          return;
        }
        await new Promise((r) => setTimeout(r, Math.min(1000 * attempt, 8000)));
      }
    }
    if (j !== undefined) dueCodes.add(code);
    opened++;
  }

  // The warm-up times the rate; the due instants then start `lead` seconds after the starts are
  // expected to end (with a 20 % margin for a server that slows down as it fills).
  await pool(0, warmUp, o.concurrency, openOne);
  const rate = warmUp > 0 ? warmUp / ((Date.now() - t0) / 1000) : 20;
  firstDue = Date.now() + ((o.open - warmUp) / rate) * 1.2 * 1000 + o.leadSeconds * 1000;
  const lastDue = dueInstant(firstDue, o.spreadSeconds * 1000, Math.max(0, due.size - 1), due.size);
  process.stderr.write(
    `bench --open: warm-up ${warmUp} at ${rate.toFixed(1)}/s; due instants ${new Date(firstDue).toISOString()} … ${new Date(lastDue).toISOString()}\n`,
  );
  await pool(warmUp, o.open, o.concurrency, openOne);
  const startsEndedAt = Date.now();
  const startSeconds = (startsEndedAt - t0) / 1000;
  const workerAfterStarts = last(samples.worker);

  const overdue = `WorkflowType = 'dossierWorkflow' AND ${SA.overdue.name} = true`;
  const inProcessing = `WorkflowType = 'dossierWorkflow' AND ${SA.status.name} = 'IN_PROCESSING'`;
  const before = { overdue: await timeQuery(client, overdue), inProcessing: await timeQuery(client, inProcessing) };

  // Every expected alert read, or the settle time after the last due instant over.
  const expected = due.size * 3;
  const until = Math.max(lastDue, Date.now()) + o.settleSeconds * 1000;
  while (Date.now() < until && new Set(alerts.map((a) => a.id)).size < expected) await new Promise((r) => setTimeout(r, 500));
  const alertsEndedAt = Date.now();
  // The list shows a dossier overdue once its workflow has upserted the flag, just after the alert.
  await new Promise((r) => setTimeout(r, 2000));
  const after = { overdue: await timeQuery(client, overdue), inProcessing: await timeQuery(client, inProcessing) };

  clearInterval(progress);
  clearInterval(sampler);
  await subscription.stop();
  await connection.close();

  const report = latenessReport(alerts, dueCodes, startsEndedAt);
  const summary = {
    open: o.open,
    due: due.size,
    concurrency: o.concurrency,
    maxCachedWorkflows: maxCachedWorkflowsFromEnv() ?? 'SDK default',
    startSeconds: round(startSeconds),
    startsPerSecond: round(opened / startSeconds),
    openRetries: failures,
    notOpened,
    alerts: { ...report, waitedSeconds: round((alertsEndedAt - startsEndedAt) / 1000) },
    visibility: { afterStarts: before, afterAlerts: after },
    rssMb: {
      worker: { max: max(samples.worker), afterStarts: workerAfterStarts, atEnd: last(samples.worker) },
      temporal: { max: max(samples.temporal), atEnd: last(samples.temporal) },
    },
    run,
  };
  if (process.env.BENCH_TEMPORAL_EXTERNAL === '1') {
    process.stderr.write(
      `bench --open: this run's ${o.open} dossiers stay open on ${temporal.address}; end them with: temporal workflow terminate --address ${temporal.address} --namespace ${temporal.namespace} --query "TaskQueue = '${temporal.taskQueue}' AND ExecutionStatus = 'Running'" --reason bench --yes\n`,
    );
  }
  process.stdout.write(JSON.stringify(summary) + '\n');
}

/** The dossier list's query timed as the API runs it (first page of 50), and its count. */
async function timeQuery(client: Client, query: string): Promise<{ firstPageMs: ReturnType<typeof spreadOf>; rows: number; count: number; countMs: number }> {
  const times: number[] = [];
  let rows = 0;
  for (let r = 0; r < 5; r++) {
    const t = Date.now();
    rows = 0;
    for await (const _ of client.workflow.list({ query, pageSize: 50 })) if (++rows >= 50) break;
    times.push(Date.now() - t);
  }
  const t = Date.now();
  const { count } = await client.workflow.count(query);
  return { firstPageMs: spreadOf(times), rows, count, countMs: Date.now() - t };
}

/** Runs job(i) for i in [from, to), at most `limit` at a time. */
async function pool(from: number, to: number, limit: number, job: (i: number) => Promise<void>): Promise<void> {
  let next = from;
  await Promise.all(
    Array.from({ length: Math.max(0, Math.min(limit, to - from)) }, async () => {
      while (next < to) await job(next++);
    }),
  );
}

function sampleRss(samples: Samples): void {
  for (const [which, variable] of [['worker', 'BENCH_WORKER_PID'], ['temporal', 'BENCH_TEMPORAL_PID']] as const) {
    const pid = process.env[variable];
    if (!pid) continue;
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      samples[which].push(Math.round(kb / 1024));
    } catch {
      // The process is gone (or not on this machine): nothing to sample.
    }
  }
}

/** An error and its causes, in one line (the client wraps the workflow's failure). */
function reason(e: unknown): string {
  const parts: string[] = [];
  for (let c: unknown = e; c instanceof Error && parts.length < 4; c = c.cause) parts.push(c.message);
  return parts.join(': ') || String(e);
}

const last = (xs: readonly number[]) => (xs.length ? xs[xs.length - 1] : null);
const max = (xs: readonly number[]) => (xs.length ? Math.max(...xs) : null);
const round = (x: number) => Math.round(x * 100) / 100;

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`bench --open: ${e instanceof UsageError ? e.message : e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(e instanceof UsageError ? 2 : 1);
  },
);
