/**
 * Effects never block the clock (issue "effects that never block the clock"): with the Kafka
 * broker paused (SIGSTOP on its process, not a mock), an officer's action and a deadline passing
 * still reach the dossier list within seconds; once the broker resumes, every event arrives on
 * the topic once and in order. A procedure of 0.002 working hours on the always-open test
 * calendar makes the deadline pass 7.2 s after acceptance.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import { Kafka, logLevel } from 'kafkajs';
import { builtInAgencies, builtInUnits, loadAgencies, loadCatalog, loadUnits } from '@motcua/catalog';
import { DOSSIER_EVENTS_TOPIC } from '@motcua/contracts';
import { brokersFromEnv, KafkaPublisher } from '@motcua/event-bus';
import { createDossierWorker, temporalSettingsFromEnv } from '@motcua/temporal';
import { alwaysOpenCalendar } from '@motcua/calendar';
import { AppModule } from './app.module';
import { createApiApp } from './app-setup';
import { apiConfigFromEnv } from './config/api-config';
import { TEST_APPLICANT_REF_SECRET } from './testing/test-applicant-ref-secret';
import { people, TestTokens } from './testing/test-tokens';

const pidFile = process.env.MOTCUA_KAFKA_PIDFILE;
const servers = Boolean(process.env.TEMPORAL_ADDRESS && process.env.KAFKA_BROKERS);
if (!servers && process.env.MOTCUA_REQUIRE_INTEGRATION === '1') throw new Error('TEMPORAL_ADDRESS and KAFKA_BROKERS are required (npm test sets them)');
// Only a broker this run started is paused: with KAFKA_BROKERS naming an external one there is no PID file.
const enabled = servers && Boolean(pidFile);
jest.setTimeout(180_000);

(enabled ? describe : describe.skip)('with the Kafka broker paused', () => {
  const temporal = { ...temporalSettingsFromEnv(), taskQueue: `paused-it-${randomUUID()}` };
  const brokers = brokersFromEnv();
  const agency = `SO_PAUSE_${randomUUID().slice(0, 8).toUpperCase()}`;
  const quick = { amount: 0.002, unit: 'WORKING_HOURS' as const };
  const procedureCode = `T.PAUSE.${agency.slice(-8)}`;
  // A receiving unit of its own: a unit-day's code allocator runs on the task queue of whoever
  // started it, and this test's queue dies with the test.
  const id = randomUUID().replace(/-/g, '').slice(0, 7).toUpperCase();
  const unit = `${id.slice(0, 3)}.${id.slice(3, 5)}.${id.slice(5, 7)}.X98`;
  const units = loadUnits({ registryVersion: 'it', units: [...builtInUnits().units, { id: unit, name: 'Đơn vị thử khi Kafka dừng', level: 'PROVINCE' }] });
  const catalog = loadCatalog(
    {
      catalogVersion: 'it',
      procedures: [{ code: procedureCode, name: 'Thủ tục thử khi Kafka dừng', version: '1', timeLimit: quick, route: [{ agency, allotted: quick }], postal: false, unit, field: 'THU_NGHIEM', fee: 0, documents: [{ code: 'TO_KHAI', name: 'Tờ khai' }], onlineLevel: 'NONE' }],
    },
    alwaysOpenCalendar(),
    units,
    // Its agency is registered for this run only (a route may name only registered agencies).
    loadAgencies({ registryVersion: 'it', agencies: [...builtInAgencies().agencies, { code: agency, name: 'Cơ quan thử khi Kafka dừng', level: 'PROVINCE', identifier: '000.00.99.X98' }] }),
  );
  const applicant = { name: 'Trần Văn Bình', idNumber: '036190001111', phone: '0903000111' };
  let tokens: TestTokens;

  let connection: NativeConnection;
  let publisher: KafkaPublisher;
  let worker: Worker;
  let running: Promise<void>;
  let app: INestApplication;
  let url: string;
  const brokerPid = () => Number(readFileSync(pidFile!, 'utf8').trim());

  async function call(method: string, path: string, body?: unknown) {
    // The test's own unit has no account at the local identity provider: tokens of a test issuer.
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${await tokens.tokenFor(people.oneStop(unit))}` };
    const res = await fetch(url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, read freely
    return { status: res.status, body: (await res.json()) as any };
  }

  async function within<T>(ms: number, what: string, fn: () => Promise<T | undefined>): Promise<T> {
    const until = Date.now() + ms;
    for (;;) {
      const v = await fn();
      if (v !== undefined) return v;
      if (Date.now() > until) throw new Error(`not within ${ms} ms: ${what}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  beforeAll(async () => {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    connection = await NativeConnection.connect({ address: temporal.address });
    publisher = new KafkaPublisher({ brokers, clientId: 'paused-it-worker' });
    worker = await createDossierWorker({ connection, namespace: temporal.namespace, taskQueue: temporal.taskQueue, publisher });
    running = worker.run();
    const config = apiConfigFromEnv({ ...process.env, APPLICANT_REF_SECRET: TEST_APPLICANT_REF_SECRET, API_CALENDAR: 'TEST-ALWAYS-OPEN' });
    tokens = await TestTokens.create();
    app = await createApiApp(AppModule.forRoot({ ...config, temporal }, catalog, tokens.verifier), { logger: false, requestLog: false });
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });

  afterAll(async () => {
    process.kill(brokerPid(), 'SIGCONT'); // whatever happened, never leave the broker stopped
    await app?.close();
    if (worker) {
      worker.shutdown();
      await running;
    }
    await publisher?.close();
    await connection?.close();
  });

  it('shows an action and an overdue deadline in the list while Kafka is stopped, then publishes every event once, in order', async () => {
    const created = await call('POST', '/api/v1/dossiers', { procedureCode, channel: 'ONLINE', applicant });
    expect(created.status).toBe(201);
    const code: string = created.body.code;

    process.kill(brokerPid(), 'SIGSTOP');
    let resumedAt = 0;
    try {
      const t0 = Date.now();
      const accepted = await call('POST', `/api/v1/dossiers/${code}/accept`, {});
      expect(accepted.status).toBe(200);
      expect(Date.now() - t0).toBeLessThan(5_000); // the command does not wait for Kafka

      const listed = (query: string) => async () => {
        const r = await call('GET', `/api/v1/dossiers?${query}`);
        return r.status === 200 && r.body.some((d: { code: string }) => d.code === code) ? true : undefined;
      };
      await within(5_000, 'IN_PROCESSING in the list', listed(`status=IN_PROCESSING&agency=${agency}`));
      const due = Date.parse(accepted.body.appointment);
      // The deadline passes with Kafka still stopped: the alert is raised and the list shows it.
      await within(Math.max(0, due - Date.now()) + 6_000, 'overdue in the list', listed(`status=IN_PROCESSING&overdue=true&agency=${agency}`));
      const detail = await call('GET', `/api/v1/dossiers/${code}`);
      expect(detail.body.alerts.map((a: { type: string; scope: string }) => `${a.type}/${a.scope}`)).toEqual(
        expect.arrayContaining(['OVERDUE/DOSSIER', 'OVERDUE/STAGE']),
      );
    } finally {
      process.kill(brokerPid(), 'SIGCONT');
      resumedAt = Date.now();
    }

    // After the broker resumes: every recorded event on the topic, once each, in sequence order.
    const recorded: number = (await call('GET', `/api/v1/dossiers/${code}`)).body.events.length;
    const kafka = new Kafka({ clientId: 'paused-it-reader', brokers, logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: `paused-it-${randomUUID()}` });
    const seen: { id: string; sequence: number }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: DOSSIER_EVENTS_TOPIC, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        if (message.key?.toString() !== code) return;
        const ce = JSON.parse(message.value!.toString());
        seen.push({ id: ce.id, sequence: ce.data.sequence });
      },
    });
    try {
      await within(90_000, `${recorded} events on Kafka`, async () => (seen.length >= recorded ? true : undefined));
      await new Promise((r) => setTimeout(r, 1_000)); // a late duplicate would show up here
    } finally {
      await consumer.disconnect();
    }
    expect(seen.map((e) => e.sequence)).toEqual(Array.from({ length: recorded }, (_, i) => i + 1));
    expect(new Set(seen.map((e) => e.id)).size).toBe(recorded);
    expect(Date.now() - resumedAt).toBeLessThan(90_000);
  });
});
