import { openStore, type Store } from '@motcua/store';
import { readWorkbenchQueue } from './workbench-queue';

/** The queue's lines from the read model's rows: who holds what, due when, in which state, in which order. */
describe('readWorkbenchQueue', () => {
  let store: Store;
  const NOW = Date.parse('2026-03-10T10:00:00+07:00');
  const H = 3_600_000;
  const iso = (ms: number) => new Date(ms + 7 * H).toISOString().replace('.000Z', '+07:00');

  const dossier = (code: string, unit: string, status: string, stage: number | null, appointment: number | null, finalAppointment: number | null = appointment) =>
    store.db
      .insertInto('rm_dossiers')
      .values({ code, unit, status, channel: 'COUNTER', procedure_code: code.endsWith('1') ? 'P1' : 'P2', procedure_version: '1', procedure_name: 'Thủ tục', rule_set: 'r', current_stage: stage, registered_at: new Date(NOW - 60 * H), submitted_at: new Date(NOW - 50 * H), accepted_at: null, appointment: appointment === null ? null : new Date(appointment), final_appointment: finalAppointment === null ? null : new Date(finalAppointment), finished_at: null, outcome: null, processing_ms: null, last_sequence: 1, last_event_at: new Date(NOW - H) })
      .execute();
  const member = (code: string, m: number, stage: number, agency: string, due: number | null, state: 'WAITING' | 'STARTED' | 'FINISHED') =>
    store.db
      .insertInto('rm_stage_members')
      .values({ code, member: m, stage, agency, started_at: state === 'WAITING' ? null : new Date(NOW - 40 * H), clock_started_at: null, due_at: due === null ? null : new Date(due), finished_at: state === 'FINISHED' ? new Date(NOW - H) : null, outcome: null })
      .execute();

  beforeAll(async () => {
    store = await openStore({});
    // U1: an intake (no appointment yet), a result to hand back overdue, a dossier at agencies.
    await dossier('U1-260305-0001', 'U1', 'SUBMITTED', null, null);
    await dossier('U1-260305-0002', 'U1', 'RESULT_READY', 1, NOW - 2 * H);
    // A parallel stage: A done, B due in 30 h (its near-due alert fired), C due in 50 h; D waits for stage 2.
    await dossier('U1-260305-0003', 'U1', 'IN_PROCESSING', 1, NOW + 80 * H, NOW + 120 * H);
    await member('U1-260305-0003', 0, 0, 'A', NOW - 60 * H, 'FINISHED');
    await member('U1-260305-0003', 1, 1, 'B', NOW + 30 * H, 'STARTED');
    await member('U1-260305-0003', 2, 1, 'C', NOW + 50 * H, 'STARTED');
    await member('U1-260305-0003', 3, 2, 'D', null, 'WAITING');
    await store.db.insertInto('rm_alerts').values({ code: 'U1-260305-0003', sequence: 9, type: 'NEAR_DUE', scope: 'STAGE', agency: 'B', member: 1, due_at: new Date(NOW + 30 * H), at: new Date(NOW - H) }).execute();
    // Waiting for the applicant's supplement: the unit receives it; the clocks stand still.
    await dossier('U2-260305-0004', 'U2', 'SUPPLEMENT_PENDING', 0, NOW - 5 * H);
    await member('U2-260305-0004', 0, 0, 'B', NOW - 5 * H, 'STARTED');
    // Closed, and out with the post: nobody's queue.
    await dossier('U1-260305-0005', 'U1', 'RETURNED', 1, NOW - 9 * H);
    await dossier('U1-260305-0006', 'U1', 'OUT_FOR_DELIVERY', 1, NOW - 9 * H);
  });

  afterAll(() => store.close());

  it("gives a unit the dossiers waiting for it, due at the appointment, none last", async () => {
    const items = await readWorkbenchQueue(store.db, NOW, { kind: 'RECEIVING_UNIT', unit: 'U1' });
    expect(items.map((i) => [i.code, i.status, i.dueAt, i.state])).toEqual([
      ['U1-260305-0002', 'RESULT_READY', iso(NOW - 2 * H), 'OVERDUE'],
      ['U1-260305-0001', 'SUBMITTED', null, 'ON_TIME'],
    ]);
    expect(items[0]).toEqual({
      key: 'U1-260305-0002@UNIT:U1',
      code: 'U1-260305-0002',
      procedure: { code: 'P2', name: 'Thủ tục' },
      status: 'RESULT_READY',
      channel: 'COUNTER',
      holder: { kind: 'UNIT', id: 'U1' },
      stage: 1,
      dueAt: iso(NOW - 2 * H),
      appointment: iso(NOW - 2 * H),
      state: 'OVERDUE',
      receivedAt: iso(NOW - 50 * H),
      lastEventAt: iso(NOW - H),
    });
  });

  it("gives an agency its started, unfinished parts of the current stage, due at its part's deadline", async () => {
    const b = await readWorkbenchQueue(store.db, NOW, { kind: 'ROUTE_AGENCY', agency: 'B' });
    expect(b.map((i) => [i.code, i.holder, i.dueAt, i.state, i.receivedAt])).toEqual([
      ['U1-260305-0003', { kind: 'AGENCY', id: 'B' }, iso(NOW + 30 * H), 'NEAR_DUE', iso(NOW - 40 * H)],
      ['U2-260305-0004', { kind: 'AGENCY', id: 'B' }, null, 'ON_TIME', iso(NOW - 40 * H)],
    ]);
    expect(b[0].appointment).toBe(iso(NOW + 120 * H));
    // Finished its part (A), or not yet started (D): nothing to do.
    expect(await readWorkbenchQueue(store.db, NOW, { kind: 'ROUTE_AGENCY', agency: 'A' })).toEqual([]);
    expect(await readWorkbenchQueue(store.db, NOW, { kind: 'ROUTE_AGENCY', agency: 'D' })).toEqual([]);
  });

  it('gives operations every holder’s line, and narrows by status, procedure and code', async () => {
    const all = await readWorkbenchQueue(store.db, NOW, { kind: 'ALL' });
    expect(all.map((i) => i.key)).toEqual([
      'U1-260305-0002@UNIT:U1',
      'U1-260305-0003@AGENCY:B',
      'U1-260305-0003@AGENCY:C',
      'U1-260305-0001@UNIT:U1',
      'U2-260305-0004@AGENCY:B',
      'U2-260305-0004@UNIT:U2',
    ]);
    expect((await readWorkbenchQueue(store.db, NOW, { kind: 'ALL' }, { status: 'SUBMITTED' })).map((i) => i.code)).toEqual(['U1-260305-0001']);
    expect((await readWorkbenchQueue(store.db, NOW, { kind: 'ALL' }, { procedure: 'P1' })).map((i) => i.code)).toEqual(['U1-260305-0001']);
    expect((await readWorkbenchQueue(store.db, NOW, { kind: 'ALL' }, { q: '0005-000' })).map((i) => i.code)).toEqual([]);
    expect((await readWorkbenchQueue(store.db, NOW, { kind: 'ALL' }, { q: '260305-0004' })).map((i) => i.key)).toEqual(['U2-260305-0004@AGENCY:B', 'U2-260305-0004@UNIT:U2']);
    // A status no unit works on is simply no line.
    expect(await readWorkbenchQueue(store.db, NOW, { kind: 'RECEIVING_UNIT', unit: 'U1' }, { status: 'IN_PROCESSING' })).toEqual([]);
  });
});
