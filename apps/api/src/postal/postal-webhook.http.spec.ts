import { MemoryAuditLog, MemoryPostalEvents } from '@motcua/store';
import type { DossierView } from '@motcua/dossier';
import { InMemoryDossierGateway } from '../testing/in-memory-dossier-gateway';
import { people } from '../testing/test-tokens';
import { startTestApp, type TestApp } from '../testing/start-test-app';
import { parseWebhookSecrets, signWebhook } from '@motcua/standard-webhooks';

/**
 * POST /api/v1/postal/events, in process with the in-memory gateway: every row of the contract's
 * answers table, in its order of checks. Time is the injected clock, never today's.
 */
const KEY_A = `whsec_${Buffer.alloc(32, 1).toString('base64')}`;
const KEY_B = `whsec_${Buffer.alloc(32, 2).toString('base64')}`;
const KEY_OTHER = `whsec_${Buffer.alloc(32, 3).toString('base64')}`;
const at = (local: string) => Date.parse(`${local}+07:00`);
const T0 = at('2026-03-03T09:00:00'); // Tuesday
const applicant = { name: 'Nguyễn Văn An', idNumber: '001203004567', phone: '0912 345 678', address: 'Số 1 Tràng Tiền, Hà Nội' };
const WAYBILL = 'EN340902457VN';

let now = T0;
let gateway: InMemoryDossierGateway;
let postalEvents: MemoryPostalEvents;
let audit: MemoryAuditLog;
let t: TestApp;
let code: string;
let n = 0;

async function start(secrets: string | null = `${KEY_A},${KEY_B}`, gw: InMemoryDossierGateway = new InMemoryDossierGateway(() => now)) {
  gateway = gw;
  postalEvents = new MemoryPostalEvents();
  audit = new MemoryAuditLog();
  t = await startTestApp({ gateway, postalEvents, audit, clock: { now: () => now }, config: { postalWebhookSecrets: secrets ? parseWebhookSecrets(secrets) : null } });
  code = (await t.call('POST', '/api/v1/dossiers', { procedureCode: 'LLTP-CAP-PHIEU', channel: 'POSTAL', applicant })).body.code;
}

beforeEach(async () => {
  now = T0;
  await start();
});
afterEach(() => t.close());

type Body = Record<string, unknown>;
const event = (type: string, occurredAt: string, over: Body = {}): Body => ({
  eventId: `evt-${++n}`,
  type,
  dossierCode: code,
  waybill: WAYBILL,
  occurredAt: `${occurredAt}+07:00`,
  ...over,
});

/** Sends `body` (or raw text) signed with `key` at the clock's time, unless the options say otherwise. */
async function send(body: Body | string, o: { key?: string; id?: string; ts?: number; headers?: Record<string, string>; drop?: string } = {}) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const id = o.id ?? (typeof body === 'string' ? 'raw-1' : String(body.eventId));
  const signed: Record<string, string> = { ...signWebhook(o.key ?? KEY_A, id, o.ts ?? Math.floor(now / 1000), raw), ...o.headers };
  if (o.drop) delete signed[o.drop];
  return t.call('POST', '/api/v1/postal/events', raw, { 'content-type': 'application/json', ...signed }, null);
}

const events = () => gateway.dossiers.get(code)!.events.map((r) => r.event);
const status = async () => (await gateway.read(code)).view.status;

/** The dossier through the post's handover, processing and back out to the post for delivery. */
async function outForDelivery() {
  now = at('2026-03-04T09:05:00');
  expect((await send(event('HANDED_OVER', '2026-03-04T09:00:00'))).status).toBe(200);
  now = at('2026-03-04T10:00:00');
  expect((await t.call('POST', `/api/v1/dossiers/${code}/accept`, {})).status).toBe(200);
  for (const agency of ['SO_TU_PHAP', 'CONG_AN_TINH']) {
    expect((await t.call('POST', `/api/v1/dossiers/${code}/complete`, { agency }, {}, people.officer(agency))).status).toBe(200);
  }
  now = at('2026-03-05T10:00:00');
  const r = await t.call('POST', `/api/v1/dossiers/${code}/return`, { channel: 'POSTAL' });
  expect([r.status, r.body.status]).toEqual([200, 'OUT_FOR_DELIVERY']);
}

