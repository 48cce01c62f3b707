import type { Server } from 'node:http';
import { DOSSIER_EVENTS_TOPIC } from '@motcua/contracts';
import { brokersFromEnv, KafkaSubscriber, KafkaTopicAdmin } from '@motcua/event-bus';
import { openStore, storeLocationFromEnv } from '@motcua/store';
import { AlertWebhookSender, alertWebhookFromEnv } from './alerts/alert-webhook-sender';
import { Projector, serveMetrics } from './projector';

/**
 * The projector: folds dossier.events into the read model (the current version's rm_* tables,
 * the raw event archive) of the store at DATABASE_URL, shared with the API and the worker
 * (npm start serves its embedded store to all of them), or an embedded one of its own in STORE_DIR.
 */
function log(level: string, msg: string, fields: Record<string, unknown> = {}) {
  process.stderr.write(JSON.stringify({ time: new Date().toISOString(), level, service: 'projector', msg, ...fields }) + '\n');
}

async function main() {
  const location = storeLocationFromEnv();
  if (!location.url && !location.dataDir) throw new Error('set DATABASE_URL or STORE_DIR: the read model must outlive the process');
  const topic = process.env.PROJECTOR_TOPIC ?? DOSSIER_EVENTS_TOPIC;
  const group = process.env.PROJECTOR_GROUP ?? 'motcua-projector';
  // Not 3100: that is the postal simulator's port in the contract.
  const port = Number(process.env.PROJECTOR_PORT ?? 3110);
  const kafka = { brokers: brokersFromEnv(), clientId: 'motcua-projector' };

  // Read before anything opens: a malformed webhook setting stops the start, not the first alert.
  const webhook = alertWebhookFromEnv();
  const store = await openStore(location);
  const admin = new KafkaTopicAdmin(kafka);
  // The same settings as the worker and infra/local/kafka-topics.js, should the projector be first.
  await admin.ensureTopic(topic, {
    partitions: Number(process.env.KAFKA_PARTITIONS ?? 3),
    replicationFactor: Number(process.env.KAFKA_REPLICATION_FACTOR ?? 1),
    keepForever: true,
  });
  await admin.close();

  const alerts = webhook ? new AlertWebhookSender({ db: store.db, ...webhook, log }) : undefined;
  const projector = new Projector({ db: store.db, subscriber: new KafkaSubscriber(kafka), topic, group, log, alerts });
  await projector.start();
  alerts?.start();
  const server: Server = await serveMetrics(projector, port, process.env.PROJECTOR_HOST ?? '127.0.0.1');
  log('info', 'projector started', { topic, group, store: store.engine, metrics: `http://127.0.0.1:${port}/metrics`, kafka: kafka.brokers, alertWebhook: webhook ? new URL(webhook.url).origin : null });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log('info', 'projector stopping', { signal });
    server.close();
    await projector.stop();
    await alerts?.stop();
    await store.close();
    log('info', 'projector stopped', projector.totals);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e) => {
  log('error', 'projector failed', { error: e instanceof Error ? e.stack : String(e) });
  process.exit(1);
});
