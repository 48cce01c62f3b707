import 'reflect-metadata';
import { logProcessWarningsAsJson } from '@motcua/temporal';
import { AppModule } from './app.module';
import { createApiApp } from './app-setup';
import { apiConfigFromEnv } from './config/api-config';
import { JsonLogger, logLine } from './logging/json-logger';

/** The HTTP API (CONTRACTS.md). Port API_PORT (3000), host API_HOST (127.0.0.1). */
async function main() {
  logProcessWarningsAsJson('api');
  const config = apiConfigFromEnv();
  // Idempotency keys and officers' notes must survive a restart: never an in-memory store here.
  if (!config.store.url && !config.store.dataDir) {
    throw new Error('no operational store: set DATABASE_URL (PostgreSQL) or STORE_DIR (a folder for the embedded store)');
  }
  const app = await createApiApp(AppModule.forRoot(config), { logger: new JsonLogger(), bufferLogs: true });
  // SIGTERM / SIGINT: stop accepting requests, then close the Temporal connection and Kafka admin.
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  if (config.insecureKeys) {
    logLine('warn', 'MOTCUA_DEV_INSECURE_KEYS=1: APPLICANT_REF_SECRET is missing, short or public, and is used anyway; never run real applicants in this mode');
  }
  if (!config.postalWebhookSecrets) {
    logLine('warn', 'POSTAL_WEBHOOK_SECRETS is not set: POST /api/v1/postal/events answers 503 POSTAL.WEBHOOK_NOT_CONFIGURED');
  }
  logLine('info', 'api started', { url: await app.getUrl(), temporal: config.temporal.address, kafka: config.kafkaBrokers });
}

main().catch((e) => {
  logLine('error', 'api failed to start', { error: e instanceof Error ? e.stack : String(e) });
  process.exit(1);
});
