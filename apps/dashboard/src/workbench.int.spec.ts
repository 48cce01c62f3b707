import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page, Request } from 'playwright-core';
import { ARTIFACTS, axeViolations, chromiumPath, launchSharedBrowser, seriousOnly, type TestBrowser } from './testing/browser';
import { logIn, pageToken } from './testing/dashboard-app';
import { startLiveStack, type LiveStack } from './testing/live-stack';

/**
 * The officers' workbench in Debian's Chromium, one browser context per officer, each logged in
 * through the identity provider's form: a one-stop officer registers a dossier of a two-stage
 * procedure of the catalog (LLTP-CAP-PHIEU: SO_TU_PHAP, then CONG_AN_TINH) at the counter and
 * accepts it, then saves Form 01; the first agency's officer finds it in the queue and completes
 * (a double click: one command, one event); the second agency's officer, whose queue was open
 * all along, sees it arrive without a reload and completes; the one-stop officer returns the
 * result; an officer of a third agency never sees it and is refused its page. The whole stack
 * runs (startLiveStack: the identity provider, the API with a worker on Temporal, the projector
 * on Kafka): the queue is the read model the projector folds the dossier's events into. No
 * console error, no serious axe violation; screenshots in artifacts/browser/.
 */
const required = process.env.MOTCUA_REQUIRE_INTEGRATION === '1';
const haveChromium = chromiumPath() !== null;
const haveServers = Boolean(process.env.TEMPORAL_ADDRESS && process.env.KAFKA_BROKERS);
if (required && !haveChromium) throw new Error('MOTCUA_REQUIRE_INTEGRATION=1 but no Chromium (infra/local/chromium.sh path installs it)');
if (required && !haveServers) throw new Error('MOTCUA_REQUIRE_INTEGRATION=1 but TEMPORAL_ADDRESS / KAFKA_BROKERS are not set');
const describeWithBrowser = haveChromium && haveServers ? describe : describe.skip;

const PROCEDURE = 'LLTP-CAP-PHIEU';
const ONE_STOP = 'mc.000.00.00.h26';
const FIRST = 'cb.so_tu_phap';
const SECOND = 'cb.cong_an_tinh';
const OUTSIDER = 'cb.so_y_te';