describe('401: the signature, checked first', () => {
  it('refuses a request missing any of the three headers', async () => {
    for (const drop of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
      const r = await send(event('PICKED_UP', '2026-03-03T08:00:00'), { drop });
      expect([drop, r.status, r.body.error.rule]).toEqual([drop, 401, 'POSTAL.SIGNATURE_HEADERS_MISSING']);
    }
  });

  it('refuses a timestamp more than 300 s from now, either way, and accepts one within', async () => {
    now = at('2026-03-03T10:00:00');
    const s = Math.floor(now / 1000);
    for (const ts of [s - 301, s + 301]) {
      const r = await send(event('PICKED_UP', '2026-03-03T09:30:00'), { ts });
      expect([r.status, r.body.error.rule]).toEqual([401, 'POSTAL.TIMESTAMP_OUT_OF_TOLERANCE']);
    }
    expect((await send(event('PICKED_UP', '2026-03-03T09:30:00'), { ts: s - 299 })).status).toBe(200);
    expect((await send(event('PICKED_UP', '2026-03-03T09:30:00'), { ts: s + 299 })).status).toBe(200);
  });

  it('refuses a signature by another key, or of other bytes', async () => {
    now = at('2026-03-03T10:00:00');
    const body = event('PICKED_UP', '2026-03-03T09:30:00');
    expect((await send(body, { key: KEY_OTHER })).body.error.rule).toBe('POSTAL.SIGNATURE_INVALID');
    // Signed for one body, sent with another (the same JSON, re-serialised): the bytes are what count.
    const signed = signWebhook(KEY_A, String(body.eventId), Math.floor(now / 1000), JSON.stringify(body));
    const r = await t.call('POST', '/api/v1/postal/events', JSON.stringify(body, null, 1), { 'content-type': 'application/json', ...signed }, null);
    expect([r.status, r.body.error.rule]).toEqual([401, 'POSTAL.SIGNATURE_INVALID']);
    expect(events().some((e) => e.type === 'PostalPickedUp')).toBe(false);
  });

  it('verifies the raw bytes as sent: whitespace and key order the signer chose are kept', async () => {
    now = at('2026-03-03T10:00:00');
    const body = event('PICKED_UP', '2026-03-03T09:30:00');
    const r = await send(JSON.stringify(body, null, 2), { id: String(body.eventId) });
    expect([r.status, r.body.status]).toEqual([200, 'PICKED_UP']);
  });

  it('accepts any secret of the rotation, and any one matching signature of several', async () => {
    now = at('2026-03-03T10:00:00');
    const body = event('PICKED_UP', '2026-03-03T09:30:00');
    const raw = JSON.stringify(body);
    const ts = Math.floor(now / 1000);
    const good = signWebhook(KEY_B, String(body.eventId), ts, raw)['webhook-signature'];
    const bad = signWebhook(KEY_OTHER, String(body.eventId), ts, raw)['webhook-signature'];
    // Other versions (v1a: asymmetric) are skipped, not an error.
    const r = await send(body, { headers: { 'webhook-signature': `v1a,AAAA ${bad} ${good}` } });
    expect([r.status, r.body.status]).toEqual([200, 'PICKED_UP']);
    expect((await send(event('PICKED_UP', '2026-03-03T09:31:00'), { headers: { 'webhook-signature': `v1a,AAAA ${bad}` } })).status).toBe(401);
  });

  it('is anonymous: a bearer token is neither needed nor enough', async () => {
    now = at('2026-03-03T10:00:00');
    const r = await t.call('POST', '/api/v1/postal/events', JSON.stringify(event('PICKED_UP', '2026-03-03T09:30:00')), { 'content-type': 'application/json' }, people.operations());
    expect([r.status, r.body.error.rule]).toEqual([401, 'POSTAL.SIGNATURE_HEADERS_MISSING']);
  });
});

describe('413: the size, after the signature', () => {
  it('refuses a signed body over 64 kB; an unsigned one is 401 first', async () => {
    const big = event('PICKED_UP', '2026-03-03T08:00:00', { partnerStatus: 'X', padding: 'x'.repeat(64 * 1024) });
    expect((await send(big)).status).toBe(413);
    expect((await send(big, { key: KEY_OTHER })).status).toBe(401);
    // Past what is read at all: refused unread.
    expect((await send(event('PICKED_UP', '2026-03-03T08:00:00', { padding: 'x'.repeat(300 * 1024) }))).status).toBe(413);
  });

  it('accepts a body just under the limit', async () => {
    now = at('2026-03-03T10:00:00');
    const body = event('PICKED_UP', '2026-03-03T09:30:00', { padding: '' });
    body.padding = 'x'.repeat(64 * 1024 - JSON.stringify(body).length);
    expect(JSON.stringify(body).length).toBe(64 * 1024);
    expect((await send(body)).status).toBe(200);
  });
});

