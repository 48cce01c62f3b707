import { randomUUID } from 'node:crypto';
import { brokersFromEnv, KafkaTopicAdmin } from './index';

/**
 * dossier.events is the statutory record (CONTRACTS.md "Kafka"): unlimited retention, on the
 * topic the stack creates and on one that an older version created with the broker's default.
 */
const enabled = Boolean(process.env.KAFKA_BROKERS);
if (!enabled && process.env.MOTCUA_REQUIRE_INTEGRATION === '1') throw new Error('KAFKA_BROKERS is required (npm test sets it)');

(enabled ? describe : describe.skip)('retention of the dossier events topic on the real broker', () => {
  let admin: KafkaTopicAdmin;
  beforeAll(() => {
    admin = new KafkaTopicAdmin({ brokers: brokersFromEnv(), clientId: 'retention-it' });
  });
  afterAll(() => admin?.close());

  it('the stack creates dossier.events kept forever', async () => {
    expect(await admin.retentionOf('dossier.events')).toEqual({ ms: '-1', bytes: '-1' });
  });

  it('a new topic is created kept forever, and an existing one with the default is mended', async () => {
    const fresh = `retention-it-${randomUUID()}`;
    await admin.ensureTopic(fresh, { partitions: 1, keepForever: true });
    expect(await admin.retentionOf(fresh)).toEqual({ ms: '-1', bytes: '-1' });

    const old = `retention-it-${randomUUID()}`;
    await admin.ensureTopic(old, { partitions: 1 });
    expect((await admin.retentionOf(old)).ms).not.toBe('-1');
    await admin.setConfig(old, 'max.message.bytes', '2000000');
    await admin.ensureTopic(old, { partitions: 1, keepForever: true });
    expect(await admin.retentionOf(old)).toEqual({ ms: '-1', bytes: '-1' });
    // Kafka's AlterConfigs replaces the whole configuration: the topic's own settings survive.
    expect(await admin.configOf(old, 'max.message.bytes')).toBe('2000000');
  });
});
