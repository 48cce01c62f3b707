/**
 * The postal simulator against the real API, Temporal and Kafka (infra/local/stack.sh): orders
 * placed on the simulator as the worker will place them, its signed callbacks received by the
 * API's webhook, duplicates and reordering on. Skips itself unless TEMPORAL_ADDRESS and
 * KAFKA_BROKERS are set, e.g.
 *   set -a; eval "$(MOTCUA_STATE_DIR=/tmp/s MOTCUA_FREE_PORTS=1 infra/local/stack.sh up)"; set +a
 *   npx jest -c apps/postal-simulator/jest.config.js postal-simulator.int
 * The API and a worker run in this process, the worker on a private task queue, the dossiers under
 * a unit of their own, so a re-run starts from fresh workflows.
 */
import { isS10Waybill } from '@motcua/contracts';
import { parseWebhookSecrets } from '@motcua/standard-webhooks';
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

(enabled ? describe : describe.skip)('the postal simulator against the API, Temporal and Kafka', () => {
  const { unit, catalog, officer } = freshUnit('X98', 'Đơn vị kiểm thử bưu chính');
  const applicant = { name: 'Trần Thị Bích', idNumber: '001190012345', phone: '0913222333', address: 'Số 5 Hàng Bài, Hà Nội' };
  const party = { kind: 'APPLICANT', name: applicant.name, address: applicant.address, phone: applicant.phone, unit: null };
  const oneStopUnit = { kind: 'UNIT', name: 'Bộ phận Một cửa', address: null, phone: null, unit: '000.00.00.H26' };

  let api: LiveApp;
  let url: string;
  // Duplicates and reordering on every step; another post whose every delivery attempt fails.
  let post: LiveSimulator;
  let failingPost: LiveSimulator;

  const call = (method: string, path: string, body?: unknown, as: Principal = officer) => api.call(method, path, body, as);
  const statusOf = async (code: string) => (await call('GET', `/api/v1/dossiers/${code}`)).body.status as string;
  const reaches = (code: string, status: string) => eventually(`${code} ${status}`, async () => ((await statusOf(code)) === status ? true : undefined));

  /** An order placed as the worker will: the key of the leg's run, the API's webhook as callback. */
  async function order(sim: LiveSimulator, code: string, leg: 'PICKUP' | 'RETURN') {
    const body = {
      orderRef: `${code}:${leg}:1`,
      leg,
      dossierCode: code,
      service: 'DOSSIER',
      sender: leg === 'PICKUP' ? party : oneStopUnit,
      receiver: leg === 'PICKUP' ? oneStopUnit : party,
      documentCount: 2,
      callbackUrl: `${url}/api/v1/postal/events`,
    };
    const res = await fetch(`${sim.url}/orders`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': `${code}:${leg}:1` }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Json };
  }

  /** A postal dossier through the post's pickup leg, then processed and handed back to the post. */
  async function throughPickupToPost(sim: LiveSimulator) {
    const created = await call('POST', '/api/v1/dossiers', { procedureCode: 'LLTP-CAP-PHIEU', channel: 'POSTAL', applicant, unit });
    expect([created.status, created.body.status]).toEqual([201, 'PICKUP_REQUESTED']);
    const code: string = created.body.code;
    const placed = await order(sim, code, 'PICKUP');
    expect([placed.status, placed.body]).toEqual([202, { orderRef: `${code}:PICKUP:1`, status: 'PENDING' }]);
    await reaches(code, 'SUBMITTED');
    // Every report of the leg taken before the officers act, so the dossier's log is the same on every run.
    await eventually('the pickup leg reported', async () => (sim.sim.order(`${code}:PICKUP:1`)!.deliveries.length === 0 && sim.sim.order(`${code}:PICKUP:1`)!.nextAt === null ? true : undefined));

    expect((await call('POST', `/api/v1/dossiers/${code}/accept`, {})).body.status).toBe('IN_PROCESSING');
    for (const agency of ['SO_TU_PHAP', 'CONG_AN_TINH']) {
      expect((await call('POST', `/api/v1/dossiers/${code}/complete`, { agency }, people.officer(agency))).status).toBe(200);
    }
    const handed = await call('POST', `/api/v1/dossiers/${code}/return`, { channel: 'POSTAL' });
    expect([handed.status, handed.body.status]).toEqual([200, 'OUT_FOR_DELIVERY']);
    return code;
  }

  beforeAll(async () => {
    api = await startLiveApp({ name: 'postal-sim-it', catalog, config: { postalWebhookSecrets: parseWebhookSecrets(SECRET) } });
    url = api.url;
    post = await startLiveSimulator({ seed: 'it', duplicateRate: 1, reorderRate: 1 });
    failingPost = await startLiveSimulator({ seed: 'it', duplicateRate: 1, failedAttemptRate: 1, attemptGapMs: 500 });
  });

  afterAll(async () => {
    await post?.close();
    await failingPost?.close();
    await api?.close();
  });

  it('picks up (HANDED_OVER before a late PICKED_UP, each twice) → SUBMITTED; a delivery order → DELIVERED; nothing doubled, nothing abandoned', async () => {
    const code = await throughPickupToPost(post);
    const placed = await order(post, code, 'RETURN');
    expect(placed.status).toBe(201);
    expect(isS10Waybill(placed.body.waybill)).toBe(true);
    await reaches(code, 'DELIVERED');
    // A copy answered 409 (still in flight at the API) waits for its retry, no request in flight meanwhile.
    await eventually('the delivery leg reported', async () => (post.sim.order(`${code}:RETURN:1`)!.deliveries.length === 0 ? true : undefined));
    await post.sim.settled();

    const dossier = (await call('GET', `/api/v1/dossiers/${code}`)).body;
    const types = dossier.events.map((e: { type: string }) => e.type);
    expect(types.filter((t: string) => t.startsWith('Postal') || t === 'DossierSubmitted' || t === 'ResultDelivered')).toEqual([
      'PostalPickupRequested',
      'DossierSubmitted',
      'PostalPickedUp',
      'ResultDelivered',
    ]);
    const pickup = post.sim.order(`${code}:PICKUP:1`)!;
    expect(dossier).toMatchObject({ channel: 'POSTAL', waybill: pickup.waybill });
    // The submission instant is the signed handover record's, not when the API heard of it.
    expect(dossier.events.find((e: { type: string }) => e.type === 'DossierSubmitted').at).toBe(pickup.events[1].occurredAt);

    // What the post sent, as its log shows: the handover first, the pickup after it, each twice.
    const sent = post.log.list().filter((e) => e.direction === 'sent' && (e.body as Json).dossierCode === code);
    const firstTries = sent.filter((e) => !/attempt [2-9]/.test(e.note ?? ''));
    expect(firstTries.map((e) => (e.body as Json).type)).toEqual(['HANDED_OVER', 'HANDED_OVER', 'PICKED_UP', 'PICKED_UP', 'DELIVERED', 'DELIVERED']);
    // Every copy answered 200 in the end (a copy still in flight at the API is answered 409 and retried), none refused.
    expect(sent.filter((e) => e.status !== 200).every((e) => e.status === 409 && (e.answer as Json).error.rule === 'POSTAL.EVENT_IN_FLIGHT')).toBe(true);
    expect(sent.filter((e) => e.status === 200)).toHaveLength(6);
    expect(sent.some((e) => /abandoned/.test(e.note ?? ''))).toBe(false);
    const late = sent.find((e) => e.status === 200 && (e.body as Json).type === 'PICKED_UP')!;
    expect(late.answer).toMatchObject({ type: 'PICKED_UP', status: 'SUBMITTED', changed: false });

    // A forged signature and a stale timestamp are refused by the API (401), and change nothing.
    for (const signature of ['forged', 'stale']) {
      const r = await fetch(`${post.url}/admin/orders/${encodeURIComponent(`${code}:RETURN:1`)}/events`, { method: 'POST', body: JSON.stringify({ type: 'RETURNED_TO_SENDER', signature }) });
      expect([signature, ((await r.json()) as Json).status]).toEqual([signature, 401]);
    }
    expect(await statusOf(code)).toBe('DELIVERED');
  });

  it('every delivery attempt failing: two attempts, then the result back to the one-stop unit → AWAITING_COLLECTION', async () => {
    const code = await throughPickupToPost(failingPost);
    expect((await order(failingPost, code, 'RETURN')).status).toBe(201);
    await eventually('the post to end the leg', async () => (failingPost.sim.order(`${code}:RETURN:1`)!.status === 'RETURNED_TO_SENDER' ? true : undefined));
    await failingPost.sim.settled();
    await reaches(code, 'AWAITING_COLLECTION');
    const events = (await call('GET', `/api/v1/dossiers/${code}`)).body.events as Json[];
    const played = failingPost.sim.order(`${code}:RETURN:1`)!.events;
    expect(played.map((e) => [e.type, e.attempt])).toEqual([
      ['DELIVERY_ATTEMPT_FAILED', 1],
      ['DELIVERY_ATTEMPT_FAILED', 2],
      ['RETURNED_TO_SENDER', undefined],
    ]);
    expect(events.slice(-3).map((e) => [e.type, e.at])).toEqual([
      ['DeliveryAttemptFailed', played[0].occurredAt],
      ['DeliveryAttemptFailed', played[1].occurredAt],
      // 500 ms apart (POSTAL_SIM_ATTEMPT_GAP_MS), the API counts the first attempt only: the result
      // is back at the unit by the post's return, not by the second attempt.
      ['ResultBackAtUnit', played[2].occurredAt],
    ]);
    expect(failingPost.log.list().some((e) => /abandoned/.test(e.note ?? ''))).toBe(false);
  });
});