describe('400: the body', () => {
  beforeEach(() => {
    now = at('2026-03-03T10:00:00');
  });

  it('refuses what is not JSON, or not the contract\'s fields', async () => {
    expect((await send('{"eventId": ', { id: 'x-1' })).status).toBe(400);
    for (const broken of [{ type: 'LOST' }, { occurredAt: '2026-03-03T09:30:00' }, { dossierCode: undefined }, { reason: 'free text naming someone' }, { attempt: 0 }]) {
      const r = await send(event('PICKED_UP', '2026-03-03T09:30:00', broken));
      expect([JSON.stringify(broken), r.status]).toEqual([JSON.stringify(broken), 400]);
    }
  });

  it('refuses a webhook-id other than the eventId', async () => {
    const r = await send(event('PICKED_UP', '2026-03-03T09:30:00'), { id: 'evt-other' });
    expect([r.status, r.body.error.rule]).toEqual([400, 'POSTAL.WEBHOOK_ID_MISMATCH']);
  });

  it('refuses a waybill that is not S10 or whose check digit is wrong', async () => {
    for (const waybill of ['EN340902458VN', 'EN34090245VN', 'en340902457vn', 'EN-340902457']) {
      const r = await send(event('PICKED_UP', '2026-03-03T09:30:00', { waybill }));
      expect([waybill, r.status, r.body.error.message]).toEqual([waybill, 400, expect.stringContaining('waybill')]);
    }
  });

  it('refuses an occurredAt in the future, even by a second', async () => {
    const r = await send(event('PICKED_UP', '2026-03-03T10:00:01'));
    expect([r.status, r.body.error.rule]).toEqual([400, 'POSTAL.OCCURRED_IN_FUTURE']);
    expect((await send(event('PICKED_UP', '2026-03-03T10:00:00'))).status).toBe(200);
  });

  it('checks the body before the dossier: a malformed event for an unknown dossier is 400', async () => {
    expect((await send(event('PICKED_UP', '2026-03-03T09:30:00', { dossierCode: '000.00.00.H26-260303-0999', waybill: 'EN340902458VN' }))).status).toBe(400);
  });
});

describe('404: the dossier', () => {
  it('answers 404 for an unknown dossier, and for what is no dossier code', async () => {
    now = at('2026-03-03T10:00:00');
    for (const dossierCode of ['000.00.00.H26-260303-0999', 'not-a-code']) {
      expect((await send(event('PICKED_UP', '2026-03-03T09:30:00', { dossierCode }))).status).toBe(404);
    }
  });
});

describe('de-duplication by eventId and the body', () => {
  beforeEach(() => {
    now = at('2026-03-03T10:00:00');
  });

  it('answers a repeat of the same event 200 with the first answer, and records nothing new', async () => {
    const body = event('PICKED_UP', '2026-03-03T09:30:00');
    const first = await send(body);
    expect([first.status, first.body]).toEqual([200, { eventId: body.eventId, dossierCode: code, type: 'PICKED_UP', status: 'PICKED_UP', changed: true }]);
    const count = events().length;
    now = at('2026-03-05T10:00:00'); // days later: de-duplication does not expire
    const again = await send(body);
    expect([again.status, again.body]).toEqual([200, first.body]);
    expect(events()).toHaveLength(count);
  });

  it('answers 422 for the same eventId with another body', async () => {
    const body = event('PICKED_UP', '2026-03-03T09:30:00');
    await send(body);
    const r = await send({ ...body, partnerStatus: 'PHAT_LAI' });
    expect([r.status, r.body.error.rule]).toEqual([422, 'POSTAL.EVENT_ID_REUSED']);
  });

  it('answers 409 while the first delivery of the event is still being processed', async () => {
    await t.close();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    class SlowGateway extends InMemoryDossierGateway {
      override async execute(...args: Parameters<InMemoryDossierGateway['execute']>): Promise<DossierView> {
        if (args[1] === 'postalPickedUp') await held;
        return super.execute(...args);
      }
    }
    await start(`${KEY_A},${KEY_B}`, new SlowGateway(() => now));
    const body = event('PICKED_UP', '2026-03-03T09:30:00');
    const first = send(body);
    // The first is waiting on the dossier once its claim is recorded.
    for (let i = 0; i < 50 && postalEvents.rows.size === 0; i++) await new Promise((r) => setTimeout(r, 10));
    const second = await send(body);
    expect([second.status, second.body.error.rule]).toEqual([409, 'POSTAL.EVENT_IN_FLIGHT']);
    release();
    expect((await first).status).toBe(200);
    expect((await send(body)).status).toBe(200);
    expect(events().filter((e) => e.type === 'PostalPickedUp')).toHaveLength(1);
  });
});

