import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { brokersFromEnv, KafkaPublisher, KafkaTopicAdmin, MemoryPublisher, type EventPublisher } from '@motcua/event-bus';
import { DOSSIER_EVENTS_TOPIC } from '@motcua/contracts';
import { simulatedPostalActivities } from '@motcua/activities';
import { createDossierWorker, installTemporalRuntime } from '@motcua/temporal';
import { log } from './log';

export interface Simulation {
  env: TestWorkflowEnvironment;
  worker: Worker;
  taskQueue: string;
  publisher: EventPublisher;
  close(): Promise<void>;
}

/**
 * A time-skipping Temporal server (the installed binary: @temporalio/testing would otherwise try
 * to download one) with a dossier worker on it; events go to Kafka with --publish, else nowhere.
 */
export async function startSimulation(options: {
  publish: boolean;
  testServerPath?: string;
  /** Another topic than dossier.events: a test's own, so that what others publish is not counted with it. */
  topic?: string;
}): Promise<Simulation> {
  const path = options.testServerPath ?? process.env.TEMPORAL_TEST_SERVER;
  if (!path) throw new Error('TEMPORAL_TEST_SERVER is not set: run through `npm run scenarios` (it installs the test server)');
  // Logs go to stderr: stdout carries only the JSON lines. The test server is older than the
  // SDK and makes its core warn about a missing capability on every start: not worth a line.
  installTemporalRuntime('scenarios', 'ERROR');
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
  let publisher: EventPublisher = new MemoryPublisher();
  if (options.publish) {
    const settings = { brokers: brokersFromEnv(), clientId: 'motcua-scenarios' };
    const topic = options.topic ?? DOSSIER_EVENTS_TOPIC;
    const admin = new KafkaTopicAdmin(settings);
    await admin.ensureTopic(topic, { keepForever: true });
    await admin.close();
    const kafka = new KafkaPublisher(settings);
    // The publish activity names dossier.events; a test's own topic is substituted here, at the port.
    publisher = topic === DOSSIER_EVENTS_TOPIC ? kafka : { publish: (_named, messages) => kafka.publish(topic, messages), close: () => kafka.close() };
    log('info', 'publishing scenario events', { brokers: settings.brokers, topic });
  }
  const taskQueue = 'scenarios';
  const worker = await createDossierWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    publisher,
    // The scenario's actions are the post: its orders are taken at once, and nothing more.
    postal: simulatedPostalActivities(),
  });
  return {
    env,
    worker,
    taskQueue,
    publisher,
    async close() {
      await publisher.close();
      await env.teardown();
    },
  };
}
