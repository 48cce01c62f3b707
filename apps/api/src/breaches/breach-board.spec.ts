import { openStore, type Store } from '@motcua/store';
import { readBreachBoard, visibleTo } from './breach-board';

/** The board's lines from the read model's rows: which dossiers and stage parts, in which state, with which apology. */
describe('readBreachBoard', () => {
  let store: Store;
  const NOW = Date.parse('2026-03-10T10:00:00+07:00');
  const H = 3_600_000;

  const dossier = (code: string, status: string, appointment: number | null) =>
    store.db
      .insertInto('rm_dossiers')
      .values({ code, unit: 'U1', status, channel: 'POSTAL', procedure_code: 'P', procedure_version: '1', procedure_name: 'Thủ tục', rule_set: 'r', current_stage: 1, registered_at: null, submitted_at: null, accepted_at: null, appointment: appointment === null ? null : new Date(appointment), final_appointment: null, finished_at: null, outcome: null, processing_ms: null, last_sequence: 1, last_event_at: new Date(NOW) })
      .execute();
  const member = (code: string, m: number, stage: number, agency: string, due: number | null, finished = false) =>
    store.db
      .insertInto('rm_stage_members')
      .values({ code, member: m, stage, agency, started_at: new Date(NOW - 50 * H), clock_started_at: null, due_at: due === null ? null : new Date(due), finished_at: finished ? new Date(NOW - H) : null, outcome: null })
      .execute();
  const alert = (code: string, sequence: number, type: string, scope: string, member: number | null, due: number) =>
    store.db.insertInto('rm_alerts').values({ code, sequence, type, scope, agency: null, member, due_at: new Date(due), at: new Date(NOW - H) }).execute();

  beforeAll(async () => {
    store = await openStore({});
    // Overdue, apology missed; its second stage held by two agencies, one of them late on its own part.
    await dossier('D1', 'IN_PROCESSING', NOW - 24 * H);
    await member('D1', 0, 0, 'A', NOW - 72 * H, true);
    await member('D1', 1, 1, 'B', NOW - 30 * H);
    await member('D1', 2, 1, 'C', NOW + 30 * H);
    await alert('D1', 7, 'APOLOGY_MISSED', 'DOSSIER', null, NOW - 24 * H);
    // Near due, apologised on time: a new appointment.
    await dossier('D2', 'IN_PROCESSING', NOW + 20 * H);
    await member('D2', 0, 1, 'A', null);
    await alert('D2', 4, 'NEAR_DUE', 'DOSSIER', null, NOW + 20 * H);
    await store.db.insertInto('rm_apologies').values({ code: 'D2', sequence: 5, agency: 'A', at: new Date(NOW - H), new_appointment: new Date(NOW + 100 * H), by_deadline: true, reason: null }).execute();
    // A near-due alert of an earlier deadline (before a supplement restarted the clock): not near due now.
    await dossier('D3', 'IN_PROCESSING', NOW + 200 * H);
    await alert('D3', 4, 'NEAR_DUE', 'DOSSIER', null, NOW + 20 * H);
    // Past its deadline but waiting for a supplement (the clock stopped), or finished: not on the board.
    await dossier('D4', 'SUPPLEMENT_PENDING', NOW - 24 * H);
    await dossier('D5', 'RESULT_READY', NOW - 24 * H);
    // Not yet due by the API's clock, but the engine said overdue (a simulated or a lagging clock).
    await dossier('D6', 'IN_PROCESSING', NOW + H);
    await alert('D6', 9, 'OVERDUE', 'DOSSIER', null, NOW + H);
  });
  afterAll(() => store.close());

  it('lists overdue and near-due dossiers and stage parts, the longest overdue first', async () => {
    const rows = await readBreachBoard(store.db, NOW);
    expect(rows.map((r) => [r.key, r.scope, r.state, r.agencies, r.apology, r.newAppointment])).toEqual([
      ['D1#1', 'STAGE', 'OVERDUE', ['B'], 'NONE', null],
      ['D1', 'DOSSIER', 'OVERDUE', ['B', 'C'], 'MISSED', null],
      ['D6', 'DOSSIER', 'OVERDUE', [], 'NONE', null],
      ['D2', 'DOSSIER', 'NEAR_DUE', ['A'], 'MADE', NOW + 100 * H],
    ]);
    expect(rows[1].route).toEqual(['A', 'B', 'C']);
  });

  it('shows a route agency the dossiers it is on, a unit its own', async () => {
    const rows = await readBreachBoard(store.db, NOW);
    expect(rows.filter((r) => visibleTo({ kind: 'ROUTE_AGENCY', agency: 'C' }, r)).map((r) => r.key)).toEqual(['D1#1', 'D1']);
    expect(rows.filter((r) => visibleTo({ kind: 'RECEIVING_UNIT', unit: 'U2' }, r))).toEqual([]);
  });
});