describe('the event as the dossier\'s update', () => {
  it('PICKED_UP: PICKUP_REQUESTED → PICKED_UP, the waybill recorded, given by the postal operator at occurredAt', async () => {
    now = at('2026-03-03T10:00:00');
    const r = await send(event('PICKED_UP', '2026-03-03T09:30:00'));
    expect([r.status, r.body.status, r.body.changed]).toEqual([200, 'PICKED_UP', true]);
    expect(events().at(-1)).toMatchObject({ type: 'PostalPickedUp', waybill: WAYBILL, at: at('2026-03-03T09:30:00'), by: { id: 'vnpost', role: 'POSTAL_OPERATOR', agency: 'VNPOST' } });
  });

  it('HANDED_OVER: → SUBMITTED (POSTAL), the signed handover instant is the submission instant', async () => {
    now = at('2026-03-06T16:10:00');
    const r = await send(event('HANDED_OVER', '2026-03-06T16:00:00'));
    expect([r.status, r.body.status]).toEqual([200, 'SUBMITTED']);
    expect(events().at(-1)).toMatchObject({ type: 'DossierSubmitted', channel: 'POSTAL', waybill: WAYBILL, at: at('2026-03-06T16:00:00') });
    expect((await gateway.read(code)).view.channel).toBe('POSTAL');
  });

  it('a late event already implied by the state (PICKED_UP after HANDED_OVER): 200, recorded, state unchanged', async () => {
    now = at('2026-03-04T09:05:00');
    await send(event('HANDED_OVER', '2026-03-04T09:00:00'));
    const count = events().length;
    const r = await send(event('PICKED_UP', '2026-03-03T15:00:00'));
    expect([r.status, r.body.status, r.body.changed]).toEqual([200, 'SUBMITTED', false]);
    expect(events()).toHaveLength(count + 1);
    expect(events().at(-1)).toMatchObject({ type: 'PostalPickedUp' });
  });

  it('a type that contradicts the state: 409 with the rule, nothing recorded, and the event not remembered', async () => {
    now = at('2026-03-03T10:00:00');
    const delivered = event('DELIVERED', '2026-03-03T09:30:00');
    const count = events().length;
    const r = await send(delivered);
    expect([r.status, r.body.error.rule]).toEqual([409, 'POSTAL.STATE_CONTRADICTS']);
    const failed = await send(event('DELIVERY_ATTEMPT_FAILED', '2026-03-03T09:40:00'));
    expect([failed.status, failed.body.error.rule]).toEqual([409, 'POSTAL.STATE_CONTRADICTS']);
    expect(events()).toHaveLength(count);
    expect(await status()).toBe('PICKUP_REQUESTED');
    // Not remembered: the partner's retry, once the dossier is out for delivery, applies in order.
    await outForDelivery();
    now = at('2026-03-06T11:00:00');
    const retried = await send({ ...delivered, occurredAt: '2026-03-06T10:30:00+07:00' }, { id: String(delivered.eventId) });
    // (with another body, which a remembered answer would have refused 422)
    expect([retried.status, retried.body.status]).toEqual([200, 'DELIVERED']);
  });

  it('a refused event is judged again when retried unchanged: dated before the dossier\'s last event, it is never applied out of order', async () => {
    now = at('2026-03-03T10:00:00');
    const body = event('DELIVERED', '2026-03-03T09:30:00');
    expect((await send(body)).status).toBe(409);
    await outForDelivery();
    // The same delivery again (same bytes): still dated before the dossier went out, so refused by time order.
    now = at('2026-03-06T11:00:00');
    const r = await send(body);
    expect([r.status, r.body.error.rule]).toEqual([409, 'LIFECYCLE.TIME_OUT_OF_ORDER']);
    expect(await status()).toBe('OUT_FOR_DELIVERY');
  });

  it('DELIVERED: OUT_FOR_DELIVERY → DELIVERED', async () => {
    await outForDelivery();
    now = at('2026-03-06T11:00:00');
    const r = await send(event('DELIVERED', '2026-03-06T10:30:00'));
    expect([r.status, r.body.status]).toEqual([200, 'DELIVERED']);
  });

  it('DELIVERY_ATTEMPT_FAILED: counted per the 2-working-day rule; the second counted attempt → AWAITING_COLLECTION; then RETURNED_TO_SENDER is implied', async () => {
    await outForDelivery();
    now = at('2026-03-10T18:00:00');
    // Friday: counted (1st). Monday: 1 working day after, not counted. Tuesday: 2 after Friday, counted (2nd).
    expect((await send(event('DELIVERY_ATTEMPT_FAILED', '2026-03-06T10:00:00', { attempt: 1, reason: 'RECIPIENT_ABSENT' }))).body.status).toBe('OUT_FOR_DELIVERY');
    expect((await send(event('DELIVERY_ATTEMPT_FAILED', '2026-03-09T10:00:00', { attempt: 2 }))).body.status).toBe('OUT_FOR_DELIVERY');
    const second = await send(event('DELIVERY_ATTEMPT_FAILED', '2026-03-10T10:00:00', { attempt: 3 }));
    expect([second.status, second.body.status, second.body.changed]).toEqual([200, 'AWAITING_COLLECTION', true]);
    expect(events().filter((e) => e.type === 'DeliveryAttemptFailed').map((e) => (e as { counted: boolean }).counted)).toEqual([true, false, true]);
    const back = await send(event('RETURNED_TO_SENDER', '2026-03-10T17:00:00'));
    expect([back.status, back.body.status, back.body.changed]).toEqual([200, 'AWAITING_COLLECTION', false]);
    expect(events().at(-1)).toMatchObject({ type: 'ResultBackAtUnit', reason: 'RETURNED_TO_SENDER' });
  });

  it('RETURNED_TO_SENDER: OUT_FOR_DELIVERY → AWAITING_COLLECTION', async () => {
    await outForDelivery();
    now = at('2026-03-06T11:00:00');
    const r = await send(event('RETURNED_TO_SENDER', '2026-03-06T10:30:00'));
    expect([r.status, r.body.status, r.body.changed]).toEqual([200, 'AWAITING_COLLECTION', true]);
  });
});

