import { openStore, type Store } from '@motcua/store';
import { InMemoryDossierGateway } from '../testing/in-memory-dossier-gateway';
import { startTestApp, type TestApp } from '../testing/start-test-app';
import { people } from '../testing/test-tokens';
import { AlertWebhookFailuresSchema } from './alert-webhook-failures';
import { HandoffPerformanceSchema } from './handoff-performance';
import { PostalTransitSchema } from './postal-transit';

/** The dashboard's handoff, postal and alert-webhook figures over HTTP, from hand-built read-model rows. */
describe('operations figures', () => {
  let store: Store;
  let t: TestApp;
  const NOW = Date.parse('2026-06-15T10:00:00+07:00');
  const d = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);
  const H26 = '000.00.00.H26';
  const H42 = '000.00.00.H42';

  const dossier = async (code: string, unit: string, agency: string, over: { withdrawn_at?: Date } = {}) => {
    await store.db
      .insertInto('rm_dossiers')
      .values({ code, unit, status: 'IN_PROCESSING', channel: 'POSTAL', procedure_code: 'P', procedure_version: '1', procedure_name: null, rule_set: 'r', current_stage: 0, registered_at: null, submitted_at: null, accepted_at: null, appointment: null, final_appointment: null, finished_at: null, outcome: null, processing_ms: null, last_sequence: 1, last_event_at: new Date(NOW), withdrawn_at: over.withdrawn_at ?? null })
      .execute();
    await store.db.insertInto('rm_stage_members').values({ code, member: 0, stage: 0, agency, started_at: null, clock_started_at: null, due_at: null, finished_at: null, outcome: null }).execute();
  };
  const handoff = (code: string, sequence: number, to: string, member: number | null, handed: string, due: string, finished: string | null, outcome: string | null) =>
    store.db
      .insertInto('rm_handoffs')
      .values({ code, sequence, from_unit: 'X', from_member: null, to_unit: to, to_member: member, task: member === null ? 'RETURN_RESULT' : 'PROCESS', handed_over_at: d(handed), due_at: d(due), finished_at: finished === null ? null : d(finished), outcome })
      .execute();
  const leg = (code: string, leg: 'PICKUP' | 'RETURN', taken: string | null, due: string | null, ended: string | null, outcome: 'PLACED' | 'CANCELLED' = 'PLACED') =>
    store.db
      .insertInto('rm_postal_legs')
      .values({ code, leg, order_ref: `${code}:${leg}:1`, order_outcome: outcome, scope: 'SAME_PROVINCE', taken_at: taken === null ? null : d(taken), transit_due_at: due === null ? null : d(due), ended_at: ended === null ? null : d(ended) })
      .execute();

  beforeAll(async () => {
    store = await openStore({});
    t = await startTestApp({ gateway: new InMemoryDossierGateway(), readModel: store.db, clock: { now: () => NOW } }, { caller: people.operations() });
    await dossier('A-1', H26, 'SO_TU_PHAP');
    await dossier('B-1', H42, 'SO_XAY_DUNG');
    await dossier('C-1', H42, 'SO_XAY_DUNG', { withdrawn_at: d('2026-06-10 09:00') });
    // June: SO_TU_PHAP finished one early and one late; one open past its deadline; the result back to the unit on time.
    await handoff('A-1', 3, 'SO_TU_PHAP', 0, '2026-06-01 09:00', '2026-06-05 17:00', '2026-06-03 10:00', 'EARLY');
    await handoff('A-1', 6, 'SO_TU_PHAP', 0, '2026-06-04 09:00', '2026-06-08 17:00', '2026-06-09 10:00', 'LATE');
    await handoff('A-1', 9, H26, null, '2026-06-09 10:00', '2026-06-12 17:00', '2026-06-09 10:00', 'ON_TIME');
    await handoff('B-1', 3, 'SO_XAY_DUNG', 0, '2026-05-28 09:00', '2026-06-10 17:00', null, null);
    // Finished in May: not June's.
    await handoff('B-1', 2, 'SO_XAY_DUNG', 0, '2026-05-01 09:00', '2026-05-10 17:00', '2026-05-05 10:00', 'EARLY');
    // Postal: at H42 one return in transit past its target, one pickup within; at H26 one pickup ended late.
    await leg('B-1', 'RETURN', '2026-06-10 14:00', '2026-06-12 17:00', null);
    await leg('B-1', 'PICKUP', '2026-06-14 09:00', '2026-06-16 17:00', null);
    await leg('A-1', 'PICKUP', '2026-06-01 09:00', '2026-06-02 17:00', '2026-06-03 09:00');
    // Not in transit: a withdrawn dossier's leg, a leg the post has not taken yet.
    await leg('C-1', 'PICKUP', '2026-06-09 09:00', '2026-06-10 17:00', null);
    await leg('A-1', 'RETURN', null, null, null);
    for (const [i, status, attempts, error] of [
      [1, 'SENT', 1, null],
      [2, 'FAILED', 1, 'HTTP 410'],
      [3, 'PENDING', 3, 'HTTP 503'],
      [4, 'PENDING', 0, null],
    ] as const) {
      await store.db
        .insertInto('alert_webhook_outbox')
        .values({ event_id: `e${i}`, dossier_code: 'A-1', body: '{}', raised_at: d(`2026-06-1${i} 08:00`), status, attempts, next_attempt_at: d('2026-06-15 10:05'), last_error: error, settled_at: null })
        .execute();
    }
  });
  afterAll(async () => {
    await t.close();
    await store.close();
  });

  it('counts handoffs per receiver for a period, as the control sheet classifies them', async () => {
    const res = await t.call('GET', '/api/v1/dashboard/handoffs?from=2026-06-01&to=2026-06-30');
    expect(res.status).toBe(200);
    expect(HandoffPerformanceSchema.parse(res.body)).toEqual({
      period: { from: '2026-06-01', to: '2026-06-30' },
      receivers: [
        { receiver: 'SO_TU_PHAP', kind: 'AGENCY', received: 2, finished: 2, early: 1, onTime: 0, late: 1, open: 0, overdue: 0 },
        { receiver: 'SO_XAY_DUNG', kind: 'AGENCY', received: 0, finished: 0, early: 0, onTime: 0, late: 0, open: 1, overdue: 1 },
        { receiver: H26, kind: 'ONE_STOP_UNIT', received: 1, finished: 1, early: 0, onTime: 1, late: 0, open: 0, overdue: 0 },
      ],
    });
    expect((await t.call('GET', '/api/v1/dashboard/handoffs?from=2026-06-01&to=2026-06-30&agency=SO_XAY_DUNG')).body.receivers.map((r: { receiver: string }) => r.receiver)).toEqual(['SO_XAY_DUNG']);
    // An agency sees the dossiers on its route only.
    expect((await t.call('GET', '/api/v1/dashboard/handoffs?from=2026-06-01&to=2026-06-30', undefined, {}, people.officer('SO_TU_PHAP'))).body.receivers.map((r: { receiver: string }) => r.receiver)).toEqual(['SO_TU_PHAP', H26]);
  });

  it('refuses a bad period naming the rule, and a reader of no dossier', async () => {
    for (const [q, rule] of [
      ['from=2026-06-31&to=2026-07-01', 'REPORT.BAD_DATE'],
      ['to=2026-07-01', 'REPORT.BAD_DATE'],
      ['from=2026-07-01&to=2026-06-01', 'REPORT.PERIOD_REVERSED'],
    ]) {
      const res = await t.call('GET', `/api/v1/dashboard/handoffs?${q}`);
      expect([q, res.status, res.body.error.rule]).toEqual([q, 400, rule]);
    }
    expect((await t.call('GET', '/api/v1/dashboard/handoffs?from=2026-06-01&to=2026-06-30&unit=x')).status).toBe(400);
    expect((await t.call('GET', '/api/v1/dashboard/handoffs?from=2026-06-01&to=2026-06-30', undefined, {}, people.portal())).body.error.rule).toBe('ACCESS.MAY_NOT_READ');
  });

  it('counts the post\'s legs in transit and late now, per unit, scoped', async () => {
    const res = await t.call('GET', '/api/v1/dashboard/postal-legs');
    expect(res.status).toBe(200);
    expect(PostalTransitSchema.parse(res.body)).toEqual({
      at: '2026-06-15T10:00:00+07:00',
      units: [
        { unit: H26, inTransit: 0, late: 0, endedLate: 1 },
        { unit: H42, inTransit: 2, late: 1, endedLate: 0 },
      ],
      lateLegs: [{ code: 'B-1', unit: H42, leg: 'RETURN', takenAt: '2026-06-10T14:00:00+07:00', transitDueAt: '2026-06-12T17:00:00+07:00' }],
    });
    expect((await t.call('GET', '/api/v1/dashboard/postal-legs', undefined, {}, people.oneStop(H26))).body.units).toEqual([{ unit: H26, inTransit: 0, late: 0, endedLate: 1 }]);
    expect((await t.call('GET', `/api/v1/dashboard/postal-legs?unit=${H42}`)).body.units.map((u: { unit: string }) => u.unit)).toEqual([H42]);
    expect((await t.call('GET', '/api/v1/dashboard/postal-legs?since=2026-06-01')).status).toBe(400);
    expect((await t.call('GET', '/api/v1/dashboard/postal-legs', undefined, {}, people.portal())).status).toBe(403);
  });

  it('lists the alert webhook\'s failed and retrying alerts, for operations and auditors only', async () => {
    const res = await t.call('GET', '/api/v1/operations/alert-webhook');
    expect(res.status).toBe(200);
    expect(AlertWebhookFailuresSchema.parse(res.body)).toEqual({
      failed: 1,
      retrying: 1,
      rows: [
        { eventId: 'e3', dossierCode: 'A-1', status: 'PENDING', attempts: 3, raisedAt: '2026-06-13T08:00:00+07:00', lastError: 'HTTP 503', nextAttemptAt: '2026-06-15T10:05:00+07:00' },
        { eventId: 'e2', dossierCode: 'A-1', status: 'FAILED', attempts: 1, raisedAt: '2026-06-12T08:00:00+07:00', lastError: 'HTTP 410', nextAttemptAt: null },
      ],
    });
    expect((await t.call('GET', '/api/v1/operations/alert-webhook', undefined, {}, people.auditor())).status).toBe(200);
    for (const who of [people.oneStop(H26), people.head('SO_TU_PHAP'), people.admin()]) {
      const refused = await t.call('GET', '/api/v1/operations/alert-webhook', undefined, {}, who);
      expect([refused.status, refused.body.error.rule]).toEqual([403, 'ACCESS.OPERATIONS_ONLY']);
    }
  });
});
