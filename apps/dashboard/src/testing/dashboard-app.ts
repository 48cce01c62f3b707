import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { Page } from 'playwright-core';
import { openStore, SqlReportSource, type Store } from '@motcua/store';
import type { RecordedEvent } from '@motcua/dossier';
// The browser tests run the real API in this process (its module, as main.ts builds it, with the
// read model of a store the test folds events into) and the identity provider in a process of its
// own: app-to-app wiring, in tests only.
import { AppModule } from '../../../api/src/app.module';
import { createApiApp } from '../../../api/src/app-setup';
import { DEFAULT_CLAIM_PATHS } from '../../../api/src/auth/claims';
import { OidcTokenVerifier } from '../../../api/src/auth/oidc-token-verifier';
import { InMemoryDossierGateway } from '../../../api/src/testing/in-memory-dossier-gateway';
import { freePort, startProvider, type ProviderProcess } from '../../../identity/src/testing/provider-process';
import { foldBatch } from '../../../projector/src/projection/fold';
import { messageOf } from '../../../projector/src/testing/scenario-events';
import { buildDashboard } from '../build';

/** The Temporal Web UI the pages link to in the browser tests. */
export const TEST_TEMPORAL_UI = 'http://127.0.0.1:8233';

export interface DashboardApp {
  /** http://127.0.0.1:<port>, the API serving the built pages. */
  base: string;
  store: Store;
  /** The dossiers the dossier page reads (Temporal's state, here the domain in memory). */
  gateway: InMemoryDossierGateway;
  /** Folds events into the read model as the projector does. */
  fold(events: RecordedEvent[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * The identity provider, the dashboard built afresh and the API on a free port, reading its board
 * and reports from an embedded store; `now` is the API's clock (a scenario's day: no test depends
 * on today's date).
 */
export async function startDashboardApp(now: () => number): Promise<DashboardApp> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const idp: ProviderProcess = await startProvider({ env: { IDP_WEB_REDIRECT_URIS: `${base}/auth/callback` } });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-dashboard-'));
  await buildDashboard(dir);
  const store = await openStore({});
  const gateway = new InMemoryDossierGateway(now);
  const verifier = new OidcTokenVerifier({ issuer: idp.issuer, audience: 'motcua-api', claims: DEFAULT_CLAIM_PATHS, clockToleranceS: 30 });
  const app: INestApplication = await createApiApp(
    AppModule.forTest({
      gateway,
      verifier,
      readModel: store.db,
      reports: new SqlReportSource(store.db),
      clock: { now },
      config: {
        dashboardDir: dir,
        // The dossier page's workflow link (its href is checked; no Temporal UI serves it here).
        temporalUi: TEST_TEMPORAL_UI,
        auth: { issuer: idp.issuer, audience: 'motcua-api', claims: DEFAULT_CLAIM_PATHS, clockToleranceS: 30 },
        stream: { feedIntervalMs: 100, heartbeatMs: 1000, retryMs: 500, ticketTtlMs: 60_000 },
      },
    }),
    { logger: false, requestLog: false },
  );
  await app.listen(port, '127.0.0.1');
  let offset = 0;
  return {
    base,
    store,
    gateway,
    async fold(events) {
      const messages = events.map((r) => ({ offset: String(offset++), value: messageOf(r) }));
      await foldBatch(store.db, { group: 'dashboard-test', topic: 'dossier.events', partition: 0, messages });
    },
    async close() {
      await app.close();
      await store.close();
      await idp.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The identity provider's login form, filled as a person does; back on `path` once logged in. */
export async function logIn(page: Page, base: string, pathAndQuery: string, user = 'ops'): Promise<void> {
  await page.goto(`${base}${pathAndQuery}`);
  await page.locator('#username').fill(user);
  await page.locator('#password').fill(user);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(`${base}${pathAndQuery}`);
}

/** The page's access token (sessionStorage), for the test to ask the API what the page asked. */
export async function pageToken(page: Page): Promise<string> {
  return page.evaluate(() => (JSON.parse(sessionStorage.getItem('motcua.token') ?? '{}') as { accessToken: string }).accessToken);
}
