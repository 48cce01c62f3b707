import { NativeConnection } from '@temporalio/worker';
import { DOSSIER_EVENTS_TOPIC } from '@motcua/contracts';
import { brokersFromEnv, KafkaPublisher, KafkaTopicAdmin } from '@motcua/event-bus';
import { createDossierWorker, installTemporalRuntime, logProcessWarningsAsJson, temporalSettingsFromEnv } from '@motcua/temporal';
import { notificationSendersFromEnv, type NotificationDeps } from '@motcua/activities';
import { openStore, SqlApplicantContacts, SqlNotifications, type Store } from '@motcua/store';

/**
 * The Temporal worker: runs dossier workflows and publishes their events to Kafka. Scale it
 * horizontally on the task queue; every instance is the same.
 */
function log(level: string, msg: string, fields: Record<string, unknown> = {}) {
  process.stderr.write(JSON.stringify({ time: new Date().toISOString(), level, service: 'worker', msg, ...fields }) + '\n');
}

async function main() {
  logProcessWarningsAsJson('worker');
  installTemporalRuntime('worker');
  const temporal = temporalSettingsFromEnv();
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
  const publisher = new KafkaPublisher(kafka);
  const { store, notifications } = await notificationsFromEnv();
  const worker = await createDossierWorker({ connection, namespace: temporal.namespace, taskQueue: temporal.taskQueue, publisher, notifications });
  log('info', 'worker started', {
    temporal: temporal.address,
    taskQueue: temporal.taskQueue,
    kafka: kafka.brokers,
    notifications: notifications ? { store: store!.engine, sms: notifications.senders.SMS.name, email: notifications.senders.EMAIL.name } : 'off',
  });
  // Worker.run() shuts down gracefully on SIGINT/SIGTERM (Runtime's default shutdown signals).
  await worker.run();
  await publisher.close();
  await store?.close();
  await connection.close();
  log('info', 'worker stopped');
}

/**
 * The applicant notifications read the contact data the API keeps and record what they sent, so
 * they need the API's store: PostgreSQL at DATABASE_URL. An embedded (PGlite) store belongs to the
 * one process that opened it, so without DATABASE_URL the worker does not open the API's STORE_DIR
 * and sends no notification (it says so at start).
 */
async function notificationsFromEnv(): Promise<{ store: Store | null; notifications: NotificationDeps | undefined }> {
  const senders = notificationSendersFromEnv();
  if (!process.env.DATABASE_URL) {
    log('warn', 'applicant notifications off: DATABASE_URL is not set, and the embedded store is the API process\'s own');
    return { store: null, notifications: undefined };
  }
  const store = await openStore({ url: process.env.DATABASE_URL });
  return { store, notifications: { contacts: new SqlApplicantContacts(store.db), notifications: new SqlNotifications(store.db), senders } };
}

main().catch((e) => {
  log('error', 'worker failed', { error: e instanceof Error ? e.stack : String(e) });
  process.exit(1);
});
