import { Worker } from '@temporalio/worker';
import { MemoryPublisher } from '@motcua/event-bus';
import {
  createNotificationActivities,
  createPostalActivities,
  createPublishActivities,
  PostalOperatorBusy,
  type CancelOrderResult,
  type PlaceOrderResult,
  type PostalOperator,
} from '@motcua/activities';
import { vnGovCalendar } from '@motcua/calendar';
import type { PostalOrderRequest, Procedure } from '@motcua/contracts';
import type { RecordedEvent } from '@motcua/dossier';
import { notificationsKeptNowhere } from '@motcua/temporal';
import { commandUpdate, dossierWorkflow, eventsQuery, type DossierWorkflowInput } from './public-api';
import { startTimeSkipping, type TimeSkipping } from '../../libs/temporal/src/testing/time-skipping';

/**
 * The postal orders on the time-skipping server: each order reaches the operator under one key
 * however often the activity is retried, its answer is recorded once, a refusal raises the post's
 * alert, a withdrawal cancels a pending pickup, and a leg past its transit target is alerted.
 */
const UNIT = '000.00.00.H42';
const procedure: Procedure & { version: string } = {
  code: 'T.POST.01',
  name: 'Thủ tục qua bưu chính',
  version: '1',
  timeLimit: { amount: 3, unit: 'WORKING_DAYS' },
  route: [{ agency: 'SO_A', allotted: { amount: 3, unit: 'WORKING_DAYS' } }],
};
const officer = { id: 'officer-1', role: 'ONE_STOP_OFFICER', agency: UNIT };
const agencyOfficer = { id: 'officer-2', role: 'AGENCY_OFFICER', agency: 'SO_A' };

/** An operator that keeps its orders by Idempotency-Key, as CONTRACTS.md asks, and can be told to misbehave. */
class FakeOperator implements PostalOperator {
  readonly orders = new Map<string, PostalOrderRequest>();
  readonly calls: string[] = [];
  readonly cancelled: string[] = [];
  /** Answers to give before behaving: 'lost' takes the order and then fails (the answer lost on the way). */
  script: ('lost' | 'busy' | 'refuse')[] = [];

  async placeOrder(order: PostalOrderRequest, key: string): Promise<PlaceOrderResult> {
    this.calls.push(key);
    const next = this.script.shift();
    if (next === 'busy') throw new PostalOperatorBusy(429, 1000);
    if (next === 'refuse') return { kind: 'REFUSED', httpStatus: 422, partnerCode: 'ADDRESS_OUT_OF_AREA' };
    if (!this.orders.has(key)) this.orders.set(key, order);
    if (next === 'lost') throw new Error('socket hang up');
    return { kind: 'PLACED', orderRef: `OP-${key}`, waybill: null, partnerStatus: 'PENDING' };
  }

  async cancelOrder(orderRef: string): Promise<CancelOrderResult> {
    this.cancelled.push(orderRef);
    return { alreadyGone: false };
  }
}

/**
 * One time-skipping server and its helpers per describe block: the transit-target test sleeps days
 * of workflow time, and after the other tests' dossiers on the same server it sometimes never woke
 * (seen under load: the test's 180 s ran out in `env.sleep`), so it runs on a server of its own.
 */
