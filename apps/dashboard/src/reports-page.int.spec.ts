import * as fs from 'node:fs';
import { calendarFor } from '@motcua/calendar';
import { Dossier } from '@motcua/dossier';
import { II06A_HEADERS, ii06aSheets, type Ii06aReport, type Report766 } from '@motcua/reports';
import type { ControlSheet } from '@motcua/contracts';
import type { Download, Page } from 'playwright-core';
import { scenarioLogs } from '../../projector/src/testing/scenario-events';
import { axeViolations, chromiumPath, launchBrowser, seriousOnly, type TestBrowser } from './testing/browser';
import { logIn, pageToken, startDashboardApp, type DashboardApp } from './testing/dashboard-app';

/**
 * The reports page and the dossier's control sheet in Debian's Chromium: every scenario's dossier
 * folded into the read model, Form II.06a for Q2 2026 chosen with the period picker and compared
 * with the reports API's JSON for the same period (the page shows what the API answers), its CSV
 * and XLSX saved through the page's buttons, the figures per lead agency, and a dossier's control
 * sheet with its PDF. No console error, no serious axe violation, screenshots in artifacts/browser/.
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

  it('shows the figures per lead agency from the 766 and II.06a reports, with their chart', async () => {
    const { page } = browser;
    const r766 = await api<Report766>(page, `/api/v1/reports/766?from=${Q2.from}&to=${Q2.to}`);
    const ii06a = await api<Ii06aReport>(page, `/api/v1/reports/ii06a?from=${Q2.from}&to=${Q2.to}`);
    const agencies = [...new Set([...r766.rows.map((r) => r.agency), ...ii06a.rows.map((r) => r.agency)])];
    await expect(page.locator('#agency-table tbody tr').count()).resolves.toBe(agencies.length);
    for (const agency of agencies) {
      const mine = ii06a.rows.filter((r) => r.agency === agency);
      const sum = (f: (r: (typeof mine)[number]) => number) => mine.reduce((n, r) => n + f(r), 0);
      const rate = r766.rows.find((r) => r.agency === agency)?.onTime.percent ?? null;
      const values = await page.locator(`#agency-table tbody tr[data-agency="${agency ?? ''}"] td`).evaluateAll((tds) => tds.map((td) => td.getAttribute('data-value')));
      expect(values).toEqual([
        rate === null ? '' : String(rate),
        ...[sum((r) => r.resolved.early), sum((r) => r.resolved.onTime), sum((r) => r.resolved.late), sum((r) => r.apologies), sum((r) => r.intakeSupplementRequests + r.supplementRequests)].map(String),
      ]);
    }
    expect(await page.locator('#agency-chart canvas').count()).toBeGreaterThan(0);
    await page.locator('#agency-title').scrollIntoViewIfNeeded();
    await browser.screenshot('dashboard-reports-agencies');
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
    await browser.screenshot('dashboard-dossier-control-sheet');
    expect(seriousOnly(await axeViolations(page))).toEqual([]);
    expect(browser.errors).toEqual([]);
  });
});
