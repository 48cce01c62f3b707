import ExcelJS from 'exceljs';
import { openStore, SqlReportSource, type Store } from '@motcua/store';
// The projector's own fold and its scenario logs (the worker's CloudEvents of every scenario file,
// from the domain harness): the API and the projector share one store here.
import { foldBatch } from '../../../projector/src/projection/fold';
import { messageOf, scenarioLogs } from '../../../projector/src/testing/scenario-events';
import { InMemoryDossierGateway } from '../testing/in-memory-dossier-gateway';
import { startTestApp, type TestApp } from '../testing/start-test-app';
import { people } from '../testing/test-tokens';
import { countIi06a, expectedDossiers, periodsOf, type CountRow } from './testing/scenario-count';

/**
 * Item 5's check, in process: every scenario file's events folded by the projector into one
 * embedded store, the API reading its reports from that store, and Form II.06a for every month,
 * quarter, half, 9 months and year of the scenarios, and day ranges, equal to the count computed
 * independently from the scenario files (testing/scenario-count.ts); every invariant holds; JSON,
 * CSV and XLSX agree. reports.int.spec.ts does the same through Kafka with the scenario runner.
 */
let store: Store;
let t: TestApp;
const logs = scenarioLogs();
const expected = expectedDossiers();

beforeAll(async () => {
  store = await openStore({});
  const messages = logs.flatMap((l) => l.events).map((r, i) => ({ offset: String(i), value: messageOf(r) }));
  const stats = await foldBatch(store.db, { group: 'reports', topic: 'dossier.events', partition: 0, messages });
  expect(stats).toMatchObject({ applied: messages.length, gaps: 0, refused: 0 });
  t = await startTestApp({ gateway: new InMemoryDossierGateway(), reports: new SqlReportSource(store.db) }, { caller: people.operations() });
});
afterAll(async () => {
  await t?.close();
  await store?.close();
});

const DAY_RANGES: [string, string][] = [
  ['2026-03-10', '2026-03-17'],
  ['2026-03-16', '2026-03-16'],
  ['2026-03-17', '2026-03-24'],
  ['2026-07-08', '2026-07-14'],
  ['2026-10-12', '2026-10-20'],
  ['2025-11-05', '2025-11-19'],
  // M11 waits for a supplement past its appointment (17/11): within limit, not overdue.
  ['2025-11-03', '2025-11-18'],
  ['2024-02-01', '2026-12-31'],
];
const PERIODS = [...periodsOf([2024, 2025, 2026]), ...DAY_RANGES];

type ApiRow = CountRow & { stopped: number };
const comparable = <R extends { stopped: number }>({ stopped, ...row }: R): Omit<R, 'stopped'> => {
  expect(stopped).toBe(0); // no scenario stops a dossier
  return row;
};

/** ONE-STOP §7's invariants, checked here again on the API's numbers. */
function invariantsHold(c: CountRow & { stopped: number }): boolean {
  return (
    c.received.total === c.resolved.total + c.withdrawn + c.stopped + c.inProgress.total &&
    c.received.total === c.received.carriedOver + c.received.online + c.received.direct + c.received.postal &&
    c.resolved.total === c.resolved.early + c.resolved.onTime + c.resolved.late &&
    c.inProgress.total === c.inProgress.withinLimit + c.inProgress.overdue
  );
}

it('the scenario files and the folded logs are the same dossiers', () => {
  expect(expected.map((d) => d.id).sort()).toEqual(logs.map((l) => l.id).sort());
  expect(expected.length).toBeGreaterThanOrEqual(20);
});

