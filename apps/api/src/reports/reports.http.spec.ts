import ExcelJS from 'exceljs';
import { BOM, II06A_HEADERS, type ReportDossier } from '@motcua/reports';
import { InMemoryDossierGateway } from '../testing/in-memory-dossier-gateway';
import { startTestApp, type TestApp } from '../testing/start-test-app';
import { people } from '../testing/test-tokens';
import type { Principal } from '../auth/principal';
import { FiguresReportSchema, Ii06aReportSchema, Report766Schema, ReportCircular01Schema } from './report-schemas';
// The reports library's builder of hand-made read-model rows (test-only, not in its public API).
import { at, dossier } from '../../../../libs/reports/src/testing/dossier';

/** The reports over HTTP, in process, from hand-built read-model rows (access, periods, formats). */
const row = (code: string, over: Partial<ReportDossier>): ReportDossier =>
  dossier({
    code,
    procedureCode: 'T.XD.07',
    procedureName: 'Cấp giấy phép sửa chữa, cải tạo công trình',
    field: 'Hoạt động xây dựng',
    clockStartedAt: at('2026-10-05 09:00'),
    appointments: [{ from: at('2026-10-05 09:00'), at: at('2026-10-19 17:00') }],
    ...over,
  });
const ROWS = [
  row('A', { finishedAt: at('2026-10-12 10:00'), outcome: 'EARLY', processingMs: 3 * 86_400_000, parts: [{ agency: 'SO_XAY_DUNG', finishedAt: at('2026-10-12 10:00'), outcome: 'EARLY' }] }),
  row('B', { channel: 'COUNTER', leadAgency: 'UBND_TINH', field: 'Đất đai, "liên thông"' }),
  row('C', { channel: 'POSTAL', clockStartedAt: at('2026-09-20 10:00'), withdrawnAt: at('2026-11-02 10:00') }),
];
const asked: { from: string; to: string }[] = [];

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(
    { gateway: new InMemoryDossierGateway(), reports: { dossiersFor: async (p) => (asked.push({ from: p.from, to: p.to }), ROWS) } },
    { caller: people.operations() },
  );
});
afterAll(() => t.close());

const Q4 = 'from=2026-10-01&to=2026-12-31';

describe('access', () => {
  it.each([
    ['operations', people.operations()],
    ['an auditor', people.auditor()],
  ])('%s reads every report', async (_who, who: Principal) => {
    for (const name of ['ii06a', '766', 'circular01']) expect((await t.call('GET', `/api/v1/reports/${name}?${Q4}`, undefined, {}, who)).status).toBe(200);
  });

  it.each([
    ['a one-stop officer', people.oneStop()],
    ['an agency officer, even of the lead agency', people.officer('SO_XAY_DUNG')],
    ['an agency head', people.head('SO_XAY_DUNG')],
    ['the portal', people.portal()],
    ['an administrator', people.admin()],
  ])('%s is refused 403 ACCESS.REPORTS_ONLY', async (_who, who: Principal) => {
    for (const name of ['ii06a', '766', 'circular01']) {
      const r = await t.call('GET', `/api/v1/reports/${name}?${Q4}`, undefined, {}, who);
      expect([r.status, r.body.error?.rule]).toEqual([403, 'ACCESS.REPORTS_ONLY']);
    }
  });

  it('without a token: 401', async () => {
    expect((await t.call('GET', `/api/v1/reports/ii06a?${Q4}`, undefined, {}, null)).status).toBe(401);
  });
});

