/**
 * The API against the real servers: Temporal dev server + Kafka (infra/local/stack.sh). Skips
 * itself unless TEMPORAL_ADDRESS and KAFKA_BROKERS are set, e.g.
 *   set -a; eval "$(MOTCUA_STATE_DIR=/tmp/s MOTCUA_FREE_PORTS=1 infra/local/stack.sh up)"; set +a
 *   npx jest -c apps/api/jest.config.js dossier-round-trip
 * A worker runs in this process on a private task queue, and the dossier is received under a
 * unit of its own, so a re-run against the same servers starts from fresh workflows.
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import { Kafka, logLevel } from 'kafkajs';
import { builtInUnits, loadCatalog, loadUnits } from '@motcua/catalog';
import { DOSSIER_EVENTS_TOPIC } from '@motcua/contracts';
import { brokersFromEnv, KafkaPublisher, KafkaTopicAdmin } from '@motcua/event-bus';
import { createDossierWorker, temporalSettingsFromEnv } from '@motcua/temporal';
import { fromCloudEvent } from '@motcua/wire';
import { missingPhrases, pdfText } from '@motcua/forms';
import { Client, Connection } from '@temporalio/client';
import { AppModule } from './app.module';
import { createApiApp } from './app-setup';
import { apiConfigFromEnv } from './config/api-config';
import type { Principal } from './auth/principal';
import { TEST_APPLICANT_REF_SECRET } from './testing/test-applicant-ref-secret';
import { people, TestTokens } from './testing/test-tokens';

const enabled = Boolean(process.env.TEMPORAL_ADDRESS && process.env.KAFKA_BROKERS);
if (!enabled && process.env.MOTCUA_REQUIRE_INTEGRATION === '1') {
  throw new Error('integration tests required (npm test) but TEMPORAL_ADDRESS / KAFKA_BROKERS are not set');
}
jest.setTimeout(180_000);

(enabled ? describe : describe.skip)('a dossier round trip through the API, Temporal and Kafka', () => {
  const temporal = { ...temporalSettingsFromEnv(), taskQueue: `api-it-${randomUUID()}` };
  const brokers = brokersFromEnv();
  // A unit of its own, registered for this run only (the API receives only registered units).
  const id = randomBytes(4).toString('hex').toUpperCase();
  const unit = `${id.slice(0, 3)}.${id.slice(3, 5)}.${id.slice(5, 7)}.X99`;
  const catalog = loadCatalog(
    undefined,
    undefined,
    loadUnits({ registryVersion: 'it', units: [...builtInUnits().units, { id: unit, name: 'Đơn vị kiểm thử tích hợp', level: 'PROVINCE' }] }),
  );
  const officer: Principal = { ...people.oneStop(unit), sub: 'it-officer' };
  const applicant = { name: 'Lê Thị Cúc', idNumber: '036190009876', phone: '0903111222', address: 'Thôn 3, xã Đông Hòa' };

  let connection: NativeConnection;
  let publisher: KafkaPublisher;
  let worker: Worker;
  let running: Promise<void>;
  let app: INestApplication;
  let client: Client;
  let url: string;

  let tokens: TestTokens;
  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, as: Principal = officer) {
    const res = await fetch(url + path, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokens.tokenFor(as)}`, ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, read freely
    return { status: res.status, body: (await res.json()) as any };
  }

  async function eventually<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const v = await fn();
      if (v !== undefined) return v;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** The dossier's CloudEvents on Kafka, read back with a plain consumer in a fresh group. */
  async function readTopic(code: string, enough: (received: { value: string }[]) => boolean) {
    const kafka = new Kafka({ clientId: 'api-it-reader', brokers, logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: `api-it-${randomUUID()}` });
    const received: { key: string; value: string; headers: Record<string, string> }[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: DOSSIER_EVENTS_TOPIC, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          const key = message.key?.toString() ?? '';
          if (key !== code) return;
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) headers[k] = String(v);
          received.push({ key, value: message.value?.toString() ?? '', headers });
        },
      });
      await eventually('the dossier events on Kafka', async () => (enough(received) ? true : undefined), 60_000);
    } finally {
      await consumer.disconnect();
    }
    return received;
  }

  beforeAll(async () => {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    const admin = new KafkaTopicAdmin({ brokers, clientId: 'api-it' });
    await admin.ensureTopic(DOSSIER_EVENTS_TOPIC);
    await admin.close();
    connection = await NativeConnection.connect({ address: temporal.address });
    publisher = new KafkaPublisher({ brokers, clientId: 'api-it-worker' });
    worker = await createDossierWorker({ connection, namespace: temporal.namespace, taskQueue: temporal.taskQueue, publisher });
    running = worker.run();

    const config = apiConfigFromEnv({ ...process.env, APPLICANT_REF_SECRET: TEST_APPLICANT_REF_SECRET });
    // The run's own unit has no account at the local identity provider: tokens of a test issuer.
    tokens = await TestTokens.create();
    app = await createApiApp(AppModule.forRoot({ ...config, temporal }, catalog, tokens.verifier), { logger: false, requestLog: false });
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    client = new Client({ connection: await Connection.connect({ address: temporal.address }), namespace: temporal.namespace });
  });

  afterAll(async () => {
    await app?.close();
    await client?.connection.close();
    if (worker) {
      worker.shutdown();
      await running;
    }
    await publisher?.close();
    await connection?.close();
  });

  it('registers, accepts, processes every stage, returns at the counter, refuses what the rules forbid, and publishes it all', async () => {
    expect((await call('GET', '/health')).status).toBe(200);

    // Intake, twice with the same Idempotency-Key: one code, one dossier.
    const body = { procedureCode: 'LT-KHAI-SINH-THUONG-TRU-BHYT', channel: 'COUNTER', applicant, unit };
    const created = await call('POST', '/api/v1/dossiers', body, { 'Idempotency-Key': 'it-intake-1' });
    expect(created.status).toBe(201);
    const code: string = created.body.code;
    expect(code).toMatch(new RegExp(`^${unit.replace(/\./g, '\\.')}-\\d{6}-0001$`));
    expect(created.body).toMatchObject({ status: 'SUBMITTED', channel: 'COUNTER', unit });
    const again = await call('POST', '/api/v1/dossiers', body, { 'Idempotency-Key': 'it-intake-1' });
    expect(again.status).toBe(201);
    expect(again.body.code).toBe(code);
    expect(again.body.sequence).toBe(created.body.sequence);
    const other = await call('POST', '/api/v1/dossiers', body, { 'Idempotency-Key': 'it-intake-2' });
    expect(other.body.code).toBe(code.replace(/0001$/, '0002'));

    // Each action by whom the rules want: the unit's one-stop officer, or the acting agency's officer.
    const act = async (action: string, actionBody: { agency?: string; channel?: string } = {}) => {
      const r = await call('POST', `/api/v1/dossiers/${code}/${action}`, actionBody, {}, actionBody.agency ? people.officer(actionBody.agency) : officer);
      expect([action, r.status]).toEqual([action, 200]);
      return r.body;
    };

    expect((await act('accept')).status).toBe('IN_PROCESSING');

    // Refused: accept twice → 409 with the rule, and nothing changed.
    const before = await call('GET', `/api/v1/dossiers/${code}`);
    const refused = await call('POST', `/api/v1/dossiers/${code}/accept`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'RULE_VIOLATION', rule: 'LIFECYCLE.ACTION_NOT_ALLOWED' });
    const notHolder = await call('POST', `/api/v1/dossiers/${code}/complete`, { agency: 'BHXH' }, {}, people.officer('BHXH'));
    expect(notHolder.status).toBe(409);
    expect(notHolder.body.error.rule).toBe('ROUTE.AGENCY_DOES_NOT_HOLD');
    const malformed = await call('POST', `/api/v1/dossiers/${code}/complete`, {}, {}, people.officer('UBND_XA'));
    expect(malformed.status).toBe(400);
    const after = await call('GET', `/api/v1/dossiers/${code}`);
    expect(after.body.sequence).toBe(before.body.sequence);
    expect(after.body.events).toEqual(before.body.events);

    expect((await act('complete', { agency: 'UBND_XA' })).holders).toEqual(['CONG_AN_XA', 'BHXH']);
    await act('complete', { agency: 'CONG_AN_XA' });
    expect((await act('complete', { agency: 'BHXH' })).status).toBe('RESULT_READY');
    expect((await act('return', { channel: 'COUNTER' })).status).toBe('RETURNED');

    const state = await call('GET', `/api/v1/dossiers/${code}`);
    expect(state.status).toBe(200);
    expect(state.body).toMatchObject({ code, status: 'RETURNED', procedure: { code: 'LT-KHAI-SINH-THUONG-TRU-BHYT', version: '2026.1' } });
    expect(state.body.appointment).toMatch(/\+07:00$/);
    expect(state.body.stages.map((s: { agency: string; outcome: string | null }) => [s.agency, s.outcome !== null])).toEqual([
      ['UBND_XA', true],
      ['CONG_AN_XA', true],
      ['BHXH', true],
    ]);
    // Each transfer is an event of its own: the unit to UBND_XA, UBND_XA to each member of the
    // group, each member of the group back to the unit.
    const types = [
      'DossierRegistered',
      'DossierSubmitted',
      'DossierAccepted',
      'StageStarted',
      'DossierHandedOff',
      'StagePartCompleted',
      'StageStarted',
      'DossierHandedOff',
      'DossierHandedOff',
      'StagePartCompleted',
      'StagePartCompleted',
      'ResultReady',
      'DossierHandedOff',
      'DossierHandedOff',
      'ResultReturned',
    ];
    expect(state.body.events.map((e: { type: string }) => e.type)).toEqual(types);
    expect(state.body.events.every((e: { at: string }) => e.at.endsWith('+07:00'))).toBe(true);
    expect(state.body.events[2].actor).toEqual({ id: officer.sub, role: 'ONE_STOP_OFFICER', agency: unit });
    expect(state.body.events[5].actor).toEqual({ id: 'cb-UBND_XA', role: 'AGENCY_OFFICER', agency: 'UBND_XA' });

    // The result returned, the dossier stays open for the applicant's rating (RATING_WINDOW_DAYS),
    // given at the counter; rated, it closes.
    expect((await client.workflow.getHandle(code).describe()).status.name).toBe('RUNNING');
    const rated = await call('POST', `/api/v1/dossiers/${code}/rate`, { level: 'SATISFIED' });
    expect([rated.status, rated.body.rating?.level]).toEqual([200, 'SATISFIED']);
    types.push('SatisfactionRated');
    // Once the workflow has ended, an action is refused as on a closed dossier.
    await eventually('the workflow to close', async () => {
      const d = await client.workflow.getHandle(code).describe();
      return d.status.name === 'COMPLETED' ? true : undefined;
    });
    const closed = await call('POST', `/api/v1/dossiers/${code}/accept`, {});
    expect(closed.status).toBe(409);
    expect(closed.body.error.rule).toBe('LIFECYCLE.DOSSIER_CLOSED');
    expect((await call('GET', `/api/v1/dossiers/${code}`)).body.status).toBe('RETURNED');
    // The intake retried after the dossier ended: the first answer again (Temporal keeps the
    // update's outcome), the same code, and no second run of the workflow.
    const late = await call('POST', '/api/v1/dossiers', body, { 'Idempotency-Key': 'it-intake-1' });
    expect([late.status, late.body]).toEqual([201, created.body]);
    const runs: string[] = [];
    for await (const w of client.workflow.list({ query: `WorkflowId = '${code}'` })) runs.push(w.runId);
    expect(runs).toHaveLength(1);
    expect((await call('GET', `/api/v1/dossiers/${unit}-991231-0001`)).status).toBe(404);

    // The list, from visibility (eventually consistent).
    const listed = await eventually('the dossier in the list', async () => {
      const r = await call('GET', `/api/v1/dossiers?status=RETURNED&unit=${unit}`);
      return r.body.find((x: { code: string }) => x.code === code);
    });
    expect(listed).toMatchObject({ code, status: 'RETURNED', procedure: 'LT-KHAI-SINH-THUONG-TRU-BHYT', unit, closed: true, agencies: [] });
    const open = await eventually('the second dossier in the agency list', async () => {
      const r = await call('GET', `/api/v1/dossiers?status=SUBMITTED&unit=${unit}`);
      return r.body.length ? r.body : undefined;
    });
    expect(open.map((x: { code: string }) => x.code)).toEqual([other.body.code]);

    const received = await readTopic(code, (r) => r.length >= types.length);
    // Read back as a consumer would, with the contract's own decoder.
    const events = received.map((m) => fromCloudEvent(m.value));
    const messages = received.map((m) => JSON.parse(m.value) as { type: string; subject: string });
    expect(events.map((e) => e.event.type)).toEqual(types);
    expect(messages.map((m) => m.type)).toEqual(types.map((t) => `vn.motcua.dossier.${t}`));
    expect(events.map((e) => e.sequence)).toEqual(types.map((_, i) => i + 1));
    expect(events.map((e) => e.id)).toEqual(types.map((_, i) => `${code}:${i + 1}`));
    for (const [i, m] of received.entries()) {
      expect(m.key).toBe(code);
      expect(messages[i].subject).toBe(code);
      expect(m.headers['content-type']).toMatch(/^application\/cloudevents\+json/);
    }
    expect(events[events.length - 1].status).toBe('RETURNED');
    const wire = received.map((m) => m.value).join('\n');
    for (const personal of [applicant.name, applicant.idNumber, applicant.phone, applicant.address]) expect(wire).not.toContain(personal);
  });

  it('hands a three-stage dossier with a parallel group and a vertical-sector agency from unit to agency and back: every handoff on Kafka, on the control sheet and its PDF', async () => {
    const created = await call('POST', '/api/v1/dossiers', { procedureCode: 'XD-GIAY-PHEP-CONG-TRINH', channel: 'COUNTER', applicant, unit });
    expect(created.status).toBe(201);
    const code: string = created.body.code;
    const act = async (action: string, body: Record<string, unknown>, as: Principal) => {
      const r = await call('POST', `/api/v1/dossiers/${code}/${action}`, body, {}, as);
      expect([action, body.agency, r.status]).toEqual([action, body.agency, 200]);
    };
    await act('accept', {}, officer);
    await act('assign', { agency: 'SO_XAY_DUNG', officer: 'cb-xd-2' }, people.head('SO_XAY_DUNG'));
    await act('appraise', { agency: 'SO_XAY_DUNG' }, { ...people.officer('SO_XAY_DUNG'), sub: 'cb-xd-2' });
    await act('approve', { agency: 'SO_XAY_DUNG' }, people.head('SO_XAY_DUNG'));
    await act('complete', { agency: 'SO_XAY_DUNG' }, { ...people.officer('SO_XAY_DUNG'), sub: 'cb-xd-2' });
    // CONG_AN_TINH: the provincial police, the local office of a vertical central sector.
    await act('complete', { agency: 'CONG_AN_TINH' }, people.officer('CONG_AN_TINH'));
    await act('complete', { agency: 'SO_NONG_NGHIEP_MT' }, people.officer('SO_NONG_NGHIEP_MT'));
    await act('complete', { agency: 'SO_XAY_DUNG' }, people.officer('SO_XAY_DUNG'));
    await act('return', { channel: 'COUNTER' }, officer);

    const handoffs: [string, string, string][] = [
      [unit, 'SO_XAY_DUNG', 'PROCESS'],
      ['SO_XAY_DUNG', 'CONG_AN_TINH', 'PROCESS'],
      ['SO_XAY_DUNG', 'SO_NONG_NGHIEP_MT', 'PROCESS'],
      ['CONG_AN_TINH', 'SO_XAY_DUNG', 'PROCESS'],
      ['SO_NONG_NGHIEP_MT', 'SO_XAY_DUNG', 'PROCESS'],
      ['SO_XAY_DUNG', unit, 'RETURN_RESULT'],
    ];
    const sheet = await call('GET', `/api/v1/dossiers/${code}/control-sheet`);
    expect(sheet.status).toBe(200);
    expect(sheet.body.rows.map((r: { from: { unit: string }; to: { unit: string }; task: string }) => [r.from.unit, r.to.unit, r.task])).toEqual(handoffs);
    expect(sheet.body.rows[0]).toMatchObject({ from: { unit, officer: officer.sub }, to: { unit: 'SO_XAY_DUNG', officer: 'cb-xd-2' } });
    expect(sheet.body.rows[5].to.officer).toBe(officer.sub);
    for (const r of sheet.body.rows) {
      expect(r.outcome).toMatch(/^(EARLY|ON_TIME|LATE)$/);
      for (const at of [r.handedOverAt, r.dueAt, r.finishedAt]) expect(at).toMatch(/\+07:00$/);
    }
    const pdf = await fetch(`${url}/api/v1/dossiers/${code}/control-sheet?format=pdf`, { headers: { authorization: `Bearer ${await tokens.tokenFor(officer)}` } });
    expect([pdf.status, pdf.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    const text = await pdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(missingPhrases(text, ['PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ', `Mã hồ sơ: ${code}`, 'Nhận: Công an thành phố Hà Nội', 'Nhận: Đơn vị kiểm thử tích hợp'])).toEqual([]);

    // On Kafka: each handoff a DossierHandedOff of its own, with both parties, the instant, the
    // receiver's deadline and its task; the steps inside the first agency with their officers.
    const returned = (r: { value: string }[]) => r.some((m) => m.value.includes('"vn.motcua.dossier.ResultReturned"'));
    const published = (await readTopic(code, returned)).map((m) => fromCloudEvent(m.value));
    const handedOff = published.flatMap((r) => (r.event.type === 'DossierHandedOff' ? [r.event] : []));
    expect(handedOff.map((e) => [e.from.unit, e.to.unit, e.task])).toEqual(handoffs);
    expect(handedOff.map((e) => e.dueAt > e.at)).toEqual(handoffs.map(() => true));
    expect(handedOff[0]).toMatchObject({ from: { unit, officer: officer.sub }, fromMember: null, toMember: 0 });
    expect(handedOff[5]).toMatchObject({ fromMember: 3, toMember: null });
    expect(published.flatMap((r) => (r.event.type.startsWith('StagePartA') ? [[r.event.type, r.event.by.id]] : []))).toEqual([
      ['StagePartAssigned', 'ld-SO_XAY_DUNG'],
      ['StagePartAppraised', 'cb-xd-2'],
      ['StagePartApproved', 'ld-SO_XAY_DUNG'],
    ]);
  });

  it('registers a burst of 50 of one unit at once: every one answered, each its own code; a retry with its key gets its code again', async () => {
    // Bounded: 50 registrations and 10 retries, each one workflow start on the server of the run.
    const body = { procedureCode: 'LLTP-CAP-PHIEU', channel: 'COUNTER', applicant, unit };
    const keys = Array.from({ length: 50 }, (_, i) => `it-burst-${i}`);
    const burst = await Promise.all(keys.map((k) => call('POST', '/api/v1/dossiers', body, { 'Idempotency-Key': k })));
    expect(burst.map((r) => r.status)).toEqual(keys.map(() => 201));
    const codes = burst.map((r) => r.body.code as string);
    expect(new Set(codes).size).toBe(50);
    for (const code of codes) expect(code).toMatch(new RegExp(`^${unit.replace(/\./g, '\\.')}-\\d{6}-\\d{4}$`));
    const retried = await Promise.all(keys.slice(0, 10).map((k) => call('POST', '/api/v1/dossiers', body, { 'Idempotency-Key': k })));
    expect(retried.map((r) => [r.status, r.body.code])).toEqual(codes.slice(0, 10).map((c) => [201, c]));
  }, 120_000);

  it('a store that starts afresh beside Temporal (emptied, restored from a backup) continues the unit-day after the dossiers Temporal has', async () => {
    const before = await call('POST', '/api/v1/dossiers', { procedureCode: 'LLTP-CAP-PHIEU', channel: 'COUNTER', applicant, unit });
    expect(before.status).toBe(201);
    const config = apiConfigFromEnv({ ...process.env, APPLICANT_REF_SECRET: TEST_APPLICANT_REF_SECRET });
    const fresh = await createApiApp(AppModule.forRoot({ ...config, temporal, store: {} }, catalog, tokens.verifier), { logger: false, requestLog: false });
    try {
      await fresh.listen(0, '127.0.0.1');
      const freshUrl = (await fresh.getUrl()).replace('[::1]', '127.0.0.1');
      const res = await fetch(`${freshUrl}/api/v1/dossiers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokens.tokenFor(officer)}` },
        body: JSON.stringify({ procedureCode: 'LLTP-CAP-PHIEU', channel: 'COUNTER', applicant, unit }),
      });
      const body = (await res.json()) as { code: string };
      expect(res.status).toBe(201);
      const sequenceOf = (code: string) => Number(code.slice(-4));
      expect(sequenceOf(body.code)).toBeGreaterThan(sequenceOf(before.body.code as string));
    } finally {
      await fresh.close();
    }
  }, 120_000);
});
