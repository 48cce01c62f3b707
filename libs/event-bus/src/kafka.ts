import { randomUUID } from 'node:crypto';
import { ConfigResourceTypes, Kafka, Partitioners, logLevel, type Admin, type Consumer, type Producer } from 'kafkajs';
import type {
  BatchSubscriber,
  BatchSubscriptionOptions,
  BusMessage,
  EventPublisher,
  EventSubscriber,
  EventSubscription,
  ReceivedBatch,
  ReceivedMessage,
  TopicAdmin,
  TopicOptions,
  TopicReader,
} from './ports';

export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  /** How often a send is retried before it fails (the caller, a Temporal activity, retries on). */
  retries?: number;
}

export function brokersFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim()).filter(Boolean);
}

/**
 * kafkajs logs as one JSON line each on stderr, like the rest of the system. The warning that a
 * limited retry count "may invalidate EoS guarantees" is dropped: we limit retries on purpose
 * (the activity retries), and duplicates are the consumers' to drop by event id anyway.
 */
const logCreator = () => (entry: { namespace: string; level: logLevel; label: string; log: { message: string } & Record<string, unknown> }) => {
  if (entry.log.message.startsWith('Limiting retries for the idempotent producer')) return;
  const { message, timestamp: _t, logger: _l, ...rest } = entry.log;
  process.stderr.write(JSON.stringify({ time: new Date().toISOString(), level: entry.label.toLowerCase(), service: 'kafkajs', namespace: entry.namespace, msg: message, ...rest }) + '\n');
};

function client(s: KafkaSettings): Kafka {
  return new Kafka({
    clientId: s.clientId,
    brokers: s.brokers,
    logLevel: logLevel.WARN,
    logCreator,
    // Fail within seconds so that the caller decides: the activity's retry policy is the real one.
    retry: { retries: s.retries ?? 5, initialRetryTime: 200, maxRetryTime: 5000 },
    connectionTimeout: 3000,
  });
}

/** The part of a kafkajs producer the publisher uses (tests give their own). */
export type SendingProducer = Pick<Producer, 'connect' | 'disconnect' | 'sendBatch'>;

interface PendingSend {
  topic: string;
  messages: readonly BusMessage[];
  resolve: () => void;
  reject: (e: unknown) => void;
}

/** What waits goes as one request, up to this many messages (a broker refuses a request over its message.max.bytes). */
const MAX_MESSAGES_PER_REQUEST = 500;

/** How many of the waiting sends fit in one request (at least one, whatever its size). */
function sendsUpTo(queue: readonly PendingSend[], max: number): number {
  let n = 0;
  let messages = 0;
  while (n < queue.length && (n === 0 || messages + queue[n].messages.length <= max)) messages += queue[n++].messages.length;
  return n;
}

/**
 * Idempotent producer, acks from all in-sync replicas, and ONE send in flight at a time, made of
 * every publish waiting then (per partition, kafkajs sends them as one batch, in order).
 *
 * Why one at a time, and why a failed send retires the producer: kafkajs numbers each batch before
 * sending it (per partition) and takes the numbers back when the send fails. With two sends under
 * way, or a send that failed after the broker had written it (a timeout, a broker killed after its
 * write), the next batch could get numbers the broker has already seen: it answers "duplicate",
 * kafkajs takes that as success, and the batch is lost though acknowledged (seen with `npm run
 * chaos`: a dossier's events missing after the Kafka cluster restarted, OUT_OF_ORDER_SEQUENCE_NUMBER
 * beside it). So sends never overlap, and after a failure the next send gets a new producer (a new
 * producer id, numbers from 0). A retried publish whose batch the broker did take is kept from
 * writing it twice by the caller (`readBack`, in the publish activity); consumers de-duplicate by
 * the CloudEvent id all the same.
 */
