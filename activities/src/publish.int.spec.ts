import { randomUUID } from 'node:crypto';
import { brokersFromEnv, KafkaPublisher, KafkaTopicAdmin, KafkaTopicReader } from '@motcua/event-bus';
import { toBusMessage } from './cloud-event';
import { createPublishActivities } from './publish.activities';
import { withdrawnEvent } from './testing/withdrawn-event';

/**
 * On the real broker: a retried publish whose first attempt the broker took (its answer lost: the
 * worker killed, Temporal unreachable) leaves each event on the topic once; the read-back finds a
 * key's messages in its partition from an instant on, and nothing of the other keys.
 */
const enabled = Boolean(process.env.KAFKA_BROKERS);
if (!enabled && process.env.MOTCUA_REQUIRE_INTEGRATION === '1') throw new Error('KAFKA_BROKERS is required (npm test sets it)');

const eventOf = withdrawnEvent;

(enabled ? describe : describe.skip)('a retried publish on the real broker', () => {
  const kafka = { brokers: brokersFromEnv(), clientId: 'publish-it' };
  const topic = `publish-it-${randomUUID()}`;
  let publisher: KafkaPublisher;
  beforeAll(async () => {
    const admin = new KafkaTopicAdmin(kafka);
    await admin.ensureTopic(topic, { partitions: 3 });
    await admin.close();
    publisher = new KafkaPublisher(kafka);
  });
  afterAll(() => publisher?.close());

  it('reads back one key\'s messages since an instant, in order, and none of another key', async () => {
    const before = Date.now();
    await publisher.publish(topic, [eventOf('A-1', 1), eventOf('A-1', 2), eventOf('B-1', 1)].map(toBusMessage));
    const back = await publisher.readBack(topic, 'A-1', before - 60_000);
    expect(back.map((m) => (JSON.parse(m.value) as { id: string }).id)).toEqual(['A-1:1', 'A-1:2']);
    expect(await publisher.readBack(topic, 'A-1', Date.now() + 60_000)).toEqual([]);
  }, 60_000);

  it('an attempt after one the broker took sends nothing again; the events it lacks, it sends', async () => {
    const code = `C-${randomUUID().slice(0, 8)}`;
    const first = Date.now();
    const attempt = (n: number) => createPublishActivities({ publisher, topic, attempt: () => ({ attempt: n, firstScheduledMs: first }) });
    await attempt(1).publishDossierEvents([eventOf(code, 1), eventOf(code, 2)]);
    await attempt(2).publishDossierEvents([eventOf(code, 1), eventOf(code, 2)]);
    await attempt(3).publishDossierEvents([eventOf(code, 1), eventOf(code, 2), eventOf(code, 3)]);
    const all = await new KafkaTopicReader(kafka).readAll(topic, 60_000);
    const ids = [...all.values()].flat().filter((m) => m.key === code).map((m) => (JSON.parse(m.value) as { id: string }).id);
    expect(ids).toEqual([1, 2, 3].map((s) => `${code}:${s}`));
  }, 90_000);
});
