import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { Webhook } from 'standardwebhooks';
import type { RecordedEvent } from '@motcua/dossier';
import { parseWebhookSecrets, StandardWebhookVerifier } from '@motcua/standard-webhooks';
import { openStore, type Store } from '@motcua/store';
import { foldBatch } from '../projection/fold';
import { messageOf, scenarioLogs } from '../testing/scenario-events';
import { Projector } from '../projector';
import { AlertWebhookSender, alertWebhookFromEnv } from './alert-webhook-sender';

/**
 * The alerts' webhook on the embedded store (no Kafka): the fold fills the outbox once per event,
 * and the sender posts it, signed, to a local receiver that answers what each test tells it.
 */
const SECRET = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;
let store: Store;
let receiver: Server;
let url: string;
let answers: number[];
let received: { headers: IncomingHttpHeaders; body: string }[];

/** A dossier whose log raises a near-due or overdue alert, up to and including that alert. */
function logWithAlert(): RecordedEvent[] {
  for (const log of scenarioLogs()) {
    const i = log.events.findIndex((r) => r.event.type === 'AlertRaised' && (r.event.alert === 'NEAR_DUE' || r.event.alert === 'OVERDUE'));
    if (i >= 0) return log.events.slice(0, i + 1);
  }
  throw new Error('no scenario raises a near-due or overdue alert');
}

let offset = 0;
const fold = (events: readonly RecordedEvent[], enqueueAlerts: boolean) =>
  foldBatch(store.db, { group: 'g', topic: 't', partition: 0, messages: events.map((r) => ({ offset: String(offset++), value: messageOf(r) })), enqueueAlerts });

const outbox = () => store.db.selectFrom('alert_webhook_outbox').selectAll().orderBy('position').execute();
const queue = (...ids: string[]) =>
  store.db
    .insertInto('alert_webhook_outbox')
    .values(ids.map((id) => ({ event_id: id, dossier_code: 'X', body: JSON.stringify({ eventId: id, type: 'dossier.alert' }), raised_at: new Date(), last_error: null, settled_at: null })))
    .execute();

