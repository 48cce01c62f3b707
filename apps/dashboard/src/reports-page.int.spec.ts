import * as fs from 'node:fs';
import { calendarFor } from '@motcua/calendar';
import { Dossier } from '@motcua/dossier';
import { II06A_HEADERS, ii06aSheets, type FiguresReport, type Ii06aReport, type Report766, type ReportCircular01 } from '@motcua/reports';
import type { ControlSheet } from '@motcua/contracts';
import type { Download, Page } from 'playwright-core';
import { scenarioLogs } from '../../projector/src/testing/scenario-events';
import { axeViolations, chromiumPath, launchBrowser, seriousOnly, type TestBrowser } from './testing/browser';
import { logIn, pageToken, startDashboardApp, TEST_TEMPORAL_UI, type DashboardApp } from './testing/dashboard-app';
import type { AlertWebhookFailures, HandoffPerformance, PostalTransit } from './web/report-types';

/**
 * The reports page and the dossier's control sheet in Debian's Chromium: every scenario's dossier
 * folded into the read model, Form II.06a for Q2 2026 chosen with the period picker and compared
 * with the reports API's JSON for the same period (the page shows what the API answers), its CSV
 * and XLSX saved through the page's buttons; the figures per agency, procedure and channel, 766's
 * indicators, Circular 01's scores and the handoffs per receiver equal to what the API answers (also
 * narrowed to one agency and field); the post's legs and the alert webhook's failures on the board
 * page; a dossier's forms, control sheet with its PDF and workflow link. No console error, no serious axe violation, screenshots in artifacts/browser/.
 */
const required = process.env.MOTCUA_REQUIRE_INTEGRATION === '1';
const haveChromium = chromiumPath() !== null;
if (required && !haveChromium) throw new Error('MOTCUA_REQUIRE_INTEGRATION=1 but no Chromium (infra/local/chromium.sh path installs it)');
const describeWithBrowser = haveChromium ? describe : describe.skip;

const Q2 = { from: '2026-04-01', to: '2026-06-30' };

