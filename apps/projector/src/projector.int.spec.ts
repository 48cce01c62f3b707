import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { randomUUID } from 'node:crypto';
import { brokersFromEnv, KafkaPublisher, KafkaSubscriber, KafkaTopicAdmin, type BusMessage } from '@motcua/event-bus';
import { openStore, type Store } from '@motcua/store';
import { eventId, type RecordedEvent } from '@motcua/dossier';
import { foldBatch } from './projection/fold';
import { Projector, serveMetrics } from './projector';
import { domainAnswer, dumpReadModel, messageOf, readModelAnswer, scenarioLogs } from './testing/scenario-events';

/**
 * The projector on the real broker of `npm test` (KAFKA_BROKERS), on a private topic: the
 * recorded events of every scenario, with duplicates, folded into the read model; stopped after
 * its first batch without a Kafka commit (as a kill -9 between the store's commit and Kafka's)
 * and started again: the same tables as an uninterrupted run, nothing counted twice; and a new
 * store under a group Kafka has committed to the end still folds everything (the store's offset
 * rules, not the group's); the projector process killed -9 mid-way and restarted, on an embedded
 * store and on PostgreSQL (STORE_TEST_DATABASE_URL); and the broker itself stopped and restarted
 * mid-fold (MOTCUA_KAFKA_PIDFILE: a broker npm test started).
 */
const enabled = Boolean(process.env.KAFKA_BROKERS);
if (!enabled && process.env.MOTCUA_REQUIRE_INTEGRATION === '1') throw new Error('KAFKA_BROKERS is required (npm test sets it)');

const kafka = { brokers: brokersFromEnv(), clientId: 'projector-it' };
const logs = scenarioLogs();
const events = logs.flatMap((l) => l.events);
// Every third event of each dossier published again right after the dossier's events (a worker
// retrying after a crash): duplicates the projector must skip.
const duplicates = logs.flatMap((l) => l.events.filter((_, i) => i % 3 === 0));
const message = (r: (typeof events)[number]): BusMessage => ({ key: r.code, value: messageOf(r), headers: { 'content-type': 'application/cloudevents+json; charset=UTF-8' } });