beforeAll(async () => {
  store = await openStore({});
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(answers.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/alerts`;
});
afterAll(async () => {
  receiver?.close();
  await store?.close();
});
beforeEach(async () => {
  offset = 0;
  answers = [];
  received = [];
  await sql`truncate rm_v1.rm_dossiers, rm_v1.rm_stage_members, rm_v1.rm_alerts, rm_v1.rm_apologies, rm_v1.rm_supplement_requests, rm_v1.rm_appointments, event_archive, projector_offsets, projector_gaps, projector_refused, alert_webhook_outbox`.execute(store.db);
});

describe('the outbox, filled by the fold', () => {
  it('holds one row per near-due or overdue alert, however often the event is folded', async () => {
    const events = logWithAlert();
    const alert = events[events.length - 1];
    await fold(events, true);
    await fold([alert], true);
    await fold(events, true);
    const rows = await outbox();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ event_id: alert.id, dossier_code: alert.code, status: 'PENDING', attempts: 0 });
    const body = JSON.parse(rows[0].body) as Record<string, unknown>;
    // Codes, agencies and instants: nothing about the applicant or an officer.
    expect(Object.keys(body).sort()).toEqual(['agency', 'alert', 'dossierCode', 'dueAt', 'eventId', 'raisedAt', 'scope', 'type']);
    expect(body).toMatchObject({ eventId: alert.id, type: 'dossier.alert', dossierCode: alert.code });
    expect(typeof body.agency).toBe('string');
    expect(body.raisedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+07:00$/);
    expect(body.dueAt).toMatch(/\+07:00$/);
    // The read model folded again from nothing (its tables and offsets emptied, the outbox kept,
    // as a rebuild or a restore would): the event id is already there, the row is not reset.
    await store.db.updateTable('alert_webhook_outbox').set({ status: 'SENT' }).execute();
    await sql`truncate rm_v1.rm_dossiers, rm_v1.rm_stage_members, rm_v1.rm_alerts, rm_v1.rm_apologies, rm_v1.rm_supplement_requests, rm_v1.rm_appointments, event_archive, projector_offsets`.execute(store.db);
    offset = 0;
    await fold(events, true);
    expect(await outbox()).toMatchObject([{ event_id: alert.id, status: 'SENT' }]);
  });

  it('stays empty when no webhook is configured', async () => {
    await fold(logWithAlert(), false);
    expect(await outbox()).toEqual([]);
    expect(alertWebhookFromEnv({})).toBeNull();
    expect(alertWebhookFromEnv({ ALERT_WEBHOOK_URL: ' ' })).toBeNull();
  });
});

describe('ALERT_WEBHOOK_URL and ALERT_WEBHOOK_SECRET', () => {
  it('refuse to start with a URL but no valid secret, or a URL that is not http(s)', () => {
    expect(() => alertWebhookFromEnv({ ALERT_WEBHOOK_URL: url })).toThrow(/ALERT_WEBHOOK_SECRET/);
    expect(() => alertWebhookFromEnv({ ALERT_WEBHOOK_URL: url, ALERT_WEBHOOK_SECRET: 'whsec_c2hvcnQ=' })).toThrow(/ALERT_WEBHOOK_SECRET/);
    expect(() => alertWebhookFromEnv({ ALERT_WEBHOOK_URL: 'ftp://x', ALERT_WEBHOOK_SECRET: SECRET })).toThrow(/http/);
    expect(alertWebhookFromEnv({ ALERT_WEBHOOK_URL: url, ALERT_WEBHOOK_SECRET: SECRET })).toEqual({ url, secret: SECRET });
  });
});

describe('the sender', () => {
  it('posts the folded alert signed with Standard Webhooks headers that both verifiers accept', async () => {
    const events = logWithAlert();
    await fold(events, true);
    const sender = new AlertWebhookSender({ db: store.db, url, secret: SECRET });
    expect(await sender.sendDue()).toBe(1);
    expect(received).toHaveLength(1);
    const { headers, body } = received[0];
    expect(headers['webhook-id']).toBe(events[events.length - 1].id);
    expect(headers['content-type']).toBe('application/json');
    const [row] = await outbox();
    expect(body).toBe(row.body);
    const h = { id: String(headers['webhook-id']), timestamp: String(headers['webhook-timestamp']), signature: String(headers['webhook-signature']) };
    expect(new StandardWebhookVerifier(parseWebhookSecrets(SECRET)).verify(h, Buffer.from(body), Date.now())).toEqual({ ok: true });
    expect(new Webhook(SECRET).verify(body, { 'webhook-id': h.id, 'webhook-timestamp': h.timestamp, 'webhook-signature': h.signature })).toMatchObject({ type: 'dossier.alert' });
    expect(row).toMatchObject({ status: 'SENT', attempts: 1, last_error: null });
    expect(await sender.sendDue()).toBe(0);
    expect(received).toHaveLength(1);
  });

  it('retries a 500 after its back-off, the alerts behind it waiting, and delivers each once in order', async () => {
    await queue('a', 'b');
    let now = Date.now();
    const sender = new AlertWebhookSender({ db: store.db, url, secret: SECRET, now: () => now, backoff: { firstMs: 1000, maxMs: 60_000 } });
    answers = [500];
    expect(await sender.sendDue()).toBe(0);
    expect(received.map((r) => r.headers['webhook-id'])).toEqual(['a']);
    expect(await outbox()).toMatchObject([{ event_id: 'a', status: 'PENDING', attempts: 1, last_error: 'HTTP 500' }, { event_id: 'b', status: 'PENDING', attempts: 0 }]);
    // Before the back-off ends: nothing, not even b (the order of raising is kept).
    now += 999;
    expect(await sender.sendDue()).toBe(0);
    expect(received).toHaveLength(1);
    now += 1;
    expect(await sender.sendDue()).toBe(2);
    expect(received.map((r) => r.headers['webhook-id'])).toEqual(['a', 'a', 'b']);
    expect(await outbox()).toMatchObject([{ event_id: 'a', status: 'SENT', attempts: 2 }, { event_id: 'b', status: 'SENT', attempts: 1 }]);
    expect(await sender.sendDue()).toBe(0);
    expect(received).toHaveLength(3);
  });

  it('retries a network error, and doubles the back-off', async () => {
    await queue('a');
    let now = Date.now();
    const closed = `http://127.0.0.1:1/alerts`;
    const sender = new AlertWebhookSender({ db: store.db, url: closed, secret: SECRET, now: () => now, backoff: { firstMs: 1000, maxMs: 60_000 } });
    await sender.sendDue();
    now += 1000;
    await sender.sendDue();
    const [row] = await outbox();
    expect(row).toMatchObject({ status: 'PENDING', attempts: 2 });
    expect(row.next_attempt_at.getTime()).toBe(now + 2000);
  });

  it('retries a 408 and a 429 (the receiver asks to come back), as a 5xx', async () => {
    await queue('a');
    let now = Date.now();
    const sender = new AlertWebhookSender({ db: store.db, url, secret: SECRET, now: () => now, backoff: { firstMs: 10, maxMs: 10 } });
    answers = [408, 429, 204];
    for (let i = 0; i < 3; i++, now += 10) await sender.sendDue();
    expect(received).toHaveLength(3);
    expect(await outbox()).toMatchObject([{ event_id: 'a', status: 'SENT', attempts: 3 }]);
  });

  it('marks a 400 failed, keeps it, never sends it again, and goes on with the next', async () => {
    await queue('a', 'b');
    answers = [400];
    const sender = new AlertWebhookSender({ db: store.db, url, secret: SECRET });
    expect(await sender.sendDue()).toBe(1);
    expect(await sender.sendDue()).toBe(0);
    expect(received.map((r) => r.headers['webhook-id'])).toEqual(['a', 'b']);
    expect(await outbox()).toMatchObject([{ event_id: 'a', status: 'FAILED', attempts: 1, last_error: 'HTTP 400' }, { event_id: 'b', status: 'SENT' }]);
  });

  it('counts sent, failed and pending in the projector\'s /metrics, only when configured', async () => {
    await queue('a', 'b', 'c');
    answers = [400, 200, 503];
    const alerts = new AlertWebhookSender({ db: store.db, url, secret: SECRET });
    await alerts.sendDue();
    const subscriber = { subscribeBatches: jest.fn() };
    const text = await new Projector({ db: store.db, subscriber, topic: 't', group: 'g', alerts }).metrics();
    expect(text).toContain('motcua_alert_webhook_sent_total 1\n');
    expect(text).toContain('motcua_alert_webhook_failed_total 1\n');
    expect(text).toContain('motcua_alert_webhook_pending 1\n');
    expect(await new Projector({ db: store.db, subscriber, topic: 't', group: 'g' }).metrics()).not.toContain('alert_webhook');
  });

  it('start() sends in the background until stop()', async () => {
    await queue('a');
    const sender = new AlertWebhookSender({ db: store.db, url, secret: SECRET, pollMs: 10 });
    sender.start();
    for (let i = 0; i < 100 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    await sender.stop();
    expect(received).toHaveLength(1);
    expect((await outbox())[0].status).toBe('SENT');
  });
});