it(`II.06a equals the independent count for ${PERIODS.length} periods (months, quarters, halves, 9 months, years, day ranges), every invariant holding`, async () => {
  let nonEmpty = 0;
  for (const [from, to] of PERIODS) {
    const r = await t.call('GET', `/api/v1/reports/ii06a?from=${from}&to=${to}`);
    expect(r.status).toBe(200);
    const want = countIi06a(expected, from, to);
    expect({ period: [from, to], total: comparable(r.body.total), rows: r.body.rows.map(comparable) }).toEqual({ period: [from, to], ...want });
    expect([from, to, r.body.invariants.holds, r.body.invariants.violations]).toEqual([from, to, true, []]);
    for (const c of [r.body.total, ...r.body.rows]) expect([from, to, invariantsHold(c)]).toEqual([from, to, true]);
    if (want.total.received.total > 0) nonEmpty++;
  }
  // The comparison means something: most periods count dossiers, in every column somewhere.
  expect(nonEmpty).toBeGreaterThan(PERIODS.length / 3);
  const all = countIi06a(expected, '2024-01-01', '2026-12-31').total;
  expect(all).toMatchObject({ received: { online: expect.any(Number) }, refusedAtIntake: 1, withdrawn: 2 });
  for (const n of [all.received.online, all.received.direct, all.received.postal, all.resolved.early, all.resolved.onTime, all.resolved.late, all.inProgress.total, all.apologies, all.supplementRequests, all.intakeSupplementRequests]) {
    expect(n).toBeGreaterThan(0);
  }
  const march = countIi06a(expected, '2026-03-17', '2026-03-24').total;
  expect(march.received.carriedOver).toBeGreaterThan(0);
  expect(march.inProgress.overdue + march.inProgress.withinLimit).toBeGreaterThan(0);
});

describe('JSON, CSV and XLSX agree', () => {
  const get = async (path: string) => {
    const res = await fetch(t.url + path, { headers: { authorization: `Bearer ${await t.tokens.tokenFor(people.operations())}` } });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  };
  const numbersOf = (row: ApiRow): number[] => [
    row.received.total, row.received.carriedOver, row.received.online, row.received.direct, row.received.postal,
    row.resolved.total, row.resolved.early, row.resolved.onTime, row.resolved.late,
    row.inProgress.total, row.inProgress.withinLimit, row.inProgress.overdue,
    row.withdrawn, row.stopped, row.refusedAtIntake, row.intakeSupplementRequests, row.supplementRequests, row.apologies,
  ];

  it.each([
    ['a month', '2026-03-01', '2026-03-31'],
    ['a quarter', '2026-07-01', '2026-09-30'],
    ['a day range', '2026-03-10', '2026-03-17'],
  ])('%s', async (_name, from, to) => {
    const query = `from=${from}&to=${to}`;
    const json = (await t.call('GET', `/api/v1/reports/ii06a?${query}`)).body;
    const lines = json.rows.map((r: ApiRow) => [r.agency, r.field ?? '(không rõ lĩnh vực)', ...numbersOf(r)]).concat([['Tổng cộng', null, ...numbersOf(json.total)]]);
    expect(lines.length).toBeGreaterThan(1);

    const csv = (await get(`/api/v1/reports/ii06a?${query}&format=csv`)).toString('utf8').slice(1).split('\r\n');
    // No cell of these rows holds a comma or a quote: a plain split reads them.
    const fromCsv = csv.slice(1, -1).map((l) => l.split(',').map((c, i) => (i < 2 ? c || null : Number(c))));
    expect(fromCsv).toEqual(lines);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await get(`/api/v1/reports/ii06a?${query}&format=xlsx`)) as unknown as ArrayBuffer);
    const ws = book.worksheets[0];
    expect(String(ws.getCell('A1').value)).toContain(`từ ngày ${from.split('-').reverse().join('/')} đến ngày ${to.split('-').reverse().join('/')}`);
    const fromXlsx: unknown[][] = [];
    for (let r = 3; r <= ws.rowCount; r++) fromXlsx.push(Array.from(ws.getRow(r).values as unknown[]).slice(1).map((v) => v ?? null));
    expect(fromXlsx).toEqual(lines);
  });
});
