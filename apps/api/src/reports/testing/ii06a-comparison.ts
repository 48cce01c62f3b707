import ExcelJS from 'exceljs';
import type { TestApp } from '../../testing/start-test-app';
import { people } from '../../testing/test-tokens';
import { countIi06a, periodsOf, type CountRow, type ExpectedDossier } from './scenario-count';

/**
 * The checks of item 5, shared by the in-process spec and the one through Kafka: II.06a over
 * HTTP for many periods equals the independent count of the scenario files, every invariant
 * holds, and JSON, CSV and XLSX agree.
 */
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
export const PERIODS: [string, string][] = [...periodsOf([2024, 2025, 2026]), ...DAY_RANGES];

/** Where the formats are compared: a month, a quarter, a day range. */
export const FORMAT_PERIODS: [string, string, string][] = [
  ['a month', '2026-03-01', '2026-03-31'],
  ['a quarter', '2026-07-01', '2026-09-30'],
  ['a day range', '2026-03-10', '2026-03-17'],
];

type ApiRow = CountRow & { stopped: number };

const withoutStopped = <R extends { stopped: number }>({ stopped, ...row }: R): Omit<R, 'stopped'> => {
  expect(stopped).toBe(0); // no scenario stops a dossier
  return row;
};

/** ONE-STOP §7's invariants, checked here again on the API's numbers. */
function invariantsHold(c: ApiRow): boolean {
  return (
    c.received.total === c.resolved.total + c.withdrawn + c.stopped + c.inProgress.total &&
    c.received.total === c.received.carriedOver + c.received.online + c.received.direct + c.received.postal &&
    c.resolved.total === c.resolved.early + c.resolved.onTime + c.resolved.late &&
    c.inProgress.total === c.inProgress.withinLimit + c.inProgress.overdue
  );
}

/** Compares every period; returns how many periods received any dossier (so a test can insist the comparison says something). */
export async function expectIi06aEqualsCount(t: TestApp, expected: readonly ExpectedDossier[]): Promise<number> {
  let nonEmpty = 0;
  for (const [from, to] of PERIODS) {
    const r = await t.call('GET', `/api/v1/reports/ii06a?from=${from}&to=${to}`, undefined, {}, people.operations());
    expect(r.status).toBe(200);
    const want = countIi06a(expected, from, to);
    expect({ period: [from, to], total: withoutStopped(r.body.total), rows: r.body.rows.map(withoutStopped) }).toEqual({ period: [from, to], ...want });
    expect([from, to, r.body.invariants.holds, r.body.invariants.violations]).toEqual([from, to, true, []]);
    for (const c of [r.body.total, ...r.body.rows]) expect([from, to, invariantsHold(c)]).toEqual([from, to, true]);
    if (want.total.received.total > 0) nonEmpty++;
  }
  return nonEmpty;
}

const numbersOf = (row: ApiRow): number[] => [
  row.received.total, row.received.carriedOver, row.received.online, row.received.direct, row.received.postal,
  row.resolved.total, row.resolved.early, row.resolved.onTime, row.resolved.late,
  row.inProgress.total, row.inProgress.withinLimit, row.inProgress.overdue,
  row.withdrawn, row.stopped, row.refusedAtIntake, row.intakeSupplementRequests, row.supplementRequests, row.apologies,
];

/** The JSON's rows, the CSV's and the XLSX's (read back with exceljs) are the same numbers. */
export async function expectFormatsAgree(t: TestApp, from: string, to: string): Promise<void> {
  const get = async (path: string) => {
    const res = await fetch(t.url + path, { headers: { authorization: `Bearer ${await t.tokens.tokenFor(people.operations())}` } });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  };
  const query = `from=${from}&to=${to}`;
  const json = (await t.call('GET', `/api/v1/reports/ii06a?${query}`, undefined, {}, people.operations())).body;
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
}
