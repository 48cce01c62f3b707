import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DOSSIER_EVENTS_TOPIC } from '@motcua/contracts';
import { brokersFromEnv, KafkaSubscriber } from '@motcua/event-bus';
import type { Store } from '@motcua/store';
// The whole stack in one test, app to app, as the other browser tests wire it: the real API module
// and a worker (start-live-app), the identity provider's process, the projector's own classes.
import { DEFAULT_CLAIM_PATHS } from '../../../api/src/auth/claims';
import { OidcTokenVerifier } from '../../../api/src/auth/oidc-token-verifier';
import type { ApiConfig } from '../../../api/src/config/api-config';
import { builtInCatalog, type ProcedureCatalog } from '../../../api/src/procedures/procedure-catalog';
import { startLiveApp, type LiveApp } from '../../../api/src/testing/start-live-app';
import { API_AUDIENCE, CLI_CLIENT_ID, CLI_REDIRECT_URI } from '../../../identity/src/config';
import { obtainTokens } from '../../../identity/src/login-flow';
import { freePort, startProvider, type ProviderProcess } from '../../../identity/src/testing/provider-process';
import { AlertWebhookSender } from '../../../projector/src/alerts/alert-webhook-sender';
import { Projector } from '../../../projector/src/projector';
import { buildDashboard } from '../build';

// Response bodies are whatever the API answered (JSON parsed, else the text); tests read them freely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/**
 * One task queue for every live stack. The seeded accounts' one-stop units are the built-in ones,
 * and a unit-day's code allocator (a workflow of its own, `dossier-codes:<unit>:<yymmdd>`) stays on
 * the queue of the run that started it: on a queue of each run's own, the next run registering at
 * that unit the same day would wait for a worker that is gone. Whichever live stack runs next
 * serves it here. Every worker on it runs the same workflows with the same activities.
 */
export const LIVE_STACK_TASK_QUEUE = 'motcua-live-stack';

export interface LiveStackOptions {
  /** Names the Kafka clients and the projector's consumer group (a fresh group each start). */
  name: string;
  /** Default the built-in catalog. Its one-stop units need a seeded account to act (the built-in units have one). */
  catalog?: ProcedureCatalog;
  /** Over the environment's (e.g. `{ calendarId: 'TEST-ALWAYS-OPEN' }`). */
  apiConfig?: Partial<ApiConfig>;
  /** The projector pushes near-due and overdue alerts there, signed with `secret` (`whsec_…`). */
  alertWebhook?: { url: string; secret: string };
}

export interface LiveStack {
  /** http://127.0.0.1:<port>: the API, serving the built pages at /dashboard. */
  base: string;
  /** The API's store: the read model the projector folds into and the API reads. */
  store: Store;
  /** The identity provider's issuer. */
  issuer: string;
  /** fetch against the API with `token` as bearer (none: anonymous); JSON in, JSON (or text) out. */
  call(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: Json; headers: Headers }>;
  /** An access token of a seeded account (`ops`, `mc.000.00.00.h26`, …; password = username by default), from the provider's login. */
  tokenOf(user: string, password?: string): Promise<string>;
  /** The projector folding in this process (its totals, its metrics). */
  projector: Projector;
  close(): Promise<void>;
}

/**
 * The whole system against the real servers of the environment (TEMPORAL_ADDRESS, KAFKA_BROKERS:
 * infra/local/stack.sh), for browser tests that go from an HTTP command to the page:
 * - the identity provider in a process of its own with its seeded accounts (the test logs in with
 *   `logIn(page, base, path, user)` of dashboard-app.ts, or takes a token with `tokenOf`);
 * - the production API module on a free port, verifying that provider's tokens, serving the
 *   dashboard built afresh, with a worker in this process on LIVE_STACK_TASK_QUEUE;
 * - the projector consuming dossier.events with a consumer group of its own (from the topic's
 *   start) into the API's store, and, with `alertWebhook`, sending its alerts' outbox there.
 * The interface is kept stable: other tests build on it.
 */
export async function startLiveStack(options: LiveStackOptions): Promise<LiveStack> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const closers: (() => Promise<void>)[] = [];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
  };
  try {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-live-dashboard-'));
    closers.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    // Two processes of their own (the provider, esbuild): side by side.
    const [idp] = await Promise.all([
      startProvider({ env: { IDP_WEB_REDIRECT_URIS: `${base}/auth/callback` } }).then((p: ProviderProcess) => (closers.push(() => p.stop()), p)),
      buildDashboard(dir),
    ]);

    const auth = { issuer: idp.issuer, audience: API_AUDIENCE, claims: DEFAULT_CLAIM_PATHS, clockToleranceS: 30 };
    const api: LiveApp = await startLiveApp({
      name: options.name,
      catalog: options.catalog ?? builtInCatalog(),
      config: { dashboardDir: dir, auth, temporalUi: null, ...options.apiConfig },
      verifier: new OidcTokenVerifier(auth),
      port,
      taskQueue: LIVE_STACK_TASK_QUEUE,
    });
    closers.push(() => api.close());

    const db = api.store.db;
    const alerts = options.alertWebhook && new AlertWebhookSender({ db, ...options.alertWebhook, pollMs: 250 });
    const projector = new Projector({
      db,
      subscriber: new KafkaSubscriber({ brokers: brokersFromEnv(), clientId: `${options.name}-projector` }),
      topic: DOSSIER_EVENTS_TOPIC,
      group: `${options.name}-${randomUUID()}`,
      alerts,
    });
    await projector.start();
    closers.push(() => projector.stop());
    if (alerts) {
      alerts.start();
      closers.push(() => alerts.stop());
    }

    const tokens = new Map<string, Promise<string>>();
    return {
      base,
      store: api.store,
      issuer: idp.issuer,
      projector,
      async call(method, path, body, token) {
        const res = await fetch(base + path, {
          method,
          headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await res.text();
        let parsed: Json = text;
        if ((res.headers.get('content-type') ?? '').includes('json')) parsed = JSON.parse(text);
        return { status: res.status, body: parsed, headers: res.headers };
      },
      tokenOf(user, password = user) {
        const key = `${user}\n${password}`;
        let token = tokens.get(key);
        if (!token) {
          // The authorization code flow with PKCE through the login form, as `npm run token` logs in.
          token = obtainTokens({ issuer: idp.issuer, clientId: CLI_CLIENT_ID, redirectUri: CLI_REDIRECT_URI, username: user, password }).then((t) => t.access_token);
          token.catch(() => tokens.delete(key));
          tokens.set(key, token);
        }
        return token;
      },
      close: closeAll,
    };
  } catch (e) {
    await closeAll();
    throw e;
  }
}
