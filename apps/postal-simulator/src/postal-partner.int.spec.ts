/**
 * Issue 9's done-when against the real API, Temporal and Kafka (infra/local/stack.sh), with the
 * worker placing and cancelling the postal orders itself (startLiveApp's `postal`): only the
 * officers' actions are done by hand. Then the post switched off, and the webhook's contract as
 * the partner's own signed requests meet it. Skips itself unless TEMPORAL_ADDRESS and
 * KAFKA_BROKERS are set, e.g.
 *   set -a; eval "$(MOTCUA_STATE_DIR=/tmp/s MOTCUA_FREE_PORTS=1 infra/local/stack.sh up)"; set +a
 *   npx jest -c apps/postal-simulator/jest.config.js postal-partner.int
 * Proven against the real stack elsewhere, so not repeated here: an unsigned request 401 and an
 * unknown dossier 404 (infra/local/npm-start.int.spec.ts), a forged or stale signature 401
 * (postal-simulator.int.spec.ts).
 */
import { toLocalIso } from '@motcua/calendar';
import { parseWebhookSecrets, signWebhook } from '@motcua/standard-webhooks';
import type { Principal } from '../../api/src/auth/principal';
import { freshUnit } from '../../api/src/testing/fresh-unit';
import { eventually, startLiveApp, type LiveApp } from '../../api/src/testing/start-live-app';
import { people } from '../../api/src/testing/test-tokens';
import { SECRET } from './testing/harness';
import { startLiveSimulator, type LiveSimulator } from './testing/live-simulator';

const enabled = Boolean(process.env.TEMPORAL_ADDRESS && process.env.KAFKA_BROKERS);
if (!enabled && process.env.MOTCUA_REQUIRE_INTEGRATION === '1') {
  throw new Error('integration tests required (npm test) but TEMPORAL_ADDRESS / KAFKA_BROKERS are not set');
}
jest.setTimeout(180_000);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, read freely
type Json = any;

