import { parseArgs } from 'node:util';
import { DOSSIER_EVENTS_TOPIC } from '@motcua/contracts';
import { ii06aInvariants } from '@motcua/reports';
import { injectFault, leaderOfPartition0, proc, recoveries, vnTime, type InjectedFault } from './faults';
import { EXPECTED_STATUS, Load, sleep } from './load';
import { verifyReadModel, type ReadModelCheck } from './read-model-check';
import { auditTopic, readWholeTopic } from './topic-audit';

/**
 * The driver of `npm run chaos` (infra/chaos/chaos.sh starts the servers and hands over their
 * addresses and tokens). It starts the API, two workers and the projector (separate processes,
 * built as `npm start` builds them), keeps a load of dossiers going through the HTTP API, and
 * injects one fault per phase while the load runs:
 *   worker-kill       kill -9 of worker-1, then of worker-2, each restarted
 *   temporal-restart  the dev server stopped and started again on its port and SQLite file
 *   kafka-restart     all three Kafka nodes kill -9'd at once and restarted (Kafka wholly gone, as a
 *                     single broker's restart is to its clients)
 *   projector-kill    kill -9 of the projector, restarted
 *   broker-loss       kill -9 of the node leading partition 0, the load running on the two others
 *                     (RF 3, min.insync.replicas 2, acks=all) for a phase, then brought back
 * Then it stops the load, lets every dossier finish, and checks from the outside:
 *   lostDossiers          dossiers not RETURNED (by the API's answer and by GET afterwards)
 *   lostEvents            events the workflows recorded that are not on the topic, and sequence holes
 *   duplicateEvents       copies beyond the first of an event id on the topic (the whole topic read)
 *   projectionMismatches  read-model rows that differ from a fold of the topic into a fresh store
 *   invariantViolations   II.06a equations that do not hold (libs/reports), and a received count
 *                         different from the dossiers created
 * Progress on stderr; the last stdout line is the JSON summary. Exit 1 when a counter is not 0.
 */
const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    concurrency: { type: 'string' },
    'phase-seconds': { type: 'string' },
  },
  strict: true,
});
const quick = flags.quick;
const concurrency = count('concurrency', flags.concurrency ?? (quick ? '3' : '6'));
/** Load without a fault between two faults (and before the first): the system shows it recovered. */
const phaseMs = count('phase-seconds', flags['phase-seconds'] ?? (quick ? '6' : '20')) * 1000;
const api = need('CHAOS_API_URL');
const brokers = need('KAFKA_BROKERS').split(',');
const topic = DOSSIER_EVENTS_TOPIC;