describe('the period', () => {
  it.each([
    ['from=2026-10-01', 'REPORT.BAD_DATE'],
    ['from=2026-02-30&to=2026-03-31', 'REPORT.BAD_DATE'],
    ['from=2026-10-01&to=31/12/2026', 'REPORT.BAD_DATE'],
    ['from=2026-10-01&to=2026-12-31T00:00:00Z', 'REPORT.BAD_DATE'],
    ['from=2026-10-01&from=2026-10-02&to=2026-12-31', 'REPORT.BAD_DATE'],
    ['from=2026-12-31&to=2026-10-01', 'REPORT.PERIOD_REVERSED'],
    [`${Q4}&format=pdf`, null],
    [`${Q4}&agencies=SO_XAY_DUNG`, null],
  ])('%s: 400 (rule %s)', async (query, rule) => {
    for (const name of ['ii06a', '766', 'circular01']) {
      const r = await t.call('GET', `/api/v1/reports/${name}?${query}`);
      expect([name, r.status, r.body.error.code, r.body.error.rule]).toEqual([name, 400, 'BAD_REQUEST', rule]);
    }
  });

  it('a month, a quarter, 6 and 9 months, a year and a single day are all just two dates', async () => {
    for (const [from, to] of [
      ['2026-10-01', '2026-10-31'],
      ['2026-10-01', '2026-12-31'],
      ['2026-01-01', '2026-06-30'],
      ['2026-01-01', '2026-09-30'],
      ['2026-01-01', '2026-12-31'],
      ['2026-10-05', '2026-10-05'],
    ]) {
      const r = await t.call('GET', `/api/v1/reports/ii06a?from=${from}&to=${to}`);
      expect([r.status, r.body.period]).toEqual([200, { from, to }]);
    }
  });
});