(enabled ? describe : describe.skip)('the worker ordering from the postal simulator, through the API, Temporal and Kafka', () => {
  const { id, unit, catalog, officer } = freshUnit('X97', 'Đơn vị kiểm thử đối tác bưu chính');
  const applicant = { name: 'Lê Văn Cường', idNumber: '001190054321', phone: '0913444555', address: 'Số 12 Lý Thường Kiệt, Hà Nội' };

  let api: LiveApp;
  // Every callback sent twice, and every leg's reports out of order.
  let post: LiveSimulator;

  const call = (method: string, path: string, body?: unknown, as: Principal = officer) => api.call(method, path, body, as);
  const dossier = async (code: string) => (await call('GET', `/api/v1/dossiers/${code}`)).body;
  const reaches = (code: string, status: string) => eventually(`${code} ${status}`, async () => ((await dossier(code)).status === status ? true : undefined));
  const typesOf = (d: Json): string[] => d.events.map((e: { type: string }) => e.type);
  const countOf = (types: string[], type: string) => types.filter((t) => t === type).length;
  /** The post's orders as its order API lists them (GET /orders), this dossier's only. */
  const ordersOf = async (code: string) => ((await (await fetch(`${post.url}/orders`)).json()) as Json[]).filter((o) => o.dossierCode === code);

  async function postalDossier() {
    const created = await call('POST', '/api/v1/dossiers', { procedureCode: 'LLTP-CAP-PHIEU', channel: 'POSTAL', applicant, unit });
    expect([created.status, created.body.status]).toEqual([201, 'PICKUP_REQUESTED']);
    return created.body.code as string;
  }

  beforeAll(async () => {
    post = await startLiveSimulator({ seed: 'partner-it', duplicateRate: 1, reorderRate: 1 });
    api = await startLiveApp({ name: 'postal-partner-it', catalog, config: { postalWebhookSecrets: parseWebhookSecrets(SECRET) }, postal: { operatorUrl: post.url } });
  });

  afterAll(async () => {
    await post?.close();
    await api?.close();
  });

  it('the pickup request to DELIVERED with only the officers\' actions, every callback twice and reordered: one order per leg, nothing doubled', async () => {
    const code = await postalDossier();
    await reaches(code, 'SUBMITTED');
    // Every report of the pickup leg taken (copies and late ones included) before the officers act.
    await eventually('the pickup leg reported', async () => {
      const pickup = post.sim.order(`${code}:PICKUP:1`);
      return pickup && pickup.nextAt === null && pickup.deliveries.length === 0 ? true : undefined;
    });

    expect((await call('POST', `/api/v1/dossiers/${code}/accept`, {})).body.status).toBe('IN_PROCESSING');
    for (const agency of ['SO_TU_PHAP', 'CONG_AN_TINH']) {
      expect((await call('POST', `/api/v1/dossiers/${code}/complete`, { agency }, people.officer(agency))).status).toBe(200);
    }
    const handed = await call('POST', `/api/v1/dossiers/${code}/return`, { channel: 'POSTAL' });
    expect([handed.status, handed.body.status]).toEqual([200, 'OUT_FOR_DELIVERY']);
    await reaches(code, 'DELIVERED');
    await eventually('the delivery leg reported', async () => (post.sim.order(`${code}:RETURN:1`)?.deliveries.length === 0 ? true : undefined));
    await post.sim.settled();

    const orders = await ordersOf(code);
    expect(orders.map((o) => [o.orderRef, o.status]).sort()).toEqual([
      [`${code}:PICKUP:1`, 'HANDED_OVER'],
      [`${code}:RETURN:1`, 'DELIVERED'],
    ]);
    // Placed by the worker with the leg's key, its body the contract's (the simulator checks it:
    // the applicant's name, phone and address read from the store the API wrote, never the workflow's).
    const received = post.log.list().filter((e) => e.direction === 'received' && e.method === 'POST' && (e.body as Json).dossierCode === code);
    expect(received.map((e) => [e.headers['idempotency-key'], e.status])).toEqual([
      [`${code}:PICKUP:1`, 202],
      [`${code}:RETURN:1`, 201],
    ]);

    const d = await dossier(code);
    const types = typesOf(d);
    expect(Object.fromEntries(['PostalPickupRequested', 'PostalOrderPlaced', 'DossierSubmitted', 'PostalPickedUp', 'ResultDelivered'].map((t) => [t, countOf(types, t)]))).toEqual({
      PostalPickupRequested: 1,
      PostalOrderPlaced: 2,
      DossierSubmitted: 1,
      PostalPickedUp: 1,
      ResultDelivered: 1,
    });
    expect(d).toMatchObject({ status: 'DELIVERED', channel: 'POSTAL' });
    // What the post sent: the handover before the late pickup, each report twice, every copy taken
    // in the end (a copy still in flight at the API is answered 409 and sent again).
    const sent = post.log.list().filter((e) => e.direction === 'sent' && (e.body as Json).dossierCode === code);
    const firstTries = sent.filter((e) => !/attempt [2-9]/.test(e.note ?? ''));
    expect(firstTries.map((e) => (e.body as Json).type)).toEqual(['HANDED_OVER', 'HANDED_OVER', 'PICKED_UP', 'PICKED_UP', 'DELIVERED', 'DELIVERED']);
    const taken = sent.filter((e) => e.status === 200).map((e) => [(e.body as Json).type, (e.answer as Json).changed]);
    expect(taken.sort()).toEqual([['DELIVERED', true], ['DELIVERED', true], ['HANDED_OVER', true], ['HANDED_OVER', true], ['PICKED_UP', false], ['PICKED_UP', false]]);
    expect(sent.filter((e) => e.status !== 200).every((e) => e.status === 409 && (e.answer as Json).error.rule === 'POSTAL.EVENT_IN_FLIGHT')).toBe(true);
    expect(sent.some((e) => /abandoned/.test(e.note ?? ''))).toBe(false);
  });

  it('withdrawn while the pickup is pending: the worker cancels the order at the post, and no later report changes the dossier', async () => {
    // A post slow to come: the pickup leg's first step is ten minutes after the order.
    post.config.delayMs = 600_000;
    let code: string;
    try {
      code = await postalDossier();
      await eventually('the pickup order placed', async () => (countOf(typesOf(await dossier(code)), 'PostalOrderPlaced') === 1 ? true : undefined));
    } finally {
      post.config.delayMs = 300;
    }
    expect(post.sim.order(`${code}:PICKUP:1`)).toMatchObject({ status: 'PENDING', events: [] });

    const withdrawn = await call('POST', `/api/v1/dossiers/${code}/withdraw`, { reason: 'APPLICANT_REQUEST' });
    expect([withdrawn.status, withdrawn.body.status]).toEqual([200, 'WITHDRAWN']);
    await eventually('the order cancelled', async () => (countOf(typesOf(await dossier(code)), 'PostalOrderCancelled') === 1 ? true : undefined));
    expect((await ordersOf(code)).map((o) => [o.orderRef, o.status])).toEqual([[`${code}:PICKUP:1`, 'CANCELLED']]);
    const d = await dossier(code);

    // The post reporting a pickup anyway, signed: refused, the dossier has ended; nothing recorded.
    const late = await fetch(`${post.url}/admin/orders/${encodeURIComponent(`${code}:PICKUP:1`)}/events`, { method: 'POST', body: JSON.stringify({ type: 'PICKED_UP' }) });
    const answer = (await late.json()) as Json;
    expect([answer.status, answer.answer.error.rule]).toEqual([409, 'LIFECYCLE.DOSSIER_CLOSED']);
    const after = await dossier(code);
    expect([after.status, after.events.length]).toEqual(['WITHDRAWN', d.events.length]);
    // The cancelled order plays nothing more (its step was due in ten minutes, now never).
    expect(post.sim.order(`${code}:PICKUP:1`)).toMatchObject({ status: 'CANCELLED', nextAt: null });
  });

  describe('with the post off', () => {
    const webhook = () => `${api.url}/api/v1/postal/events`;
    let n = 0;
    /** The partner's request, signed with the API's secret (or raw text as it is given). */
    const send = async (body: Record<string, unknown> | string, eventId = typeof body === 'string' ? 'evt-raw' : String(body.eventId)) => {
      const raw = typeof body === 'string' ? body : JSON.stringify(body);
      const headers = { 'content-type': 'application/json', ...signWebhook(SECRET, eventId, Math.floor(Date.now() / 1000), raw) };
      const res = await fetch(webhook(), { method: 'POST', headers, body: raw });
      return { status: res.status, body: (await res.json()) as Json };
    };
    const event = (code: string, type: string, over: Record<string, unknown> = {}) => ({
      eventId: `evt-${id}-${++n}`,
      type,
      dossierCode: code,
      waybill: 'EN340902457VN',
      occurredAt: toLocalIso(Date.now()),
      ...over,
    });

    let code: string;
    beforeAll(async () => {
      // Off: its order API refuses connections; the worker's pickup order is retried meanwhile.
      await post.close();
      code = await postalDossier();
      // The reports below are dated after the dossier's registration (second precision).
      await new Promise((r) => setTimeout(r, 1100));
    });

    it('400 for what is not JSON or not the contract\'s, signed or not', async () => {
      const notJson = await send('{"eventId": ');
      expect([notJson.status, notJson.body.error.code]).toEqual([400, 'BAD_REQUEST']);
      const unknownType = await send(event(code, 'LOST'));
      expect(unknownType.status).toBe(400);
      const noCode = await send(event(code, 'PICKED_UP', { dossierCode: undefined }));
      expect(noCode.status).toBe(400);
      expect(countOf(typesOf(await dossier(code)), 'PostalPickedUp')).toBe(0);
    });

    it('409 with the rule for a type that contradicts the state, nothing recorded', async () => {
      const before = (await dossier(code)).events.length;
      const r = await send(event(code, 'DELIVERED'));
      expect([r.status, r.body.error.rule]).toEqual([409, 'POSTAL.STATE_CONTRADICTS']);
      expect((await dossier(code)).events.length).toBe(before);
    });

    it('the same event twice: 200 both times with the same answer, recorded once; its eventId with another body 422', async () => {
      const picked = event(code, 'PICKED_UP');
      const first = await send(picked);
      expect([first.status, first.body]).toEqual([200, { eventId: picked.eventId, dossierCode: code, type: 'PICKED_UP', status: 'PICKED_UP', changed: true }]);
      const again = await send(picked);
      expect([again.status, again.body]).toEqual([200, first.body]);
      expect(countOf(typesOf(await dossier(code)), 'PostalPickedUp')).toBe(1);

      const reused = await send({ ...picked, waybill: 'EE123456785VN' });
      expect([reused.status, reused.body.error.rule]).toEqual([422, 'POSTAL.EVENT_ID_REUSED']);
      const d = await dossier(code);
      expect([d.status, countOf(typesOf(d), 'PostalPickedUp')]).toEqual(['PICKED_UP', 1]);
    });
  });
});
