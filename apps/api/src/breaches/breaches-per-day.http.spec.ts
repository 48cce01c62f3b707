import { openStore, type Store } from '@motcua/store';
import { InMemoryDossierGateway } from '../testing/in-memory-dossier-gateway';
import { startTestApp, type TestApp } from '../testing/start-test-app';
import { people } from '../testing/test-tokens';

/** GET /api/v1/dashboard/breaches-per-day: OVERDUE and APOLOGY_MISSED alerts by Vietnam day, scoped. */
describe('breaches per day', () => {
  let store: Store;
  let t: TestApp;
  const NOW = Date.parse('2026-06-15T10:00:00+07:00');

  const dossier = async (code: string, unit: string, agency: string) => {
    await store.db
      .insertInto('rm_dossiers')
      .values({ code, unit, status: 'IN_PROCESSING', channel: 'DIRECT', procedure_code: 'P', procedure_version: '1', procedure_name: null, rule_set: 'r', current_stage: 0, registered_at: null, submitted_at: null, accepted_at: null, appointment: null, final_appointment: null, finished_at: null, outcome: null, processing_ms: null, last_sequence: 1, last_event_at: new Date(NOW) })
      .execute();
    await store.db.insertInto('rm_stage_members').values({ code, member: 0, stage: 0, agency, started_at: null, clock_started_at: null, due_at: null, finished_at: null, outcome: null }).execute();
  };
  const alert = (code: string, sequence: number, type: string, at: string) =>
    store.db.insertInto('rm_alerts').values({ code, sequence, type, scope: 'DOSSIER', agency: null, member: null, due_at: new Date(at), at: new Date(at) }).execute();

  beforeAll(async () => {
    store = await openStore({});
    t = await startTestApp({ gateway: new InMemoryDossierGateway(), readModel: store.db, clock: { now: () => NOW } }, { caller: people.operations() });
    await dossier('A-1', '000.00.00.H26', 'SO_TU_PHAP');
    await dossier('B-1', '000.00.01.H26', 'SO_XAY_DUNG');
    // 17:00 on the 11th in Vietnam; 23:30 on the 11th is still the 11th (16:30 UTC), 00:30 on the 12th is not.
    await alert('A-1', 5, 'OVERDUE', '2026-06-11T17:00:00+07:00');
    await alert('A-1', 6, 'APOLOGY_MISSED', '2026-06-11T17:00:00+07:00');
    await alert('B-1', 4, 'OVERDUE', '2026-06-11T23:30:00+07:00');
    await alert('B-1', 5, 'OVERDUE', '2026-06-12T00:30:00+07:00');
    await alert('B-1', 6, 'NEAR_DUE', '2026-06-10T08:00:00+07:00');
  });
  afterAll(async () => {
    await t.close();
    await store.close();
  });

  it('counts by the day in Vietnam, the year up to today by default', async () => {
    const res = await t.call('GET', '/api/v1/dashboard/breaches-per-day');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      from: '2025-06-16',
      to: '2026-06-15',
      days: [
        { day: '2026-06-11', overdue: 2, apologyMissed: 1 },
        { day: '2026-06-12', overdue: 1, apologyMissed: 0 },
      ],
    });
    expect((await t.call('GET', '/api/v1/dashboard/breaches-per-day?from=2026-06-12&to=2026-06-12')).body.days).toEqual([{ day: '2026-06-12', overdue: 1, apologyMissed: 0 }]);
  });

  it('shows a unit and an agency their own dossiers only', async () => {
    expect((await t.call('GET', '/api/v1/dashboard/breaches-per-day', undefined, {}, people.oneStop('000.00.00.H26'))).body.days).toEqual([{ day: '2026-06-11', overdue: 1, apologyMissed: 1 }]);
    expect((await t.call('GET', '/api/v1/dashboard/breaches-per-day', undefined, {}, people.officer('SO_XAY_DUNG'))).body.days).toEqual([
      { day: '2026-06-11', overdue: 1, apologyMissed: 0 },
      { day: '2026-06-12', overdue: 1, apologyMissed: 0 },
    ]);
    expect((await t.call('GET', '/api/v1/dashboard/breaches-per-day', undefined, {}, people.portal())).status).toBe(403);
  });

  it('refuses a malformed range with 400', async () => {
    for (const q of ['from=2026-06-01', 'from=2026-02-30&to=2026-03-01', 'from=2026-06-10&to=2026-06-01', 'from=2025-01-01&to=2026-06-01', 'from=x&to=y', 'day=2026-06-01']) {
      const res = await t.call('GET', `/api/v1/dashboard/breaches-per-day?${q}`);
      expect([q, res.status]).toEqual([q, 400]);
    }
  });
});
