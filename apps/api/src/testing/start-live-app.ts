import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import { createPostalActivities, HttpPostalOperator } from '@motcua/activities';
import { DOSSIER_EVENTS_TOPIC } from '@motcua/contracts';
import { brokersFromEnv, KafkaPublisher, KafkaTopicAdmin } from '@motcua/event-bus';
import type { ApplicantContacts, Store } from '@motcua/store';
import { buildWorkflowBundle, createDossierWorker, temporalSettingsFromEnv } from '@motcua/temporal';
import { AppModule } from '../app.module';
import { createApiApp } from '../app-setup';
import type { Principal } from '../auth/principal';
import type { TokenVerifier } from '../auth/token-verifier';
import { apiConfigFromEnv, type ApiConfig } from '../config/api-config';
import type { ProcedureCatalog } from '../procedures/procedure-catalog';
import { APPLICANT_CONTACTS, STORE } from '../store/store.tokens';
import { TEST_APPLICANT_REF_SECRET } from './test-applicant-ref-secret';
import { TestTokens } from './test-tokens';

// Response bodies are whatever JSON the API answered; tests read them freely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export interface LiveApp {
  url: string;
  tokens: TestTokens;
  /** The API's operational store (its read model too): where a projector in the test folds. */
  store: Store;
  /** fetch against the API, JSON in and out, with a bearer token of `as`. */
  call(method: string, path: string, body: unknown, as: Principal): Promise<{ status: number; body: Json }>;
  close(): Promise<void>;
}

/**
 * The production AppModule against the real servers of the environment (TEMPORAL_ADDRESS,
 * KAFKA_BROKERS: infra/local/stack.sh), with a worker in this process on a task queue of its own
 * (so a re-run starts from fresh workflows), for integration tests. Tokens are a test issuer's: the
 * test's own units have no account at the local identity provider.
 */
export async function startLiveApp(options: {
  name: string;
  catalog: ProcedureCatalog;
  config?: Partial<ApiConfig>;
  /**
   * The worker's postal orders placed for real, at the operator's order API at `operatorUrl` (the
   * postal simulator), with this API's webhook as the callback. Without it, orders wait (retried)
   * as in a worker with no POSTAL_API_URL. The operator's signatures verify with
   * `config.postalWebhookSecrets`.
   */
  postal?: { operatorUrl: string };
  /** Whose tokens the API accepts; default the test issuer of `tokens` (then `call` works). */
  verifier?: TokenVerifier;
  /** Default a free one. */
  port?: number;
  /** Default `<name>-<random>`: a queue of the run's own. */
  taskQueue?: string;
}): Promise<LiveApp> {
  const temporal = { ...temporalSettingsFromEnv(), taskQueue: options.taskQueue ?? `${options.name}-${randomUUID()}` };
  const brokers = brokersFromEnv();
  // Bundled while the API starts: webpack's reads overlap the store's start (together they are
  // most of the start-up on a loaded machine).
  const bundle = process.env.MOTCUA_WORKFLOW_BUNDLE ? undefined : buildWorkflowBundle();
  bundle?.catch(() => undefined); // awaited below; not unhandled should the API fail first
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const admin = new KafkaTopicAdmin({ brokers, clientId: options.name });
  await admin.ensureTopic(DOSSIER_EVENTS_TOPIC);
  await admin.close();

  // The API first: the worker's postal orders read the addresses from the store the API writes
  // (an embedded store belongs to the one process that opened it, so the same instance), and
  // name the API's webhook as the callback.
  const config = { ...apiConfigFromEnv({ ...process.env, APPLICANT_REF_SECRET: TEST_APPLICANT_REF_SECRET }), temporal, ...options.config };
  const tokens = await TestTokens.create();
  const app = await createApiApp(AppModule.forRoot(config, options.catalog, options.verifier ?? tokens.verifier), { logger: false, requestLog: false });
  await app.listen(options.port ?? 0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');

  const postal = options.postal && createPostalActivities({
    operator: new HttpPostalOperator({ baseUrl: options.postal.operatorUrl }),
    contacts: app.get<symbol, ApplicantContacts>(APPLICANT_CONTACTS),
    callbackUrl: `${url}/api/v1/postal/events`,
    unitName: (id) => options.catalog.units.find(id)?.name,
  });
  const connection = await NativeConnection.connect({ address: temporal.address });
  const publisher = new KafkaPublisher({ brokers, clientId: `${options.name}-worker` });
  const worker: Worker = await createDossierWorker({ connection, namespace: temporal.namespace, taskQueue: temporal.taskQueue, publisher, postal, ...(bundle ? { workflowBundle: await bundle } : {}) });
  const running = worker.run();
  return {
    url,
    tokens,
    store: app.get<symbol, Store>(STORE),
    async call(method, path, body, as) {
      const res = await fetch(url + path, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokens.tokenFor(as)}` },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Json };
    },
    async close() {
      // The worker first: its postal activities read the API's store.
      worker.shutdown();
      await running;
      await app.close();
      await publisher.close();
      await connection.close();
    },
  };
}

/** Polls `fn` until it gives a value, or fails naming `what` after `timeoutMs`. */
export async function eventually<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