function onItsOwnServer() {
  let server: TimeSkipping;
  let seq = 0;
  beforeAll(async () => (server = await startTimeSkipping()));
  afterAll(() => server?.env.teardown());

  async function withWorker<T>(operator: FakeOperator, area: string | null, fn: (publisher: MemoryPublisher) => Promise<T>): Promise<T> {
    const publisher = new MemoryPublisher();
    const postal = createPostalActivities({
      operator,
      contacts: {
        of: async () => ({ name: 'Nguyễn Văn An', phone: '0912345678', address: '5 Tràng Tiền, Hà Nội', pickupAddress: '12 Hàng Bài, Hà Nội', addressArea: area, pickupArea: null }),
      },
      callbackUrl: 'http://127.0.0.1:3000/api/v1/postal/events',
    });
    const worker = await Worker.create({
      connection: server.env.nativeConnection,
      taskQueue: 'postal-test',
      workflowBundle: server.bundle,
      activities: { ...createPublishActivities({ publisher }), ...postal, ...createNotificationActivities(notificationsKeptNowhere()) },
    });
    return worker.runUntil(() => fn(publisher));
  }

  async function start(startLocal: string) {
    seq += 1;
    const start = Date.parse(startLocal);
    const offset = start - (await server.env.currentTimeMs());
    const code = `${UNIT}-260601-${String(seq).padStart(4, '0')}`;
    const calendar = vnGovCalendar();
    const input: DossierWorkflowInput = {
      registration: { code, unit: UNIT, procedure, ruleSet: 'ND118-2025', calendar: { id: calendar.id, version: calendar.version }, applicantRef: 'ref-1', by: officer, at: startLocal },
      clockOffsetMs: offset,
      visibility: false,
    };
    const handle = await server.env.client.workflow.start(dossierWorkflow, { workflowId: code, taskQueue: 'postal-test', args: [input] });
    const until = async (iso: string) => server.env.sleep(Math.max(0, Date.parse(iso) - ((await server.env.currentTimeMs()) + offset)));
    return { handle, code, until };
  }

  async function eventually(handle: { query: (q: typeof eventsQuery) => Promise<RecordedEvent[]> }, type: string): Promise<RecordedEvent[]> {
    for (let i = 0; i < 200; i++) {
      const events = await handle.query(eventsQuery);
      if (events.some((r) => r.event.type === type)) return events;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no ${type} recorded`);
  }

  return { withWorker, start, eventually };
}

describe('postal orders (workflow)', () => {
  const { withWorker, start, eventually } = onItsOwnServer();

  it('places a pickup order once under its key, though the first answer was lost and the second was "busy"', async () => {
    const operator = new FakeOperator();
    operator.script = ['lost', 'busy'];
    await withWorker(operator, null, async () => {
      const { handle, code } = await start('2026-06-01T08:00:00+07:00');
      await handle.executeUpdate(commandUpdate('requestPickup'), { args: [{ by: officer }] });
      const events = await eventually(handle, 'PostalOrderPlaced');
      const key = `${code}:PICKUP:1`;
      expect(operator.calls).toEqual([key, key, key]);
      expect([...operator.orders.keys()]).toEqual([key]);
      expect(operator.orders.get(key)).toMatchObject({ orderRef: key, leg: 'PICKUP', dossierCode: code, service: 'DOSSIER', sender: { kind: 'APPLICANT' } });
      expect(events.filter((r) => r.event.type === 'PostalOrderPlaced').map((r) => r.event)).toEqual([
        expect.objectContaining({ leg: 'PICKUP', n: 1, orderRef: `OP-${key}`, waybill: null, partnerStatus: 'PENDING', scope: null, by: expect.objectContaining({ role: 'SYSTEM' }) }),
      ]);
      // The history holds the answer: personal data stays in the activity.
      const history = JSON.stringify(await handle.fetchHistory());
      expect(history).not.toMatch(/H\\u00e0ng B\\u00e0i|Hàng Bài|0912345678/);
      await handle.terminate('test over');
    });
  });

  it('records a refusal with the post\'s alert, and publishes both', async () => {
    const operator = new FakeOperator();
    operator.script = ['refuse'];
    await withWorker(operator, null, async (publisher) => {
      const { handle, code } = await start('2026-06-01T08:00:00+07:00');
      await handle.executeUpdate(commandUpdate('requestPickup'), { args: [{ by: officer }] });
      const events = await eventually(handle, 'PostalOrderRefused');
      expect(events.slice(-2).map((r) => r.event)).toEqual([
        expect.objectContaining({ type: 'PostalOrderRefused', orderRef: `${code}:PICKUP:1`, reason: 'OPERATOR_REFUSED', httpStatus: 422, partnerCode: 'ADDRESS_OUT_OF_AREA' }),
        expect.objectContaining({ type: 'AlertRaised', alert: 'POSTAL_ORDER_REFUSED', scope: 'POSTAL', agency: null }),
      ]);
      for (let i = 0; i < 100 && publisher.sent.length < events.length; i++) await new Promise((r) => setTimeout(r, 50));
      expect(publisher.sent.map((s) => JSON.parse(s.message.value).type)).toEqual(events.map((r) => `vn.motcua.dossier.${r.event.type}`));
      await handle.terminate('test over');
    });
  });

  it('a withdrawal before the pickup cancels the order at the operator; the dossier ends once that is recorded and published', async () => {
    const operator = new FakeOperator();
    await withWorker(operator, null, async (publisher) => {
      const { handle, code } = await start('2026-06-01T08:00:00+07:00');
      await handle.executeUpdate(commandUpdate('requestPickup'), { args: [{ by: officer }] });
      await eventually(handle, 'PostalOrderPlaced');
      await handle.executeUpdate(commandUpdate('withdraw'), { args: [{ by: officer, reason: 'APPLICANT_REQUEST' }] });
      const final = await handle.result();
      expect(final.status).toBe('WITHDRAWN');
      expect(operator.cancelled).toEqual([`OP-${code}:PICKUP:1`]);
      const events = await handle.query(eventsQuery);
      expect(events.map((r) => r.event.type)).toEqual(['DossierRegistered', 'PostalPickupRequested', 'PostalOrderPlaced', 'DossierWithdrawn', 'PostalOrderCancelled']);
      expect(publisher.sent.map((s) => JSON.parse(s.message.value).id)).toEqual(events.map((r) => r.id));
    });
  });

});

describe('postal transit targets (workflow)', () => {
  const { withWorker, start, eventually } = onItsOwnServer();

  it('a return leg past its transit target (J+4 between provinces) raises POSTAL_LEG_LATE, the post\'s, on no agency', async () => {
    const operator = new FakeOperator();
    await withWorker(operator, '000.00.00.H26', async () => {
      const { handle, until } = await start('2026-06-01T08:00:00+07:00');
      await handle.executeUpdate(commandUpdate('submit'), { args: [{ channel: 'COUNTER', by: officer, at: '2026-06-01T08:00:00+07:00' }] });
      await until('2026-06-01T09:00:00+07:00');
      await handle.executeUpdate(commandUpdate('accept'), { args: [{ by: officer, at: '2026-06-01T09:00:00+07:00' }] });
      await until('2026-06-02T10:00:00+07:00');
      await handle.executeUpdate(commandUpdate('complete'), { args: [{ agency: 'SO_A', by: agencyOfficer, at: '2026-06-02T10:00:00+07:00' }] });
      await until('2026-06-02T14:00:00+07:00');
      await handle.executeUpdate(commandUpdate('return'), { args: [{ channel: 'POSTAL', by: officer, at: '2026-06-02T14:00:00+07:00' }] });
      const placed = (await eventually(handle, 'PostalOrderPlaced')).find((r) => r.event.type === 'PostalOrderPlaced')!;
      // Tuesday 2/6 + 4 working days: Monday 8/6 at the close.
      expect(placed.event).toMatchObject({ leg: 'RETURN', scope: 'BETWEEN_PROVINCES', transitDueAt: Date.parse('2026-06-08T17:00:00+07:00') });
      await until('2026-06-09T08:00:00+07:00');
      const late = (await eventually(handle, 'AlertRaised')).filter((r) => r.event.type === 'AlertRaised' && r.event.alert === 'POSTAL_LEG_LATE');
      expect(late.map((r) => r.event)).toEqual([
        expect.objectContaining({ scope: 'POSTAL', agency: null, member: null, at: Date.parse('2026-06-08T17:00:00+07:00') }),
      ]);
      await handle.terminate('test over');
    });
  });
});