export class KafkaPublisher implements EventPublisher {
  private readonly kafka: Kafka;
  private producer: Promise<SendingProducer> | null = null;
  private readonly queue: PendingSend[] = [];
  private sending = false;

  constructor(
    private readonly settings: KafkaSettings,
    private readonly newProducer: (kafka: Kafka) => SendingProducer = (kafka) =>
      kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner }),
  ) {
    this.kafka = client(settings);
  }

  publish(topic: string, messages: readonly BusMessage[]): Promise<void> {
    if (messages.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ topic, messages, resolve, reject });
      void this.sendWaiting();
    });
  }

  private async sendWaiting(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      while (this.queue.length) {
        const sends = this.queue.splice(0, sendsUpTo(this.queue, MAX_MESSAGES_PER_REQUEST));
        try {
          const producer = await this.connectedProducer();
          const topics = [...new Set(sends.map((s) => s.topic))];
          await producer.sendBatch({
            acks: -1,
            topicMessages: topics.map((topic) => ({
              topic,
              messages: sends.filter((s) => s.topic === topic).flatMap((s) => s.messages.map((m) => ({ key: m.key, value: m.value, headers: { ...m.headers } }))),
            })),
          });
          for (const s of sends) s.resolve();
        } catch (e) {
          await this.retireProducer();
          for (const s of sends) s.reject(e);
        }
      }
    } finally {
      this.sending = false;
    }
  }

  private connectedProducer(): Promise<SendingProducer> {
    this.producer ??= (async () => {
      const producer = this.newProducer(this.kafka);
      await producer.connect();
      return producer;
    })();
    return this.producer;
  }

  private async retireProducer(): Promise<void> {
    const retired = this.producer;
    this.producer = null;
    await retired?.then((p) => p.disconnect()).catch(() => undefined);
  }

  /**
   * Reads the key's partition (the producer's own partitioner picks it) from the first offset
   * written at `sinceMs` or later to its end now, with a consumer group of its own that commits
   * nothing. Slow (a group join): only retried publishes call it.
   */
  async readBack(topic: string, key: string, sinceMs: number): Promise<BusMessage[]> {
    const admin = this.kafka.admin();
    await admin.connect();
    let partition: number;
    let from: bigint;
    let end: bigint;
    try {
      const md = await admin.fetchTopicMetadata({ topics: [topic] });
      partition = Partitioners.DefaultPartitioner()({ topic, partitionMetadata: md.topics[0].partitions, message: { key, value: null } });
      from = BigInt((await admin.fetchTopicOffsetsByTimestamp(topic, sinceMs)).find((p) => p.partition === partition)?.offset ?? '0');
      end = BigInt((await admin.fetchTopicOffsets(topic)).find((p) => p.partition === partition)?.high ?? '0');
    } finally {
      await admin.disconnect();
    }
    const found: BusMessage[] = [];
    if (from >= end) return found;
    const consumer = this.kafka.consumer({ groupId: `${this.settings.clientId}-read-back-${randomUUID()}` });
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${topic} partition ${partition} was not read back within 30 s`)), 30_000);
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: false });
      let sought = false;
      consumer.on(consumer.events.GROUP_JOIN, () => {
        if (sought) return;
        sought = true;
        consumer.seek({ topic, partition, offset: from.toString() });
      });
      await consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition: p, message }) => {
          if (p !== partition || BigInt(message.offset) < from || BigInt(message.offset) >= end) return;
          if (message.key?.toString() === key) found.push({ key, value: message.value?.toString() ?? '', headers: headersOf(message.headers) });
          if (BigInt(message.offset) + 1n >= end) done();
        },
      });
      await Promise.race([finished, late]);
    } finally {
      clearTimeout(timer);
      await consumer.disconnect();
    }
    return found;
  }

  async close(): Promise<void> {
    const producer = this.producer;
    this.producer = null;
    await producer?.then((p) => p.disconnect(), () => undefined);
  }
}

const headersOf = (raw: Record<string, unknown> | undefined): Record<string, string> => {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw ?? {})) if (v !== undefined) headers[k] = String(v);
  return headers;
};

export class KafkaSubscriber implements EventSubscriber, BatchSubscriber {
  constructor(private readonly settings: KafkaSettings) {}

  async subscribe(
    topic: string,
    groupId: string,
    handler: (m: ReceivedMessage) => Promise<void>,
    options: { fromBeginning?: boolean } = {},
  ): Promise<EventSubscription> {
    const consumer = client(this.settings).consumer({ groupId });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: options.fromBeginning ?? true });
    await consumer.run({
      eachMessage: async ({ topic: t, partition, message }) => {
        const headers = headersOf(message.headers);
        await handler({
          topic: t,
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? '',
          value: message.value?.toString() ?? '',
          headers,
        });
      },
    });
    return { stop: () => consumer.disconnect() };
  }

  /**
   * kafkajs restarts a crashed consumer once per crash, from a timer whose failure nobody hears:
   * a broker down for longer than its retries left the consumer dead in a live process (seen
   * by stopping the local broker for 20 s). So kafkajs never restarts it here; this loop does,
   * with a new consumer, until it joins or the subscription is stopped. The new consumer seeks
   * to the store's offsets at its assignment like the first.
   */
  async subscribeBatches(
    topic: string,
    groupId: string,
    handler: (b: ReceivedBatch) => Promise<void>,
    options: BatchSubscriptionOptions,
  ): Promise<EventSubscription> {
    let stopped = false;
    let current: Consumer | null = null;
    let timer: NodeJS.Timeout | undefined;
    const start = async () => {
      const consumer = await this.startBatchConsumer(topic, groupId, handler, options, () => {
        if (stopped || (current !== null && current !== consumer)) return;
        current = null;
        retry(500);
      });
      current = consumer;
    };
    const retry = (ms: number) => {
      timer = setTimeout(() => {
        if (stopped) return;
        start().catch((e) => {
          process.stderr.write(JSON.stringify({ time: new Date().toISOString(), level: 'warn', service: 'event-bus', msg: 'consumer restart failed, trying again', groupId, topic, inMs: Math.min(ms * 2, 10000), error: e instanceof Error ? e.message : String(e) }) + '\n');
          retry(Math.min(ms * 2, 10000));
        });
      }, ms);
    };
    await start();
    return {
      stop: async () => {
        stopped = true;
        clearTimeout(timer);
        await current?.disconnect();
        current = null;
      },
    };
  }

  private async startBatchConsumer(
    topic: string,
    groupId: string,
    handler: (b: ReceivedBatch) => Promise<void>,
    options: BatchSubscriptionOptions,
    onCrash: () => void,
  ): Promise<Consumer> {
    const consumer = client(this.settings).consumer({
      groupId,
      retry: { retries: this.settings.retries ?? 5, initialRetryTime: 200, maxRetryTime: 5000, restartOnFailure: async () => false },
    });
    consumer.on(consumer.events.CRASH, () => onCrash());
    const commit = options.commitToKafka ?? true;
    // Next offset to hand over, per partition, as the consumer's store last said; forgotten at
    // every (re)assignment, since another member may have moved on in between.
    const positions = new Map<number, bigint | null>();
    const rewound = new Set<number>();
    // At each assignment, every partition is sought to where the store says (its beginning when
    // the store has nothing): Kafka's committed offset may be past it, and then no batch would
    // ever come to be checked below. kafkajs does not await listeners: batches wait for this.
    let seeding: Promise<void> = Promise.resolve();
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      positions.clear();
      rewound.clear();
      const partitions = payload.memberAssignment[topic] ?? [];
      seeding = (async () => {
        for (const partition of partitions) {
          const stored = await options.resumeAt(topic, partition);
          positions.set(partition, stored === null ? null : BigInt(stored));
          consumer.seek({ topic, partition, offset: stored ?? '-2' });
        }
      })();
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
    } catch (e) {
      await consumer.disconnect().catch(() => undefined);
      throw e;
    }
    await consumer.run({
      autoCommit: commit,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }) => {
        await seeding;
        if (!isRunning() || isStale() || batch.messages.length === 0) return;
        if (!positions.has(batch.partition)) {
          const stored = await options.resumeAt(batch.topic, batch.partition);
          positions.set(batch.partition, stored === null ? null : BigInt(stored));
        }
        const want = positions.get(batch.partition) ?? null;
        const first = BigInt(batch.messages[0].offset);
        // A batch fetched before the seek above, from Kafka's committed offset ahead of the store
        // (a new or restored store under an old group): go back to where the store is; a store
        // that has nothing starts at the partition's beginning, which is 0 unless retention
        // removed it (then Kafka starts at the earliest kept and, having gone back once, we take that).
        if (want !== null ? first > want : first > 0n && !rewound.has(batch.partition)) {
          rewound.add(batch.partition);
          consumer.seek({ topic: batch.topic, partition: batch.partition, offset: (want ?? 0n).toString() });
          return;
        }
        const messages: ReceivedMessage[] = batch.messages
          .filter((m) => want === null || BigInt(m.offset) >= want)
          .map((m) => ({
            topic: batch.topic,
            partition: batch.partition,
            offset: m.offset,
            key: m.key?.toString() ?? '',
            value: m.value?.toString() ?? '',
            headers: headersOf(m.headers),
          }));
        if (messages.length) await handler({ topic: batch.topic, partition: batch.partition, highWatermark: batch.highWatermark, messages });
        const last = batch.messages[batch.messages.length - 1].offset;
        positions.set(batch.partition, BigInt(last) + 1n);
        resolveOffset(last);
        if (commit) await commitOffsetsIfNecessary();
        await heartbeat();
      },
    });
    return consumer;
  }
}

/** Reads a topic whole with a consumer group of its own (a fresh id each time, nothing committed). */
export class KafkaTopicReader implements TopicReader {
  constructor(private readonly settings: KafkaSettings) {}

  async readAll(topic: string, timeoutMs: number): Promise<Map<number, ReceivedMessage[]>> {
    const kafka = client({ ...this.settings, retries: this.settings.retries ?? 8 });
    const admin = kafka.admin();
    await admin.connect();
    const ends = new Map<number, bigint>();
    try {
      for (const p of await admin.fetchTopicOffsets(topic)) ends.set(p.partition, BigInt(p.high));
    } finally {
      await admin.disconnect();
    }
    const out = new Map<number, ReceivedMessage[]>([...ends.keys()].map((p) => [p, []]));
    // Offsets need not be dense (transaction markers): a partition is read once the next offset is its end.
    const next = new Map<number, bigint>([...ends.keys()].map((p) => [p, 0n]));
    const complete = () => [...ends].every(([p, end]) => next.get(p)! >= end);
    if (complete()) return out;
    const consumer = kafka.consumer({ groupId: `${this.settings.clientId}-read-${randomUUID()}` });
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${topic} was not read to its end within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          if (BigInt(message.offset) >= (ends.get(partition) ?? 0n)) return;
          next.set(partition, BigInt(message.offset) + 1n);
          out.get(partition)!.push({
            topic,
            partition,
            offset: message.offset,
            key: message.key?.toString() ?? '',
            value: message.value?.toString() ?? '',
            headers: headersOf(message.headers),
          });
          if (complete()) done();
        },
      });
      await Promise.race([finished, late]);
    } finally {
      clearTimeout(timer);
      await consumer.disconnect();
    }
    return out;
  }
}

/** Neither time nor size deletes a record: the topic is the statutory record of what happened. */
const KEEP_FOREVER = [
  { name: 'retention.ms', value: '-1' },
  { name: 'retention.bytes', value: '-1' },
];

/** DescribeConfigs' source of a value set on the topic itself (DYNAMIC_TOPIC_CONFIG). */
const TOPIC_OWN_CONFIG = 1;

export class KafkaTopicAdmin implements TopicAdmin {
  private readonly admin: Admin;
  private connected = false;

  constructor(settings: KafkaSettings) {
    this.admin = client({ ...settings, retries: settings.retries ?? 2 }).admin();
  }

  private async connect() {
    if (!this.connected) {
      await this.admin.connect();
      this.connected = true;
    }
  }

  async ensureTopic(topic: string, options: TopicOptions = {}): Promise<void> {
    await this.connect();
    const existing = await this.admin.listTopics();
    const configEntries = options.keepForever ? KEEP_FOREVER : [];
    if (!existing.includes(topic)) {
      await this.admin.createTopics({
        waitForLeaders: true,
        topics: [{ topic, numPartitions: options.partitions ?? 3, replicationFactor: options.replicationFactor ?? 1, configEntries }],
      });
      return;
    }
    // A topic made before (by an older version, or by hand) must not keep deleting the record.
    if (configEntries.length) await this.keepForever(topic);
  }

  /**
   * Kafka's AlterConfigs (the only one kafkajs speaks) replaces a topic's whole dynamic
   * configuration: the topic's own settings (min.insync.replicas, …) are read first and sent
   * back with the retention, so nothing else changes. Nothing is sent when it is already so.
   */
  private async keepForever(topic: string): Promise<void> {
    const { resources } = await this.admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }] });
    const entries = resources[0]?.configEntries ?? [];
    const value = (name: string) => entries.find((e) => e.configName === name)?.configValue;
    if (KEEP_FOREVER.every((k) => value(k.name) === k.value)) return;
    const own = entries
      .filter((e) => e.configSource === TOPIC_OWN_CONFIG && !KEEP_FOREVER.some((k) => k.name === e.configName))
      .map((e) => ({ name: e.configName, value: e.configValue }));
    await this.admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configEntries: [...own, ...KEEP_FOREVER] }] });
  }

  /** A topic config as the broker has it, or null. */
  async configOf(topic: string, name: string): Promise<string | null> {
    await this.connect();
    const { resources } = await this.admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: [name] }] });
    return resources[0]?.configEntries.find((e) => e.configName === name)?.configValue ?? null;
  }

  /** Sets one of a topic's own configs (tests, operators), keeping the others. */
  async setConfig(topic: string, name: string, value: string): Promise<void> {
    await this.connect();
    const { resources } = await this.admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }] });
    const own = (resources[0]?.configEntries ?? [])
      .filter((e) => e.configSource === TOPIC_OWN_CONFIG && e.configName !== name)
      .map((e) => ({ name: e.configName, value: e.configValue }));
    await this.admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configEntries: [...own, { name, value }] }] });
  }

  /** The topic's retention as the broker has it: `retention.ms` and `retention.bytes` (-1 = forever). */
  async retentionOf(topic: string): Promise<{ ms: string | null; bytes: string | null }> {
    await this.connect();
    const { resources } = await this.admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['retention.ms', 'retention.bytes'] }],
    });
    const value = (name: string) => resources[0]?.configEntries.find((e) => e.configName === name)?.configValue ?? null;
    return { ms: value('retention.ms'), bytes: value('retention.bytes') };
  }

  async ping(timeoutMs: number): Promise<boolean> {
    const attempt = (async () => {
      await this.connect();
      await this.admin.fetchTopicMetadata({ topics: [] });
      return true;
    })().catch(() => {
      this.connected = false;
      return false;
    });
    const timeout = new Promise<boolean>((r) => setTimeout(() => r(false), timeoutMs).unref());
    return Promise.race([attempt, timeout]);
  }

  async close(): Promise<void> {
    if (this.connected) await this.admin.disconnect();
    this.connected = false;
  }
}
