import type { Kafka, ProducerBatch } from 'kafkajs';
import { KafkaPublisher, type SendingProducer } from './kafka';

/**
 * The publisher's discipline over kafkajs (no broker here): one send in flight at a time, the
 * publishes waiting meanwhile sent together, and a new producer (a new producer id) after a failed
 * send, so that kafkajs never numbers a batch with sequence numbers the broker has seen.
 */
class FakeProducers {
  readonly made: { id: number; batches: ProducerBatch[]; disconnected: boolean }[] = [];
  inFlight = 0;
  maxInFlight = 0;
  failNext = 0;
  private release: (() => void)[] = [];

  factory = (_kafka: Kafka): SendingProducer => {
    const me = { id: this.made.length + 1, batches: [] as ProducerBatch[], disconnected: false };
    this.made.push(me);
    return {
      connect: async () => undefined,
      disconnect: async () => void (me.disconnected = true),
      sendBatch: async (batch: ProducerBatch) => {
        this.inFlight++;
        this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
        await new Promise<void>((r) => this.release.push(r));
        this.inFlight--;
        if (this.failNext > 0) {
          this.failNext--;
          throw new Error('The broker went away');
        }
        me.batches.push(batch);
        return [];
      },
    };
  };

  /** Lets the send under way finish. */
  async answer(): Promise<void> {
    while (this.release.length === 0) await new Promise((r) => setImmediate(r));
    this.release.shift()!();
    await new Promise((r) => setImmediate(r));
  }
}

const msg = (key: string, n: number) => ({ key, value: `${key}:${n}`, headers: {} });
const values = (b: ProducerBatch) => (b.topicMessages ?? []).flatMap((t) => t.messages.map((m) => m.value));

describe('KafkaPublisher over kafkajs', () => {
  it('never has two sends under way; the publishes that waited go out together, each dossier\'s in order', async () => {
    const fake = new FakeProducers();
    const publisher = new KafkaPublisher({ brokers: ['127.0.0.1:1'], clientId: 't' }, fake.factory);
    const first = publisher.publish('dossier.events', [msg('A', 1)]);
    await new Promise((r) => setImmediate(r));
    const waiting = [publisher.publish('dossier.events', [msg('B', 1), msg('B', 2)]), publisher.publish('dossier.events', [msg('C', 1)])];
    await fake.answer();
    await first;
    await fake.answer();
    await Promise.all(waiting);
    expect(fake.maxInFlight).toBe(1);
    expect(fake.made).toHaveLength(1);
    expect(fake.made[0].batches.map(values)).toEqual([['A:1'], ['B:1', 'B:2', 'C:1']]);
    await publisher.close();
  });

  it('after a failed send, the publishes of that send fail and the next send has a new producer', async () => {
    const fake = new FakeProducers();
    const publisher = new KafkaPublisher({ brokers: ['127.0.0.1:1'], clientId: 't' }, fake.factory);
    fake.failNext = 1;
    const failed = publisher.publish('dossier.events', [msg('A', 1)]);
    await fake.answer();
    await expect(failed).rejects.toThrow('The broker went away');
    expect(fake.made[0].disconnected).toBe(true);
    const again = publisher.publish('dossier.events', [msg('A', 1)]);
    await fake.answer();
    await again;
    expect(fake.made).toHaveLength(2);
    expect(fake.made[1].batches.map(values)).toEqual([['A:1']]);
    await publisher.close();
  });
  it('sends what waited in requests of at most 500 messages, a larger publish alone', async () => {
    const fake = new FakeProducers();
    const publisher = new KafkaPublisher({ brokers: ['127.0.0.1:1'], clientId: 't' }, fake.factory);
    const many = (key: string, n: number) => Array.from({ length: n }, (_, i) => msg(key, i));
    const first = publisher.publish('dossier.events', [msg('A', 1)]);
    await new Promise((r) => setImmediate(r));
    const waiting = [publisher.publish('dossier.events', many('B', 300)), publisher.publish('dossier.events', many('C', 200)), publisher.publish('dossier.events', many('D', 1)), publisher.publish('dossier.events', many('E', 600))];
    for (let i = 0; i < 4; i++) await fake.answer();
    await Promise.all([first, ...waiting]);
    expect(fake.made[0].batches.map((b) => values(b).length)).toEqual([1, 500, 1, 600]);
    await publisher.close();
  });
});
