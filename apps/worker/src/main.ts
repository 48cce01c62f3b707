import { NativeConnection } from '@temporalio/worker';
import { DOSSIER_EVENTS_TOPIC } from '@motcua/contracts';
import { brokersFromEnv, KafkaPublisher, KafkaTopicAdmin } from '@motcua/event-bus';
import { createDossierWorker, installTemporalRuntime, logProcessWarningsAsJson, maxCachedWorkflowsFromEnv, temporalSettingsFromEnv } from '@motcua/temporal';
import { openStore } from '@motcua/store';
import { notificationsFromEnv } from './notifications';
import { postalFromEnv } from './postal';

/**
 * The Temporal worker: runs dossier workflows, publishes their events to Kafka and gives the
 * postal operator its orders (POSTAL_API_URL; see ./postal.ts) and the applicant their notices
 * (./notifications.ts). Scale it horizontally on the task queue; every instance is the same.
 */
function log(level: string, msg: string, fields: Record<string, unknown> = {}) {
  process.stderr.write(JSON.stringify({ time: new Date().toISOString(), level, service: 'worker', msg, ...fields }) + '\n');
}

async function main() {
  logProcessWarningsAsJson('worker');
  installTemporalRuntime('worker');
  const temporal = temporalSettingsFromEnv();
  const maxCachedWorkflows = maxCachedWorkflowsFromEnv();
  const kafka = { brokers: brokersFromEnv(), clientId: 'motcua-worker' };
  const admin = new KafkaTopicAdmin(kafka);
  // The same settings as infra/local/kafka-topics.js, should the worker be the first to need the topic.
  await admin.ensureTopic(DOSSIER_EVENTS_TOPIC, {
    partitions: Number(process.env.KAFKA_PARTITIONS ?? 3),
    replicationFactor: Number(process.env.KAFKA_REPLICATION_FACTOR ?? 1),
    keepForever: true,
  });
  await admin.close();

  const connection = await NativeConnection.connect({ address: temporal.address });
  // The dossiers' publishes that meet go to the broker as one request (KafkaPublisher).
  const publisher = new KafkaPublisher(kafka);
  // The store the API keeps contact data in, opened once for the post's orders and the applicant notifications.
  const store = process.env.DATABASE_URL ? await openStore({ url: process.env.DATABASE_URL }) : null;
  const postal = postalFromEnv(store);
  const { notifications, summary } = notificationsFromEnv(store);
  if (!notifications) log('warn', 'applicant notifications off: DATABASE_URL is not set, and the embedded store is the API process\'s own');
  const worker = await createDossierWorker({
    connection,
    namespace: temporal.namespace,
    taskQueue: temporal.taskQueue,
    publisher,
    postal: postal.activities,
    notifications,
    maxCachedWorkflows,
  });
  log('info', 'worker started', { temporal: temporal.address, taskQueue: temporal.taskQueue, kafka: kafka.brokers, maxCachedWorkflows: maxCachedWorkflows ?? 'SDK default', ...postal.summary, ...summary });
  // Worker.run() shuts down gracefully on SIGINT/SIGTERM (Runtime's default shutdown signals).
  await worker.run();
  await publisher.close();
  await store?.close();
  await connection.close();
  log('info', 'worker stopped');
}

main().catch((e) => {
  log('error', 'worker failed', { error: e instanceof Error ? e.stack : String(e) });
  process.exit(1);
});