describe('operations', () => {
  it('answers 503 with a rule when no secret is configured, whatever the request', async () => {
    await t.close();
    await start(null);
    const r = await send(event('PICKED_UP', '2026-03-03T08:00:00'));
    expect([r.status, r.body.error.rule]).toEqual([503, 'POSTAL.WEBHOOK_NOT_CONFIGURED']);
  });

  it('audits every delivery, refused or not: anonymous (signed, no token), about the dossier, with the outcome; never the body', async () => {
    now = at('2026-03-03T10:00:00');
    await send(event('PICKED_UP', '2026-03-03T09:30:00'), { headers: { 'X-Request-Id': 'postal-req-1' } });
    await send(event('DELIVERED', '2026-03-03T09:40:00'), { headers: { 'X-Request-Id': 'postal-req-2' } });
    await send(event('DELIVERED', '2026-03-03T09:40:00'), { key: KEY_OTHER, headers: { 'X-Request-Id': 'postal-req-3' } });
    await new Promise((r) => setTimeout(r, 20)); // entries are appended when the answer has gone
    const entries = await audit.find({ limit: 50 });
    const action = 'POST /api/v1/postal/events';
    expect(entries.find((e) => e.requestId === 'postal-req-1')).toMatchObject({ actorId: 'anonymous', action, target: code, outcome: 200, personalData: false });
    expect(entries.find((e) => e.requestId === 'postal-req-2')).toMatchObject({ action, target: code, outcome: 409 });
    expect(entries.find((e) => e.requestId === 'postal-req-3')).toMatchObject({ action, target: null, outcome: 401 });
    expect(JSON.stringify(entries)).not.toContain(WAYBILL);
  });
});
