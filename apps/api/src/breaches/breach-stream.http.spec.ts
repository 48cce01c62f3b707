import type { Store } from '@motcua/store';
import { clearReadModel, startReadModelApp } from '../testing/read-model-app';
import type { TestApp } from '../testing/start-test-app';
import { people } from '../testing/test-tokens';
import { openStream } from '../testing/event-stream-reader';

/**
 * GET /api/v1/stream/breaches: the ticket, the caller's scope, snapshot then deltas, resume from
 * Last-Event-ID, heartbeats. The read model's rows are written here as the projector would.
 */
const NOW = Date.parse('2026-03-10T10:00:00+07:00');
const HOUR = 3_600_000;
const UNIT_A = '000.00.00.H26';
const UNIT_B = '000.00.01.H26';

describe('the breach board stream', () => {
  let store: Store;
  let t: TestApp;

  const dossier = async (code: string, unit: string, route: string[], appointment: number) => {
    await store.db
      .insertInto('rm_dossiers')
      .values({
        code,
        unit,
        status: 'IN_PROCESSING',
        channel: 'DIRECT',
        procedure_code: 'P1',
        procedure_version: '1',
        procedure_name: 'Thủ tục thử',
        rule_set: 'r',
        current_stage: 1,
        registered_at: new Date(NOW - 48 * HOUR),
        submitted_at: null,
        accepted_at: new Date(NOW - 48 * HOUR),
        appointment: new Date(appointment),
        final_appointment: new Date(appointment),
        finished_at: null,
        outcome: null,
        processing_ms: null,
        last_sequence: 3,
        last_event_at: new Date(NOW - HOUR),
      })
      .execute();
    await store.db
      .insertInto('rm_stage_members')
      .values(route.map((agency, i) => ({ code, member: i, stage: i + 1, agency, started_at: i === 0 ? new Date(NOW - 48 * HOUR) : null, clock_started_at: null, due_at: null, finished_at: null, outcome: null })))
      .execute();
  };
  const ticketFor = async (who = people.operations()) => (await t.call('POST', '/api/v1/stream/tickets', undefined, {}, who)).body.ticket as string;
  const streamUrl = (ticket: string, extra = '') => `${t.url}/api/v1/stream/breaches?ticket=${encodeURIComponent(ticket)}${extra}`;

  // One store and one app for the file (an embedded PostgreSQL takes seconds to start); the rows
  // are written afresh before each test.
  beforeAll(async () => {
    ({ store, t } = await startReadModelApp(NOW));
  });

  beforeEach(async () => {
    await clearReadModel(store);
    // Overdue by two hours, held by SO_TU_PHAP; and one due tomorrow whose near-due alert fired.
    await dossier('000.00.00.H26-260305-0001', UNIT_A, ['SO_TU_PHAP', 'UBND_TINH'], NOW - 2 * HOUR);
    await dossier('000.00.01.H26-260305-0002', UNIT_B, ['SO_XAY_DUNG'], NOW + 24 * HOUR);
    await store.db
      .insertInto('rm_alerts')
      .values({ code: '000.00.01.H26-260305-0002', sequence: 4, type: 'NEAR_DUE', scope: 'DOSSIER', agency: null, member: null, due_at: new Date(NOW + 24 * HOUR), at: new Date(NOW - HOUR) })
      .execute();
  });

  afterAll(async () => {
    await t.close();
    await store.close();
  });

  it('opens only with a ticket, bought with a token by someone who may read dossiers', async () => {
    expect((await t.call('POST', '/api/v1/stream/tickets', undefined, {}, null)).status).toBe(401);
    const portal = await t.call('POST', '/api/v1/stream/tickets', undefined, {}, people.portal());
    expect(portal.status).toBe(403);
    expect(portal.body.error.rule).toBe('ACCESS.MAY_NOT_READ');
    for (const url of [`${t.url}/api/v1/stream/breaches`, streamUrl('x.y'), streamUrl((await ticketFor()).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))]) {
      const res = await fetch(url);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { rule: string } }).error.rule).toBe('AUTH.TICKET_INVALID');
    }
  });

  it('sends the board as the caller may see it, the longest overdue first, then its changes', async () => {
    const s = await openStream(streamUrl(await ticketFor()));
    expect(s.res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const snapshot = await s.next('snapshot');
    expect(snapshot.data.at).toBe(NOW);
    expect(snapshot.data.rows.map((r: { code: string; state: string; agencies: string[] }) => [r.code, r.state, r.agencies])).toEqual([
      ['000.00.00.H26-260305-0001', 'OVERDUE', ['SO_TU_PHAP']],
      ['000.00.01.H26-260305-0002', 'NEAR_DUE', ['SO_XAY_DUNG']],
    ]);
    expect(snapshot.data.rows[0]).not.toHaveProperty('route');

    // The near-due one is finished: it leaves the board.
    await store.db.updateTable('rm_dossiers').set({ status: 'RESULT_READY', finished_at: new Date(NOW) }).where('code', '=', '000.00.01.H26-260305-0002').execute();
    const delta = await s.next('delta');
    s.close();
    expect(delta.data).toMatchObject({ upsert: [], remove: ['000.00.01.H26-260305-0002'] });
    const [epoch, rev] = snapshot.id!.split('-');
    expect(delta.id).toBe(`${epoch}-${Number(rev) + 1}`);
  });

  it('shows a one-stop unit its dossiers and an agency the dossiers of its routes', async () => {
    const unit = await openStream(streamUrl(await ticketFor(people.oneStop(UNIT_B))));
    expect((await unit.next('snapshot')).data.rows.map((r: { code: string }) => r.code)).toEqual(['000.00.01.H26-260305-0002']);
    // UBND_TINH is on the first dossier's route (its second stage), not holding it yet.
    const agency = await openStream(streamUrl(await ticketFor(people.officer('UBND_TINH'))));
    expect((await agency.next('snapshot')).data.rows.map((r: { code: string }) => r.code)).toEqual(['000.00.00.H26-260305-0001']);

    // A change of another unit's dossier reaches the unit as an empty delta (its id moves on).
    await store.db.updateTable('rm_dossiers').set({ status: 'RESULT_READY' }).where('code', '=', '000.00.00.H26-260305-0001').execute();
    expect((await unit.next('delta')).data).toMatchObject({ upsert: [], remove: [] });
    expect((await agency.next('delta')).data).toMatchObject({ upsert: [], remove: ['000.00.00.H26-260305-0001'] });
    unit.close();
    agency.close();
  });

  it('resumes from Last-Event-ID with what was missed, and sends a snapshot for an id it cannot resume', async () => {
    const first = await openStream(streamUrl(await ticketFor()));
    const snapshot = await first.next('snapshot');
    first.close();
    await new Promise((r) => setTimeout(r, 100));

    await dossier('000.00.00.H26-260305-0003', UNIT_A, ['SO_TU_PHAP'], NOW - 30 * HOUR);
    // The feed reads the read model only while someone listens: another page keeps it going.
    const other = await openStream(streamUrl(await ticketFor()));
    await other.next('snapshot');
    await new Promise((r) => setTimeout(r, 150));

    const resumed = await openStream(streamUrl(await ticketFor()), { 'last-event-id': snapshot.id! });
    const delta = await resumed.next('delta');
    expect(delta.data.upsert.map((r: { code: string }) => r.code)).toEqual(['000.00.00.H26-260305-0003']);
    expect(resumed.events.some((e) => e.event === 'snapshot')).toBe(false);
    // The same through the URL, for a page that reopens the stream with a new ticket.
    const byUrl = await openStream(streamUrl(await ticketFor(), `&lastEventId=${snapshot.id}`));
    expect((await byUrl.next('delta')).id).toBe(delta.id);

    const stale = await openStream(streamUrl(await ticketFor()), { 'last-event-id': '00000000-7' });
    expect((await stale.next('snapshot')).data.rows).toHaveLength(3);
    await stale.next('heartbeat');
    for (const s of [other, resumed, byUrl, stale]) s.close();
  });
});