describe('json', () => {
  it('II.06a: total and rows per lead agency and field, invariants holding, as the OpenAPI schema says', async () => {
    const r = await t.call('GET', `/api/v1/reports/ii06a?${Q4}`);
    expect(Ii06aReportSchema.strict().safeParse(r.body).success).toBe(true);
    expect(r.body.total).toMatchObject({
      received: { total: 3, carriedOver: 1, online: 1, direct: 1, postal: 0 },
      resolved: { total: 1, early: 1, onTime: 0, late: 0 },
      inProgress: { total: 1, withinLimit: 0, overdue: 1 },
      withdrawn: 1,
    });
    expect(r.body.rows.map((x: { agency: string; field: string }) => [x.agency, x.field])).toEqual([
      ['SO_XAY_DUNG', 'Hoạt động xây dựng'],
      ['UBND_TINH', 'Đất đai, "liên thông"'],
    ]);
    expect(r.body.invariants).toMatchObject({ holds: true, violations: [] });
    expect((await t.call('GET', `/api/v1/reports/ii06a?${Q4}&agency=UBND_TINH`)).body.total.received.total).toBe(1);
    expect((await t.call('GET', `/api/v1/reports/ii06a?${Q4}&field=${encodeURIComponent('Hoạt động xây dựng')}`)).body.total.received.total).toBe(2);
  });

  it('766 and Circular 01, as their OpenAPI schemas say', async () => {
    const d766 = await t.call('GET', `/api/v1/reports/766?${Q4}`);
    expect(Report766Schema.strict().safeParse(d766.body).success).toBe(true);
    expect(d766.body.total.onTime).toEqual({ count: 1, of: 2, percent: 50 });
    expect(d766.body.procedures).toEqual([expect.objectContaining({ procedureCode: 'T.XD.07', resolved: 1, averageProcessingDays: 3 })]);
    const c01 = await t.call('GET', `/api/v1/reports/circular01?${Q4}`);
    expect(ReportCircular01Schema.strict().safeParse(c01.body).success).toBe(true);
    expect(c01.body.dossiers.map((d: { code: string; score: number }) => [d.code, d.score])).toEqual([['A', 2]]);
  });

  it('the dashboard\'s figures per agency, procedure and channel equal II.06a and 766 for the same filter', async () => {
    for (const filter of ['', '&agency=UBND_TINH', `&field=${encodeURIComponent('Hoạt động xây dựng')}`]) {
      const f = await t.call('GET', `/api/v1/reports/figures?${Q4}${filter}`);
      expect(FiguresReportSchema.strict().safeParse(f.body).success).toBe(true);
      const form = (await t.call('GET', `/api/v1/reports/ii06a?${Q4}${filter}`)).body;
      const r766 = (await t.call('GET', `/api/v1/reports/766?${Q4}${filter}`)).body;
      expect(f.body.total.resolved).toEqual(form.total.resolved);
      expect(f.body.total.onTime).toEqual(r766.total.onTime);
      expect(f.body.agencies.map((a: { agency: string; onTime: unknown }) => [a.agency, a.onTime])).toEqual(r766.rows.map((x: { agency: string; onTime: unknown }) => [x.agency, x.onTime]));
    }
    const f = (await t.call('GET', `/api/v1/reports/figures?${Q4}`)).body;
    expect(f.channels.map((c: { channel: string }) => c.channel)).toEqual(['COUNTER', 'ONLINE', 'POSTAL']);
    expect(f.procedures).toEqual([expect.objectContaining({ procedureCode: 'T.XD.07', averageResolutionDays: 3 })]);
    const csv = await t.call('GET', `/api/v1/reports/figures?${Q4}&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="motcua-figures-2026-10-01_2026-12-31.csv"');
  });

  it('asks the read model for the period in Vietnam days', () => {
    expect(asked).toContainEqual({ from: '2026-10-01', to: '2026-12-31' });
  });
});

describe('csv and xlsx', () => {
  const get = async (path: string) => {
    const res = await fetch(t.url + path, { headers: { authorization: `Bearer ${await t.tokens.tokenFor(people.operations())}` } });
    return { res, bytes: Buffer.from(await res.arrayBuffer()) };
  };

  it('CSV: RFC 4180, UTF-8 with a BOM, Vietnamese headers, an attachment named by report and period; the same numbers as JSON', async () => {
    const { res, bytes } = await get(`/api/v1/reports/ii06a?${Q4}&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="motcua-ii06a-2026-10-01_2026-12-31.csv"');
    const text = bytes.toString('utf8');
    expect(text.startsWith(BOM)).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe(II06A_HEADERS.join(','));
    expect(lines[2]).toBe('UBND_TINH,"Đất đai, ""liên thông""",1,0,0,1,0,0,0,0,0,1,0,1,0,0,0,0,0,0');
    expect(lines[3]).toBe('Tổng cộng,,3,1,1,1,0,1,1,0,0,1,0,1,1,0,0,0,0,0');
    expect(lines[4]).toBe('');
  });

  it('XLSX: the period in the title row, Vietnamese headers, the same numbers as JSON', async () => {
    const { res, bytes } = await get(`/api/v1/reports/ii06a?${Q4}&format=xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="motcua-ii06a-2026-10-01_2026-12-31.xlsx"');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = book.worksheets[0];
    expect(ws.name).toBe('Biểu II.06a');
    expect(String(ws.getCell('A1').value)).toContain('từ ngày 01/10/2026 đến ngày 31/12/2026');
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(II06A_HEADERS);
    expect((ws.getRow(5).values as unknown[]).slice(1)).toEqual(['Tổng cộng', undefined, 3, 1, 1, 1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 0, 0, 0, 0, 0]);
  });

  it('766 and Circular 01 come as CSV and XLSX too, one table after another, one worksheet each', async () => {
    const csv = (await get(`/api/v1/reports/circular01?${Q4}&format=csv`)).bytes.toString('utf8');
    expect(csv.split('\r\n\r\n')).toHaveLength(2);
    expect(csv).toContain('A,T.XD.07,SO_XAY_DUNG,Hoạt động xây dựng,2026-10-05T09:00:00+07:00,2026-10-19T17:00:00+07:00,2026-10-12T10:00:00+07:00,Trước hạn,2');
    const { res, bytes } = await get(`/api/v1/reports/766?${Q4}&format=xlsx`);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="motcua-766-2026-10-01_2026-12-31.xlsx"');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Quyết định 766', '2.2 Thời gian giải quyết']);
  });
});