describeWithBrowser('the officers\u2019 workbench in a browser', () => {
  let stack: LiveStack;
  let shared: Awaited<ReturnType<typeof launchSharedBrowser>>;
  const people: TestBrowser[] = [];
  let code = '';

  const person = async (user: string, at: string, viewport?: { width: number; height: number }): Promise<TestBrowser> => {
    const p = await shared.person(viewport);
    people.push(p);
    await logIn(p.page, stack.base, at, user);
    return p;
  };
  const dossierOf = async (page: Page) => {
    const res = await stack.call('GET', `/api/v1/dossiers/${code}`, undefined, await pageToken(page));
    expect(res.status).toBe(200);
    return res.body as { status: string; holders: string[]; events: { type: string; actor: { agency: string | null } }[] };
  };
  /** No serious axe violation, no console error but the refusals the test expects (Chromium logs every 4xx answer). */
  const clean = async (p: TestBrowser, expected: RegExp[] = []) => {
    expect(seriousOnly(await axeViolations(p.page))).toEqual([]);
    expect(p.errors.filter((e) => !expected.some((x) => x.test(e)))).toEqual([]);
  };
  const act = async (page: Page, action: string) => {
    const done = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/${action}`));
    await page.locator(`#action-${action}`).click();
    expect((await done).status()).toBe(200);
    await page.locator('#action-outcome').filter({ hasText: 'Đã thực hiện' }).waitFor();
  };
  const queueRow = (page: Page) => page.locator(`#queue tr[data-code="${code}"]`);
  beforeAll(async () => {
    stack = await startLiveStack({ name: 'workbench-browser' });
    shared = await launchSharedBrowser();
    // The worker bundles the workflows with webpack at start: a minute or more on a loaded machine.
  }, 300_000);

  afterAll(async () => {
    for (const p of people) await p.close().catch(() => undefined);
    await shared?.close();
    await stack?.close();
  });

  it('a one-stop officer registers a dossier at the counter with its documents checklist, accepts it and saves Form 01', async () => {
    const desk = await person(ONE_STOP, '/workbench/intake', { width: 480, height: 900 });
    const { page } = desk;
    await page.locator('#intake-procedure').selectOption(PROCEDURE);
    const documents = page.locator('#intake-documents input[type="checkbox"]');
    await expect(documents.count()).resolves.toBe(2);
    for (const box of await documents.all()) await box.check();
    await page.getByLabel('Họ và tên').fill('Nguyễn Văn A');
    await page.getByLabel('Số định danh cá nhân / CCCD / hộ chiếu').fill('001099012345');
    await page.getByLabel('Số điện thoại').fill('0912345678');
    await desk.screenshot('workbench-intake');
    await clean(desk);
    // Enter submits the form.
    await page.getByLabel('Số điện thoại').press('Enter');
    await page.waitForURL(/\/workbench\/dossiers\/000\.00\.00\.H26-\d{6}-\d{4}$/);
    code = decodeURIComponent(page.url().split('/').pop()!);

    await page.locator('form[data-action="accept"] .effect').waitFor();
    await act(page, 'accept');
    // Focus goes to Form 01, what the counter prints next.
    await expect(page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id)).resolves.toBe('form-01');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#form-01').click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    expect(fs.readFileSync(await download.path()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await expect(page.locator('#dossier-timeline').textContent()).resolves.toContain('Tiếp nhận (Mẫu 01)');
    // What cannot be done yet is said before any click, in the rule's words.
    await page.locator('#actions-refused summary').click();
    await expect(page.locator('#action-return').isDisabled()).resolves.toBe(true);
    await expect(page.locator('#action-return-refusal').textContent()).resolves.toContain('không được phép ở tình trạng hiện tại');
    await desk.screenshot('workbench-accepted-narrow');
    await clean(desk);
  });

  it('the first agency finds it in its queue and completes; a double click applies once', async () => {
    // The second agency's queue is open from before: it must see the dossier arrive by itself.
    const second = await person(SECOND, '/workbench');
    await second.page.locator('#live-status[data-state="live"]').waitFor({ timeout: 30_000 });
    expect(await queueRow(second.page).count()).toBe(0);
    await second.page.evaluate(() => ((globalThis as unknown as { marker: number }).marker = 42));

    const first = await person(FIRST, '/workbench');
    const row = queueRow(first.page);
    await row.waitFor({ timeout: 30_000 });
    await first.screenshot('workbench-queue');
    await clean(first);
    // Search by code (Enter submits), then a status it is not in, then every status again.
    await first.page.locator('#queue-q').fill(code.slice(-11));
    await first.page.locator('#queue-q').press('Enter');
    await first.page.waitForURL(/\/workbench\?q=/);
    await row.waitFor();
    await first.page.locator('#queue-status').selectOption('SUPPLEMENT_PENDING');
    await first.page.locator('#queue tbody', { hasText: 'Không có hồ sơ nào.' }).waitFor();
    await first.page.locator('#queue-status').selectOption('');
    await row.waitFor();
    await row.locator('a').click();
    await first.page.waitForURL(`${stack.base}/workbench/dossiers/${code}`);
    await first.page.locator('#action-complete').waitFor();
    await first.screenshot('workbench-dossier-agency');
    // The README's picture, on request (MOTCUA_README_IMAGES=1): the top of this page, 1280 px wide.
    if (process.env.MOTCUA_README_IMAGES === '1') {
      await first.page.setViewportSize({ width: 1280, height: 960 });
      await first.page.screenshot({ path: path.resolve(__dirname, '../../../docs/images/workbench.png') });
      await first.page.setViewportSize({ width: 1366, height: 768 });
    }
    await clean(first);

    const posts: Request[] = [];
    first.page.on('request', (r) => r.method() === 'POST' && r.url().endsWith('/complete') && posts.push(r));
    const done = first.page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/complete'));
    await first.page.locator('#action-complete').dblclick();
    expect((await done).status()).toBe(200);
    await first.page.locator('#action-outcome').filter({ hasText: 'Đã thực hiện' }).waitFor();
    expect(posts).toHaveLength(1);
    expect(posts[0].headers()['idempotency-key']).toMatch(/^wb-/);
    const d = await dossierOf(first.page);
    expect(d.events.filter((e) => e.type === 'StagePartCompleted' && e.actor.agency === 'SO_TU_PHAP')).toHaveLength(1);
    expect(d.holders).toEqual(['CONG_AN_TINH']);

    // Live: the row appears on the second agency's open queue, the same document (no reload).
    await queueRow(second.page).waitFor({ timeout: 30_000 });
    expect(await second.page.evaluate(() => (globalThis as unknown as { marker?: number }).marker)).toBe(42);
    await second.screenshot('workbench-queue-live');
    await queueRow(second.page).locator('a').click();
    await act(second.page, 'complete');
    await clean(second);
  });

  it('the one-stop officer returns the result; an officer of a third agency never sees the dossier', async () => {
    const desk = people[0];
    // The counter's page still shows the dossier as it was after acceptance: a withdrawal, allowed
    // then, is refused now that a result exists; the page says why, beside the button, with focus.
    const refused = desk.page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/withdraw'));
    await desk.page.locator('#action-withdraw').click();
    expect((await refused).status()).toBe(409);
    await desk.page.locator('#action-withdraw-refusal', { hasText: 'Không thực hiện được' }).waitFor();
    await expect(desk.page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id)).resolves.toBe('action-withdraw-refusal');
    await desk.screenshot('workbench-refused-after-click');
    await desk.page.reload();
    await desk.page.locator('#action-return-channel').selectOption('COUNTER');
    await act(desk.page, 'return');
    await expect(dossierOf(desk.page).then((d) => d.status)).resolves.toBe('RETURNED');
    await desk.screenshot('workbench-returned');
    await clean(desk, [/status of 409 .*\/withdraw\)$/]);

    const outsider = await person(OUTSIDER, '/workbench');
    await outsider.page.locator('#queue-summary').filter({ hasText: 'hồ sơ' }).waitFor();
    expect(await queueRow(outsider.page).count()).toBe(0);
    await outsider.page.goto(`${stack.base}/workbench/dossiers/${code}`);
    await outsider.page.locator('#dossier-refused').waitFor();
    await expect(outsider.page.locator('#dossier-refused').textContent()).resolves.toBe('Tài khoản này không được xem hồ sơ này.');
    expect(await outsider.page.locator('#actions').count()).toBe(0);
    await clean(outsider, [new RegExp(`status of 403 .*/api/v1/dossiers/${code.replace(/\./g, '\\.')}\\)$`)]);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.writeFileSync(path.join(ARTIFACTS, 'workbench-dossier.txt'), `${code}\n`);
  });
});
