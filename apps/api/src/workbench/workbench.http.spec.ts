import type { Store } from '@motcua/store';
import { openStream } from '../testing/event-stream-reader';
import { clearReadModel, startReadModelApp } from '../testing/read-model-app';
import type { TestApp } from '../testing/start-test-app';
import { people } from '../testing/test-tokens';
import { WorkbenchPageSchema } from './workbench-schemas';

/**
 * GET /api/v1/workbench/queue and /stream: each caller's holdings and nothing else, the query's
 * validation, paging, and the same lines live. The read model's rows are written here as the
 * projector would.
 */
const NOW = Date.parse('2026-03-10T10:00:00+07:00');
const H = 3_600_000;
const UNIT_A = '000.00.00.H26';
const UNIT_B = '000.00.01.H26';
const AT_AGENCY = `${UNIT_A}-260305-0001`;
const INTAKE_A = `${UNIT_A}-260305-0002`;
const INTAKE_B = `${UNIT_B}-260305-0003`;

describe('the workbench queue', () => {
  let store: Store;
  let t: TestApp;

  const dossier = (code: string, unit: string, status: string, appointment: number | null) =>
    store.db
      .insertInto('rm_dossiers')
      .values({ code, unit, status, channel: 'COUNTER', procedure_code: 'P1', procedure_version: '1', procedure_name: 'Thủ tục thử', rule_set: 'r', current_stage: status === 'IN_PROCESSING' ? 0 : null, registered_at: new Date(NOW - 48 * H), submitted_at: new Date(NOW - 48 * H), accepted_at: null, appointment: appointment === null ? null : new Date(appointment), final_appointment: appointment === null ? null : new Date(appointment), finished_at: null, outcome: null, processing_ms: null, last_sequence: 3, last_event_at: new Date(NOW - H) })
      .execute();
  const startPart = (code: string, member: number, stage: number, agency: string, started: boolean) =>
    store.db
      .insertInto('rm_stage_members')
      .values({ code, member, stage, agency, started_at: started ? new Date(NOW - 24 * H) : null, clock_started_at: null, due_at: started ? new Date(NOW + 24 * H) : null, finished_at: null, outcome: null })
      .execute();
  const queue = (who: Parameters<TestApp['call']>[4], query = '') => t.call('GET', `/api/v1/workbench/queue${query}`, undefined, {}, who);
  const codes = (body: { items: { code: string }[] }) => body.items.map((i) => i.code);
  const ticketFor = async (who: Parameters<TestApp['call']>[4]) => (await t.call('POST', '/api/v1/stream/tickets', undefined, {}, who)).body.ticket as string;
  const streamUrl = (ticket: string) => `${t.url}/api/v1/workbench/stream?ticket=${encodeURIComponent(ticket)}`;

  beforeAll(async () => {
    ({ store, t } = await startReadModelApp(NOW));
  });

  beforeEach(async () => {
    await clearReadModel(store);
    // Unit A's dossier at SO_TU_PHAP (then UBND_TINH), unit A's and unit B's intakes.
    await dossier(AT_AGENCY, UNIT_A, 'IN_PROCESSING', NOW + 72 * H);
    await startPart(AT_AGENCY, 0, 0, 'SO_TU_PHAP', true);
    await startPart(AT_AGENCY, 1, 1, 'UBND_TINH', false);
    await dossier(INTAKE_A, UNIT_A, 'SUBMITTED', null);
    await dossier(INTAKE_B, UNIT_B, 'SUBMITTED', null);
  });

  afterAll(async () => {
    await t.close();
    await store.close();
  });

  it("shows each caller what its unit or agency holds, and no one else's", async () => {
    expect(codes((await queue(people.oneStop(UNIT_A))).body)).toEqual([INTAKE_A]);
    expect(codes((await queue(people.oneStop(UNIT_B))).body)).toEqual([INTAKE_B]);
    const agency = await queue(people.officer('SO_TU_PHAP'));
    expect(WorkbenchPageSchema.strict().parse(agency.body)).toEqual(agency.body);
    expect(agency.body).toEqual({
      total: 1,
      page: 1,
      pageSize: 50,
      items: [
        {
          key: `${AT_AGENCY}@AGENCY:SO_TU_PHAP`,
          code: AT_AGENCY,
          procedure: { code: 'P1', name: 'Thủ tục thử' },
          status: 'IN_PROCESSING',
          channel: 'COUNTER',
          holder: { kind: 'AGENCY', id: 'SO_TU_PHAP' },
          stage: 0,
          dueAt: '2026-03-11T10:00:00+07:00',
          appointment: '2026-03-13T10:00:00+07:00',
          state: 'ON_TIME',
          receivedAt: '2026-03-09T10:00:00+07:00',
          lastEventAt: '2026-03-10T09:00:00+07:00',
        },
      ],
    });
    // On the route, not holding yet; and an agency of no route: an empty queue.
    expect(codes((await queue(people.head('UBND_TINH'))).body)).toEqual([]);
    expect(codes((await queue(people.officer('SO_XAY_DUNG'))).body)).toEqual([]);
    expect((await queue(people.auditor())).body.total).toBe(3);
    const portal = await queue(people.portal());
    expect([portal.status, portal.body.error.rule]).toEqual([403, 'ACCESS.MAY_NOT_READ']);
    expect((await queue(null)).status).toBe(401);
  });

  it('searches by code, filters, pages, and refuses a malformed query naming the rule', async () => {
    const ops = people.operations();
    expect(codes((await queue(ops, '?q=h26-260305-000')).body)).toEqual([AT_AGENCY, INTAKE_A, INTAKE_B]);
    expect(codes((await queue(ops, `?q=${UNIT_B}`)).body)).toEqual([INTAKE_B]);
    expect(codes((await queue(ops, '?status=SUBMITTED&procedure=P1')).body)).toEqual([INTAKE_A, INTAKE_B]);
    expect(codes((await queue(ops, '?procedure=P2')).body)).toEqual([]);
    const second = await queue(ops, '?page=2&pageSize=2');
    expect([second.body.total, second.body.page, second.body.pageSize, codes(second.body)]).toEqual([3, 2, 2, [INTAKE_B]]);
    for (const bad of ['?q=%25', "?q=a'b", '?q=' + 'A'.repeat(41), '?status=OPEN', '?procedure=a%20b', '?page=0', '?pageSize=500', '?page=x', '?sort=code', '?q=A&q=B']) {
      const res = await queue(ops, bad);
      expect([bad, res.status, res.body.error?.rule]).toEqual([bad, 400, 'WORKBENCH.BAD_QUERY']);
    }
  });

  it('streams the lines live: a dossier arriving at an agency, leaving it, and nothing of others', async () => {
    const agency = await openStream(streamUrl(await ticketFor(people.officer('UBND_TINH'))));
    expect((await agency.next('snapshot')).data.rows).toEqual([]);
    const unit = await openStream(streamUrl(await ticketFor(people.oneStop(UNIT_B))));
    expect((await unit.next('snapshot')).data.rows.map((r: { key: string }) => r.key)).toEqual([`${INTAKE_B}@UNIT:${UNIT_B}`]);

    // SO_TU_PHAP completes: the dossier moves to UBND_TINH's stage.
    await store.db.updateTable('rm_stage_members').set({ finished_at: new Date(NOW) }).where('code', '=', AT_AGENCY).where('member', '=', 0).execute();
    await store.db.updateTable('rm_stage_members').set({ started_at: new Date(NOW), due_at: new Date(NOW + 8 * H) }).where('code', '=', AT_AGENCY).where('member', '=', 1).execute();
    await store.db.updateTable('rm_dossiers').set({ current_stage: 1 }).where('code', '=', AT_AGENCY).execute();
    const arrived = await agency.next('delta');
    expect(arrived.data.upsert.map((r: { key: string; dueAt: string }) => [r.key, r.dueAt])).toEqual([[`${AT_AGENCY}@AGENCY:UBND_TINH`, '2026-03-10T18:00:00+07:00']]);
    expect(arrived.data.remove).toEqual([]);
    // Unit B sees a change of nobody's it holds: an empty delta, its id moving on.
    expect((await unit.next('delta')).data).toMatchObject({ upsert: [], remove: [] });

    await store.db.updateTable('rm_dossiers').set({ status: 'RESULT_READY' }).where('code', '=', AT_AGENCY).execute();
    const left = await agency.next('delta', agency.events.indexOf(arrived) + 1);
    expect(left.data.remove).toEqual([`${AT_AGENCY}@AGENCY:UBND_TINH`]);
    agency.close();
    unit.close();

    const refused = await fetch(streamUrl('x.y'));
    expect(refused.status).toBe(401);
  });
});
