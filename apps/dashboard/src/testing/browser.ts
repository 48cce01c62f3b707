import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';

/** Debian's Chromium (infra/local/chromium.sh installs it); CHROMIUM_PATH names another. Never a downloaded one. */
export const chromiumPath = (): string | null => {
  const candidate = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  return fs.existsSync(candidate) ? candidate : null;
};

/** Where screenshots go: git-ignored, kept after the run as the tests' artifacts. */
export const ARTIFACTS = path.resolve(__dirname, '../../../../artifacts/browser');

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  /** Every console error and uncaught page error so far (a test expects none). */
  errors: string[];
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** A page whose console errors and uncaught exceptions are collected, with its screenshots. */
function watched(page: Page): Pick<TestBrowser, 'page' | 'errors' | 'screenshot'> {
  const errors: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => errors.push(`page: ${e.message}`));
  return {
    page,
    errors,
    async screenshot(name) {
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      const file = path.join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
  };
}

const CONTEXT = { locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' } as const;

/**
 * Chromium headless, in a fresh profile folder of its own (removed on close), one page whose
 * console errors and uncaught exceptions are collected.
 */
export async function launchBrowser(options: { viewport?: { width: number; height: number } } = {}): Promise<TestBrowser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('no Chromium at /usr/bin/chromium (apt-get install -y chromium; infra/local/chromium.sh does it)');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: FLAGS,
    viewport: options.viewport ?? { width: 1366, height: 768 },
    ...CONTEXT,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    ...watched(page),
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * One Chromium for several people at once: each `person()` is a context of its own (its own
 * cookies and session storage, so its own login), far lighter than a browser each.
 */
export async function launchSharedBrowser(): Promise<{ person(viewport?: { width: number; height: number }): Promise<TestBrowser>; close(): Promise<void> }> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('no Chromium at /usr/bin/chromium (apt-get install -y chromium; infra/local/chromium.sh does it)');
  const browser = await chromium.launch({ executablePath, headless: true, args: FLAGS });
  return {
    async person(viewport = { width: 1366, height: 768 }) {
      const context = await browser.newContext({ viewport, acceptDownloads: true, ...CONTEXT });
      const page = await context.newPage();
      return { context, ...watched(page), close: () => context.close() };
    },
    close: () => browser.close(),
  };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/**
 * axe-core run in the page (its source evaluated through the debugging protocol, which the
 * page's content policy does not govern, rather than an inline script tag, which it forbids).
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const source = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  const result = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    // No context: the whole document.
    return axe.run({ resultTypes: ['violations'] });
  });
  return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
}

/** The violations a test does not accept: serious and critical ones. */
export const seriousOnly = (violations: AxeViolation[]): AxeViolation[] => violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