describeWithBrowser('the reports page and the control sheet in a browser', () => {
  const logs = scenarioLogs();
  // M02: three stages handed off, an apology: its control sheet has rows.
  const m02 = logs.find((l) => l.id === 'M02-apology-after-due-date')!;
  const lastAt = Math.max(...logs.flatMap((l) => l.events.map((r) => r.event.at)));
  let dash: DashboardApp;
  let browser: TestBrowser;

  const api = async <T>(page: Page, path: string): Promise<T> => {
    const res = await fetch(`${dash.base}${path}`, { headers: { authorization: `Bearer ${await pageToken(page)}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };
  const firstBytes = async (download: Download, n: number): Promise<number[]> => [...fs.readFileSync(await download.path()).subarray(0, n)];
  const save = async (page: Page, button: string): Promise<Download> => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(button).click()]);
    return download;
  };

  beforeAll(async () => {
    dash = await startDashboardApp(() => lastAt + 60_000);
    for (const log of logs) await dash.fold(log.events);
    dash.gateway.dossiers.set(m02.code, Dossier.fromLog(calendarFor, m02.events));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await dash?.close();
  });

  it('shows Form II.06a for a chosen quarter as the reports API answers it, and saves its CSV and XLSX', async () => {
    const { page } = browser;
    await logIn(page, dash.base, '/dashboard/reports');
    // The period picker: a start day, then its year's second quarter.
    await page.locator('#report-from').fill('2026-05-15');
    await page.locator('#report-quarter').selectOption('2');
    await expect(page.locator('#report-from').inputValue()).resolves.toBe(Q2.from);
    await expect(page.locator('#report-to').inputValue()).resolves.toBe(Q2.to);
    await page.getByRole('button', { name: 'Xem báo cáo' }).click();
    await page.locator('#report-status', { hasText: 'từ ngày 01/04/2026 đến ngày 30/06/2026' }).waitFor({ timeout: 10_000 });
    await page.waitForURL(`${dash.base}/dashboard/reports?from=${Q2.from}&to=${Q2.to}`);

    const report = await api<Ii06aReport>(page, `/api/v1/reports/ii06a?from=${Q2.from}&to=${Q2.to}`);
    expect(report.rows.length).toBeGreaterThan(1);
    const headers = await page.locator('#ii06a-table thead th').allTextContents();
    expect(headers).toEqual(II06A_HEADERS);
    // What the page shows, line by line, as the CSV export writes the API's JSON (agency, field, counts; the total last).
    const shown = await page.locator('#ii06a-table tbody tr, #ii06a-table tfoot tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.children].map((c, i) => (i < 2 ? c.textContent : Number(c.getAttribute('data-value'))))),
    );
    const expected = ii06aSheets(report)[0].rows.map((r) => r.map((c, i) => (i === 1 && c === null ? '' : c)));
    expect(shown).toEqual(expected);
    await browser.screenshot('dashboard-reports');

    const csv = await save(page, '#ii06a-csv');
    expect(csv.suggestedFilename()).toBe(`motcua-ii06a-${Q2.from}_${Q2.to}.csv`);
    expect(await firstBytes(csv, 3)).toEqual([0xef, 0xbb, 0xbf]);
    const xlsx = await save(page, '#ii06a-xlsx');
    expect(xlsx.suggestedFilename()).toBe(`motcua-ii06a-${Q2.from}_${Q2.to}.xlsx`);
    expect(await firstBytes(xlsx, 2)).toEqual([0x50, 0x4b]);

    expect(seriousOnly(await axeViolations(page))).toEqual([]);
    expect(browser.errors).toEqual([]);
  });

  /** The data-value of every cell of a table's body (and total) lines, by the line's key attribute. */
  const tableValues = (page: Page, table: string, key: string) =>
    page.locator(`#${table} tbody tr, #${table} tfoot tr`).evaluateAll(
      (trs, k) => trs.map((tr) => [tr.getAttribute(k), ...[...tr.querySelectorAll('td')].map((td) => td.getAttribute('data-value'))]),
      key,
    );
  const n = (x: number | null) => (x === null ? '' : String(x));
  const figureValues = (f: FiguresReport['total']) =>
    [f.received, f.onTime.percent, f.resolved.total, f.resolved.early, f.resolved.onTime, f.resolved.late, f.averageResolutionDays, f.apologies, f.apologiesMissed, f.supplementRequests.atIntake, f.supplementRequests.afterAppraisal].map(n);

  it('shows the figures per lead agency, procedure and channel as the figures API answers, equal to II.06a and 766', async () => {
    const { page } = browser;
    const q = `from=${Q2.from}&to=${Q2.to}`;
    const figures = await api<FiguresReport>(page, `/api/v1/reports/figures?${q}`);
    const r766 = await api<Report766>(page, `/api/v1/reports/766?${q}`);
    const ii06a = await api<Ii06aReport>(page, `/api/v1/reports/ii06a?${q}`);
    expect(figures.agencies.length).toBeGreaterThan(1);
    expect(await tableValues(page, 'agency-table', 'data-agency')).toEqual([...figures.agencies.map((a) => [a.agency ?? '', ...figureValues(a)]), [null, ...figureValues(figures.total)]]);
    expect(await tableValues(page, 'procedure-table', 'data-procedure')).toEqual([...figures.procedures.map((p) => [p.procedureCode, ...figureValues(p)]), [null, ...figureValues(figures.total)]]);
    expect(await tableValues(page, 'channel-table', 'data-channel')).toEqual([...figures.channels.map((c) => [c.channel ?? '', ...figureValues(c)]), [null, ...figureValues(figures.total)]]);
    // The same numbers as the statutory reports, agency by agency (their fields added up).
    for (const agency of new Set([...r766.rows.map((r) => r.agency), ...ii06a.rows.map((r) => r.agency)])) {
      const mine = ii06a.rows.filter((r) => r.agency === agency);
      const sum = (f: (r: (typeof mine)[number]) => number) => mine.reduce((x, r) => x + f(r), 0);
      const f = figures.agencies.find((a) => a.agency === agency);
      const shown = f ?? { ...figures.total, received: 0, resolved: { total: 0, early: 0, onTime: 0, late: 0 }, apologies: 0, supplementRequests: { atIntake: 0, afterAppraisal: 0 }, onTime: { count: 0, of: 0, percent: null } };
      expect([agency, shown.received, shown.resolved, shown.apologies, shown.supplementRequests, shown.onTime]).toEqual([
        agency,
        sum((r) => r.received.total),
        { total: sum((r) => r.resolved.total), early: sum((r) => r.resolved.early), onTime: sum((r) => r.resolved.onTime), late: sum((r) => r.resolved.late) },
        sum((r) => r.apologies),
        { atIntake: sum((r) => r.intakeSupplementRequests), afterAppraisal: sum((r) => r.supplementRequests) },
        r766.rows.find((r) => r.agency === agency)?.onTime ?? { count: 0, of: 0, percent: null },
      ]);
    }
    expect(await page.locator('#agency-chart canvas').count()).toBeGreaterThan(0);
    await page.locator('#agency-title').scrollIntoViewIfNeeded();
    await browser.screenshot('dashboard-reports-agencies');
    expect(browser.errors).toEqual([]);
  });

  it('shows Decision 766\'s indicators, Circular 01\'s scores and the handoffs per receiving agency as the API answers', async () => {
    const { page } = browser;
    const q = `from=${Q2.from}&to=${Q2.to}`;
    const r766 = await api<Report766>(page, `/api/v1/reports/766?${q}`);
    const c01 = await api<ReportCircular01>(page, `/api/v1/reports/circular01?${q}`);
    const handoffs = await api<HandoffPerformance>(page, `/api/v1/dashboard/handoffs?${q}`);
    const rates = (x: Report766['total']) => [x.onTime.percent, x.online.percent, x.postal.percent].map(n);
    expect(await tableValues(page, 'r766-table', 'data-agency')).toEqual([...r766.rows.map((r) => [r.agency ?? '', ...rates(r)]), [null, ...rates(r766.total)]]);
    expect(await tableValues(page, 'r766-procedures', 'data-procedure')).toEqual(r766.procedures.map((p) => [p.procedureCode, String(p.resolved), String(p.averageProcessingDays)]));
    expect(await page.locator('#c01-total dd').evaluateAll((dds) => dds.map((dd) => dd.getAttribute('data-value')))).toEqual(
      [c01.total.dossiers, c01.total.dossierAverageScore, c01.total.parts, c01.total.partAverageScore].map(n),
    );
    expect(await tableValues(page, 'c01-agencies', 'data-agency')).toEqual(c01.agencies.map((a) => [a.agency, ...[a.parts, a.early, a.onTime, a.late, a.points, a.averageScore].map(String)]));
    expect(handoffs.receivers.some((r) => r.kind === 'AGENCY' && r.finished > 0)).toBe(true);
    expect(await tableValues(page, 'handoff-table', 'data-receiver')).toEqual(
      handoffs.receivers.map((r) => [r.receiver, ...[r.received, r.finished, r.early, r.onTime, r.late, r.open, r.overdue].map(String)]),
    );
    for (const report of ['766', 'circular01', 'figures']) {
      const csv = await save(page, `[id="${report}-csv"]`);
      expect(csv.suggestedFilename()).toBe(`motcua-${report}-${Q2.from}_${Q2.to}.csv`);
      const xlsx = await save(page, `[id="${report}-xlsx"]`);
      expect(await firstBytes(xlsx, 2)).toEqual([0x50, 0x4b]);
    }
    await page.locator('#r766-title').scrollIntoViewIfNeeded();
    await browser.screenshot('dashboard-reports-indicators');
    expect(seriousOnly(await axeViolations(page))).toEqual([]);
    expect(browser.errors).toEqual([]);
  });

  it('narrows every table to a lead agency and a field, as the API does for the same filter', async () => {
    const { page } = browser;
    const all = await api<Ii06aReport>(page, `/api/v1/reports/ii06a?from=${Q2.from}&to=${Q2.to}`);
    // The lead agency with the most lines, and its first field when the scenarios' procedures name one.
    const lines = (a: string | null) => all.rows.filter((r) => r.agency === a).length;
    const agency = [...all.rows].sort((a, b) => lines(b.agency) - lines(a.agency)).find((r) => r.agency !== null)!.agency!;
    const field = all.rows.find((r) => r.agency === agency && r.field !== null)?.field ?? null;
    await page.locator('#report-agency').fill(agency);
    await page.locator('#report-field').fill(field ?? '');
    await page.getByRole('button', { name: 'Xem báo cáo' }).click();
    const query = new URLSearchParams({ from: Q2.from, to: Q2.to, agency, ...(field === null ? {} : { field }) });
    await page.waitForURL(`${dash.base}/dashboard/reports?${query}`);
    await page.locator('#report-status', { hasText: `chỉ cơ quan ${agency}${field === null ? '' : `, lĩnh vực ${field}`}` }).waitFor({ timeout: 10_000 });
    const report = await api<Ii06aReport>(page, `/api/v1/reports/ii06a?${query}`);
    const figures = await api<FiguresReport>(page, `/api/v1/reports/figures?${query}`);
    expect(report.rows.length).toBeGreaterThan(0);
    expect(report.rows.every((r) => r.agency === agency && (field === null || r.field === field))).toBe(true);
    const shown = await page.locator('#ii06a-table tbody tr, #ii06a-table tfoot tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.children].map((c, i) => (i < 2 ? c.textContent : Number(c.getAttribute('data-value'))))),
    );
    expect(shown).toEqual(ii06aSheets(report)[0].rows.map((r) => r.map((c, i) => (i === 1 && c === null ? '' : c))));
    expect(await tableValues(page, 'agency-table', 'data-agency')).toEqual([...figures.agencies.map((a) => [a.agency ?? '', ...figureValues(a)]), [null, ...figureValues(figures.total)]]);
    expect(figures.total.resolved).toEqual(report.total.resolved);
    await browser.screenshot('dashboard-reports-filtered');
    expect(browser.errors).toEqual([]);
  });

  it('shows the post\'s legs and the alert webhook\'s failures on the board page, as the API answers', async () => {
    const { page } = browser;
    await dash.store.db
      .insertInto('alert_webhook_outbox')
      .values({ event_id: 'alert-1', dossier_code: m02.code, body: '{}', raised_at: new Date(lastAt), status: 'FAILED', attempts: 4, next_attempt_at: new Date(lastAt), last_error: 'HTTP 410 Gone', settled_at: new Date(lastAt) })
      .execute();
    await page.goto(`${dash.base}/dashboard`);
    await page.locator('#alert-failures tbody tr').first().waitFor();
    const postal = await api<PostalTransit>(page, '/api/v1/dashboard/postal-legs');
    const failures = await api<AlertWebhookFailures>(page, '/api/v1/operations/alert-webhook');
    expect(postal.units.length).toBeGreaterThan(0);
    expect(await tableValues(page, 'postal-table', 'data-unit')).toEqual(postal.units.map((u) => [u.unit, String(u.inTransit), String(u.late), String(u.endedLate)]));
    expect(failures).toMatchObject({ failed: 1, retrying: 0 });
    await expect(page.locator('#alert-failures-summary').textContent()).resolves.toBe('Bỏ cuộc: 1 · Đang thử lại: 0');
    await expect(page.locator('#alert-failures tbody tr[data-event="alert-1"] td').allTextContents()).resolves.toEqual(['Bỏ cuộc', '4', expect.any(String), 'HTTP 410 Gone', '—']);
    await page.locator('#postal-title').scrollIntoViewIfNeeded();
    await browser.screenshot('dashboard-operations');
    expect(seriousOnly(await axeViolations(page))).toEqual([]);
    expect(browser.errors).toEqual([]);
  });

  it("shows a dossier's control sheet and saves its PDF", async () => {
    const { page } = browser;
    await page.goto(`${dash.base}/dashboard/dossiers/${m02.code}`);
    await page.locator('#control-sheet tbody tr').first().waitFor();
    const sheet = await api<ControlSheet>(page, `/api/v1/dossiers/${m02.code}/control-sheet`);
    expect(sheet.rows.length).toBeGreaterThan(1);
    await expect(page.locator('#control-sheet tbody tr').count()).resolves.toBe(sheet.rows.length);
    const firstRow = await page.locator('#control-sheet tbody tr').first().locator('td').allTextContents();
    expect(firstRow[0]).toContain(sheet.rows[0].from.unit);
    expect(firstRow[1]).toContain(sheet.rows[0].to.unit);
    const pdf = await save(page, '#control-sheet-pdf');
    expect(pdf.suggestedFilename()).toBe(`${m02.code}-mau-05.pdf`);
    expect(Buffer.from(await firstBytes(pdf, 5)).toString('latin1')).toBe('%PDF-');
    // Its forms (M02: accepted, apologised) and its workflow in the Temporal UI.
    await expect(page.locator('#dossier-forms button').allTextContents()).resolves.toEqual([expect.stringMatching(/^Mẫu 01/), expect.stringMatching(/^Mẫu 04/)]);
    const form01 = await save(page, '#form-01');
    expect(Buffer.from(await firstBytes(form01, 5)).toString('latin1')).toBe('%PDF-');
    await expect(page.locator('#temporal-link').getAttribute('href')).resolves.toBe(`${TEST_TEMPORAL_UI}/namespaces/${process.env.TEMPORAL_NAMESPACE ?? "default"}/workflows/${encodeURIComponent(m02.code)}`);
    await browser.screenshot('dashboard-dossier-control-sheet');
    expect(seriousOnly(await axeViolations(page))).toEqual([]);
    expect(browser.errors).toEqual([]);
  });
});