let phase = 'starting';
const say = (msg: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} [chaos] ${msg}\n`);

async function main(): Promise<number> {
  const started = Date.now();
  say('starting the API, two workers and the projector');
  await Promise.all(['worker-1', 'worker-2', 'api', 'projector'].map((a) => proc('start', a)));

  const load = new Load({
    api,
    oneStopToken: need('CHAOS_ONE_STOP_TOKEN'),
    agencyToken: need('CHAOS_AGENCY_TOKEN'),
    journeyTimeoutMs: quick ? 150_000 : 300_000,
  });
  const progress = setInterval(() => {
    const j = load.journeys;
    say(`${phase}: dossiers ${j.length} started, ${j.filter((x) => x.finishedAt && !x.error).length} through, ${j.filter((x) => x.error).length} failed, ${load.inFlight} in flight; commands ${load.stats.ok} answered, ${load.stats.retried} retried`);
  }, 3000);
  const faults: InjectedFault[] = [];
  try {
    phase = 'warm-up';
    load.start(concurrency);
    await sleep(phaseMs);
    const run = async (f: Promise<InjectedFault>) => {
      const done = await f;
      faults.push(done);
      say(`${done.kind} (${done.target}): back after ${done.downMs} ms${done.error ? `, FAILED: ${done.error}` : ''}`);
      await sleep(phaseMs);
    };
    for (const w of ['worker-1', 'worker-2']) {
      phase = `worker-kill ${w}`;
      await run(injectFault('worker-kill', w, () => proc('kill9', w), 1000, () => proc('start', w)));
    }
    phase = 'temporal-restart';
    // temporal.sh stop is the dev server's own shutdown; its SQLite file keeps every history.
    await run(injectFault('temporal-restart', 'temporal', () => proc('temporal-restart'), 0, async () => undefined));
    phase = 'kafka-restart';
    await run(injectFault('kafka-restart', 'kafka nodes 1-3', () => proc('kafka-kill9', '1', '2', '3'), quick ? 2000 : 5000, () => proc('kafka-start')));
    phase = 'projector-kill';
    await run(injectFault('projector-kill', 'projector', () => proc('kill9', 'projector'), 1000, () => proc('start', 'projector')));
    const leader = await leaderOfPartition0(brokers, topic);
    phase = `broker-loss node ${leader}`;
    await run(injectFault('broker-loss', `kafka node ${leader} (leader of partition 0)`, () => proc('kafka-kill9', String(leader)), phaseMs, () => proc('kafka-start', String(leader))));
    phase = 'draining';
    say('no new dossiers: waiting for the ones under way');
    await load.stop();
  } finally {
    clearInterval(progress);
  }

  phase = 'checking';
  say('checking the dossiers through the API');
  const oneStop = need('CHAOS_ONE_STOP_TOKEN');
  const expected = new Map<string, { id: string; sequence: number }[]>();
  const lost: { index: number; code: string | null; status: string | null; error: string | null }[] = [];
  const queue = [...load.journeys];
  const check = async () => {
    for (let j = queue.shift(); j; j = queue.shift()) {
      if (!j.code) {
        lost.push({ index: j.index, code: null, status: null, error: j.error });
        continue;
      }
      const r = await getJson(`/api/v1/dossiers/${j.code}`, oneStop);
      const status = (r.body as { status?: string }).status ?? null;
      expected.set(j.code, (r.body as { events?: { id: string; sequence: number }[] }).events ?? []);
      if (j.error || status !== EXPECTED_STATUS) lost.push({ index: j.index, code: j.code, status, error: j.error });
    }
  };
  await Promise.all(Array.from({ length: 4 }, check));

  // A publish may still be waiting out its retry's backoff (up to a minute after Kafka came back):
  // late is not lost, so the topic is read again until every event is there or the time is up.
  const settleUntil = Date.now() + (quick ? 120_000 : 180_000);
  let partitions: Awaited<ReturnType<typeof readWholeTopic>>;
  let missingFromTopic: { code: string; sequence: number }[];
  for (;;) {
    say('reading the whole topic');
    partitions = await readWholeTopic(brokers, topic, 120_000);
    const onTopic = new Set<string>();
    for (const list of partitions.values()) for (const r of list) onTopic.add(`${r.code}#${r.sequence}`);
    missingFromTopic = [...expected].flatMap(([code, events]) => events.filter((e) => !onTopic.has(`${code}#${e.sequence}`)).map((e) => ({ code, sequence: e.sequence })));
    if (missingFromTopic.length === 0 || Date.now() > settleUntil) break;
    say(`${missingFromTopic.length} events not on the topic yet: reading it again in 10 s`);
    await sleep(10_000);
  }
  const t = auditTopic(partitions);
  // Each (dossier, sequence) once: missing from what the workflow listed, or a hole on the topic.
  const lostEvents = new Set([...missingFromTopic, ...t.sequenceGaps].map((e) => `${e.code}#${e.sequence}`)).size;

  say('waiting for the projector to reach the end of the topic, then folding the topic into a fresh store');
  const projection: ReadModelCheck = await verifyReadModel(120);
  const caughtUp = projection.caughtUp;

  say('checking the II.06a invariants');
  const day = vnTime(started).slice(0, 10);
  const today = vnTime(Date.now()).slice(0, 10);
  const report = await getJson(`/api/v1/reports/ii06a?from=${day}&to=${today}`, need('CHAOS_REPORTS_TOKEN'));
  const body = report.body as Parameters<typeof ii06aInvariants>[0] & { invariants?: { holds: boolean } };
  const invariants = report.status === 200 ? ii06aInvariants(body) : null;
  const created = load.journeys.filter((j) => j.code).length;
  const received = report.status === 200 ? body.total.received.total : null;
  const invariantViolations = invariants === null ? 1 : invariants.violations.length + (body.invariants?.holds === false ? 1 : 0) + (received === created ? 0 : 1);

  const faultList = recoveries(faults, load.stats);
  const summary = {
    quick,
    concurrency,
    phaseSeconds: phaseMs / 1000,
    seconds: Math.round((Date.now() - started) / 1000),
    dossiers: load.journeys.length,
    lostDossiers: lost.length,
    lostEvents,
    duplicateEvents: t.duplicateEvents,
    sequenceConflicts: t.sequenceConflicts,
    projectionMismatches: projection.projectionMismatches + (caughtUp ? 0 : 1),
    invariantViolations,
    faults: faultList,
    faultKinds: [...new Set(faultList.map((f) => f.kind))],
    events: t.records,
    commands: { answered: load.stats.ok, retried: load.stats.retried },
    projector: { caughtUp, openGaps: projection.openGaps, tables: projection.tables },
    ii06a: { status: report.status, received, created, holds: invariants?.holds ?? null },
    details: {
      lost: lost.slice(0, 10),
      missingEvents: missingFromTopic.slice(0, 20),
      duplicated: t.duplicated,
      projectionExamples: projection.examples,
      invariantViolations: invariants?.violations.slice(0, 10) ?? [],
    },
  };
  process.stdout.write(JSON.stringify(summary) + '\n');
  const failed = summary.lostDossiers + summary.lostEvents + summary.duplicateEvents + summary.sequenceConflicts + summary.projectionMismatches + summary.invariantViolations + faultList.filter((f) => f.error).length;
  say(failed === 0 ? `all clear: ${summary.dossiers} dossiers, ${t.records} events, ${faultList.length} faults in ${summary.seconds} s` : 'FAILED: see the counters above');
  return failed === 0 ? 0 : 1;
}

async function getJson(route: string, token: string): Promise<{ status: number; body: unknown }> {
  for (let attempt = 0; ; attempt++) {
    try {
      const r = await fetch(`${api}${route}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(30_000) });
      if (r.status < 500 || attempt >= 5) return { status: r.status, body: (await r.json()) as unknown };
    } catch (e) {
      if (attempt >= 5) throw e;
    }
    await sleep(1000);
  }
}

/** A --flag that must be a whole number of at least 1. */
function count(flag: string, v: string): number {
  const n = Number(v);
  if (Number.isInteger(n) && n >= 1) return n;
  say(`--${flag} must be a positive integer, not "${v}"`);
  process.exit(2);
}

/** A variable chaos.sh sets: missing, the driver was started by hand. */
function need(name: string): string {
  const v = process.env[name];
  if (v) return v;
  say(`${name} is not set: run it through npm run chaos (infra/chaos/chaos.sh)`);
  process.exit(2);
}

main().then(
  (rc) => process.exit(rc),
  (e: unknown) => {
    say(`failed in phase ${phase}: ${e instanceof Error ? e.stack : String(e)}`);
    process.exit(1);
  },
);