async function until(what: string, done: () => boolean, timeoutMs = 60000) {
  const start = Date.now();
  while (!done()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

(enabled ? describe : describe.skip)('projector on the real broker', () => {
  const topic = `projector-it-${randomUUID()}`;
  const dirs: string[] = [];
  const stores: Store[] = [];
  const open = async (dataDir?: string) => {
    const s = await openStore(dataDir ? { dataDir } : {});
    stores.push(s);
    return s;
  };
  const track = (s: Store) => {
    stores.push(s);
    return s;
  };

  beforeAll(async () => {
    const admin = new KafkaTopicAdmin(kafka);
    await admin.ensureTopic(topic, { partitions: 3, keepForever: true });
    await admin.close();
    const publisher = new KafkaPublisher(kafka);
    await publisher.publish(topic, events.map(message));
    await publisher.publish(topic, duplicates.map(message));
    await publisher.close();
  });
  afterAll(async () => {
    for (const s of stores) await s.close().catch(() => undefined);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  let reference: Awaited<ReturnType<typeof dumpReadModel>>;
  const group = `projector-it-${randomUUID()}`;

  it('folds every scenario as the domain does, skips the duplicates, shows it in /metrics', async () => {
    const store = await open();
    const projector = new Projector({ db: store.db, subscriber: new KafkaSubscriber(kafka), topic, group });
    await projector.start();
    try {
      await until('all events', () => projector.totals.applied + projector.totals.duplicates >= events.length + duplicates.length);
      expect(projector.totals).toMatchObject({ applied: events.length, duplicates: duplicates.length, gaps: 0, refused: 0 });
      for (const log of logs) expect(await readModelAnswer(store.db, log.code)).toEqual(domainAnswer(log.state));
      reference = await dumpReadModel(store.db);
      expect(reference.archive).toHaveLength(events.length);

      const server = await serveMetrics(projector, 0);
      try {
        const { port } = server.address() as { port: number };
        const res = await fetch(`http://127.0.0.1:${port}/metrics`);
        expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
        const text = await res.text();
        expect(text).toContain(`motcua_projector_events_applied_total ${events.length}\n`);
        expect(text).toContain(`motcua_projector_duplicates_skipped_total ${duplicates.length}\n`);
        expect(text).toContain('motcua_projector_gaps_total 0\n');
        // Every partition that had messages shows its lag, 0 once folded.
        expect(text.match(/^motcua_projector_consumer_lag\{topic="[^"]+",partition="\d"\} 0$/gm)?.length).toBeGreaterThanOrEqual(2);
        expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
      } finally {
        server.close();
      }
    } finally {
      await projector.stop();
    }
  });

  it('stopped after its first batch without a Kafka commit and started again: the same tables, nothing counted twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'projector-it-'));
    dirs.push(dir);
    const crashGroup = `projector-it-${randomUUID()}`;
    let store = await open(dir);
    let batches = 0;
    const first = new Projector({
      db: store.db,
      subscriber: new KafkaSubscriber(kafka),
      topic,
      group: crashGroup,
      commitToKafka: false,
      // The process "dies" once its first batch is in the store: nothing more is folded, and
      // nothing was ever committed to Kafka.
      beforeBatch: async () => {
        if (batches >= 1) throw new Error('killed');
      },
      afterBatch: async () => {
        batches++;
      },
    });
    await first.start();
    await until('a first batch', () => batches >= 1);
    await first.stop();
    await store.close();
    const before = { ...first.totals };
    expect(before.applied).toBeGreaterThan(0);
    expect(before.applied).toBeLessThan(events.length);

    store = await open(dir);
    const second = new Projector({ db: store.db, subscriber: new KafkaSubscriber(kafka), topic, group: crashGroup });
    await second.start();
    try {
      await until('the rest', () => before.applied + second.totals.applied >= events.length);
      // Let anything that would be re-applied arrive before comparing.
      await until('the duplicates', () => before.duplicates + second.totals.duplicates >= duplicates.length);
      expect(before.applied + second.totals.applied).toBe(events.length);
      expect(before.duplicates + second.totals.duplicates).toBe(duplicates.length);
      expect(await dumpReadModel(store.db)).toEqual(reference);
    } finally {
      await second.stop();
    }
  });

  it('a new store under a group Kafka committed to the end folds everything again (the store decides where to start)', async () => {
    const store = await open();
    const projector = new Projector({ db: store.db, subscriber: new KafkaSubscriber(kafka), topic, group });
    await projector.start();
    try {
      await until('all events again', () => projector.totals.applied >= events.length);
      await until('the duplicates again', () => projector.totals.duplicates >= duplicates.length);
      expect(projector.totals.applied).toBe(events.length);
      expect(await dumpReadModel(store.db)).toEqual(reference);
    } finally {
      await projector.stop();
    }
  });

  /**
   * Every scenario under 24 codes each, with every fifth event published again (about the 8,760 events
   * that 30 codes gave before handoffs were events), on a
   * private topic, made once for the tests below (each folds it under a group and a store of its own).
   */
  let big: Promise<{ name: string; copies: RecordedEvent[]; want: Awaited<ReturnType<typeof dumpReadModel>> }> | undefined;
  const bigTopic = () => (big ??= makeBigTopic());
  async function makeBigTopic() {
    const name = `projector-it-big-${randomUUID()}`;
    const copies: RecordedEvent[] = [];
    for (let c = 0; c < 24; c++) {
      for (const l of logs) {
        const code = l.code.replace(/-\d{4}$/, `-${String(c).padStart(2, '0')}${l.code.slice(-2)}`);
        for (const r of l.events) copies.push({ ...r, code, id: eventId(code, r.sequence), event: r.event.type === 'DossierRegistered' ? { ...r.event, code } : r.event });
      }
    }
    const again = copies.filter((_, i) => i % 5 === 0);
    const admin = new KafkaTopicAdmin(kafka);
    await admin.ensureTopic(name, { partitions: 3, keepForever: true });
    await admin.close();
    const publisher = new KafkaPublisher(kafka);
    const all = [...copies, ...again];
    for (let i = 0; i < all.length; i += 200) await publisher.publish(name, all.slice(i, i + 200).map(message));
    await publisher.close();
    // What an uninterrupted fold gives (one partition in publishing order: the same per dossier).
    const expected = await open();
    await foldBatch(expected.db, { group: 'ref', topic: name, partition: 0, messages: all.map((r, i) => ({ offset: String(i), value: messageOf(r) })) });
    return { name, copies, want: await dumpReadModel(expected.db) };
  }

  /** The store each projector process is given: an embedded one of its own, or a new database on PostgreSQL. */
  const storeEngines: [string, () => Promise<{ env: NodeJS.ProcessEnv; open: () => Promise<Store> }>][] = [
    [
      'an embedded store',
      async () => {
        const dir = mkdtempSync(join(tmpdir(), 'projector-kill-'));
        dirs.push(dir);
        return { env: { STORE_DIR: dir }, open: () => open(dir) };
      },
    ],
  ];
  if (process.env.STORE_TEST_DATABASE_URL) {
    storeEngines.push([
      'PostgreSQL',
      async () => {
        const url = await freshDatabase(process.env.STORE_TEST_DATABASE_URL!);
        return { env: { DATABASE_URL: url }, open: async () => track(await openStore({ url })) };
      },
    ]);
  } else if (process.env.MOTCUA_REQUIRE_INTEGRATION === '1') {
    throw new Error('STORE_TEST_DATABASE_URL is required (npm test sets it)');
  }

  it.each(storeEngines)('survives its own kill -9 mid-way on %s: the restarted process ends with the tables of an uninterrupted fold', async (_engine, engine) => {
    const { name, copies, want } = await bigTopic();
    const target = await engine();
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PROJECTOR_TOPIC: name, PROJECTOR_GROUP: `projector-it-${randomUUID()}`, PROJECTOR_PORT: String(port) };
    delete env.DATABASE_URL;
    delete env.STORE_DIR;
    Object.assign(env, target.env);
    const metric = async (name: string): Promise<number[]> => {
      const text = await fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.text(), () => '');
      return [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\d+)$`, 'gm'))].map((m) => Number(m[1]));
    };

    const first = startProjector(env);
    let appliedAtKill = 0;
    await untilAsync('the first process folding', async () => {
      appliedAtKill = (await metric('motcua_projector_events_applied_total'))[0] ?? 0;
      return appliedAtKill >= 500;
    }, 120000);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    expect(appliedAtKill).toBeLessThan(copies.length);

    const second = startProjector(env);
    const started = Date.now();
    let last = -1;
    let stableSince = Date.now();
    await untilAsync('the second process to catch up', async () => {
      const applied = (await metric('motcua_projector_events_applied_total'))[0];
      const lags = await metric('motcua_projector_consumer_lag');
      if (applied === undefined) return false;
      if (applied !== last) {
        last = applied;
        stableSince = Date.now();
      }
      return lags.length > 0 && lags.every((l) => l === 0) && Date.now() - stableSince > 3000;
    }, 240000);
    const seconds = (Date.now() - started - 3000) / 1000;
    process.stderr.write(`projector kill -9 test (${_engine}): ${appliedAtKill}+ events folded before the kill, ${last} after the restart in ~${seconds.toFixed(1)} s through Kafka\n`);
    second.kill('SIGTERM');
    await new Promise((r) => second.once('exit', r));

    const store = await target.open();
    expect(await dumpReadModel(store.db)).toEqual(want);
    expect(want.archive).toHaveLength(copies.length);
    // Folded once each: what the first process had folded plus what the second folded is every event.
    const folded = await store.db.selectFrom('rm_dossiers').select((eb) => eb.fn.sum<string>('last_sequence').as('n')).executeTakeFirstOrThrow();
    expect(Number(folded.n)).toBe(copies.length);
    expect(last).toBeLessThan(copies.length);
  }, 420000);

  // The broker of this test run stopped for real (its process ended, connections refused) and
  // started again on the same ports while the projector folds: only a broker npm test started.
  (process.env.MOTCUA_KAFKA_PIDFILE ? it : it.skip)('goes on after a broker restart mid-fold: identical tables, no gap, every event folded once', async () => {
    const { name, copies, want } = await bigTopic();
    const store = await open();
    const projector = new Projector({ db: store.db, subscriber: new KafkaSubscriber(kafka), topic: name, group: `projector-it-${randomUUID()}` });
    await projector.start();
    try {
      await until('a first part folded', () => projector.totals.applied >= 500, 120000);
      const down = Date.now();
      await kafkaScript('stop');
      const foldedWhileDown = projector.totals.applied;
      await new Promise((r) => setTimeout(r, 5000));
      await kafkaScript('start');
      process.stderr.write(`projector broker-restart test: broker down for ${((Date.now() - down) / 1000).toFixed(1)} s after ${foldedWhileDown} of ${copies.length} events\n`);
      await until('every event after the restart', () => projector.totals.applied >= copies.length, 240000);
      // Re-deliveries of what was folded before the restart are skipped by the stored offsets.
      await new Promise((r) => setTimeout(r, 3000));
      expect(projector.totals).toMatchObject({ applied: copies.length, gaps: 0, refused: 0 });
      expect(await dumpReadModel(store.db)).toEqual(want);
      expect(want.gaps).toEqual([]);
    } finally {
      await projector.stop();
    }
  }, 420000);
});

/** infra/local/kafka.sh stop|start on the broker of this run, on the ports it had. */
async function kafkaScript(command: 'stop' | 'start'): Promise<void> {
  const state = dirname(dirname(process.env.MOTCUA_KAFKA_PIDFILE!));
  const props = readFileSync(join(state, 'kafka', 'server.properties'), 'utf8');
  const ports = /^listeners=PLAINTEXT:\/\/127\.0\.0\.1:(\d+),CONTROLLER:\/\/127\.0\.0\.1:(\d+)$/m.exec(props);
  if (!ports) throw new Error('the broker\'s listeners are not in its server.properties');
  const env: NodeJS.ProcessEnv = { ...process.env, MOTCUA_STATE_DIR: state, KAFKA_PORT: ports[1], KAFKA_CONTROLLER_PORT: ports[2] };
  delete env.KAFKA_BROKERS;
  const root = join(__dirname, '../../..');
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn('bash', [join(root, 'infra/local/kafka.sh'), command], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr?.on('data', (c) => (err += c));
    child.on('exit', (c) => {
      if (c !== 0) process.stderr.write(err);
      resolve(c);
    });
  });
  if (code !== 0) throw new Error(`kafka.sh ${command} exited with ${code}`);
}

/** A new database on the PostgreSQL server at url (the role may create databases), dropped after the suite. */
const databases: string[] = [];
async function freshDatabase(url: string): Promise<string> {
  const name = `motcua_projector_${process.pid}_${databases.length}_${Date.now()}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  databases.push(name);
  const at = new URL(url);
  at.pathname = `/${name}`;
  return at.href;
}
afterAll(async () => {
  if (!databases.length) return;
  const admin = new Client({ connectionString: process.env.STORE_TEST_DATABASE_URL });
  await admin.connect();
  for (const name of databases) await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
});

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** The projector as production runs it, from its sources (tsx), as a process of its own. */
function startProjector(env: NodeJS.ProcessEnv): ChildProcess {
  const root = join(__dirname, '../../..');
  // `--import tsx` in this very process (the tsx CLI would run the projector in a child of its own,
  // which a kill -9 of the CLI would leave running).
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'apps/projector/src/main.ts')], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr?.on('data', () => undefined);
  children.push(child);
  return child;
}

async function untilAsync(what: string, done: () => Promise<boolean>, timeoutMs = 60000) {
  const start = Date.now();
  while (!(await done())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
