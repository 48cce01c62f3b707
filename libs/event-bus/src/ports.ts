/**
 * Our own small interface to the event log. kafkajs is unmaintained since 2023 (PITFALLS.md 8):
 * everything above this file speaks these types, so swapping the client is one adapter.
 */
export interface BusMessage {
  /** Partitioning key: the dossier code, so one dossier's events stay in order. */
  readonly key: string;
  readonly value: string;
  readonly headers: Readonly<Record<string, string>>;
}

export interface EventPublisher {
  /** Resolves once every message is durably acknowledged (all in-sync replicas); rejects otherwise. */
  publish(topic: string, messages: readonly BusMessage[]): Promise<void>;
  /**
   * The messages with this key that the topic holds, written at `sinceMs` or later (by the
   * message's timestamp), in order. A retried publish asks first, so that a batch the broker took
   * before the earlier attempt died is not written again (PITFALLS 7: the producer's idempotence
   * ends with its session). Optional: a publisher without it publishes again, at least once.
   */
  readBack?(topic: string, key: string, sinceMs: number): Promise<BusMessage[]>;
  close(): Promise<void>;
}

export interface ReceivedMessage extends BusMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

export interface EventSubscription {
  stop(): Promise<void>;
}

export interface EventSubscriber {
  /**
   * Delivers each message at least once, in order per partition; the offset is committed only
   * after the handler resolved, so handlers must de-duplicate (by CloudEvent id).
   */
  subscribe(
    topic: string,
    groupId: string,
    handler: (m: ReceivedMessage) => Promise<void>,
    options?: { fromBeginning?: boolean },
  ): Promise<EventSubscription>;
}

/** A run of one partition's messages, in order. */
export interface ReceivedBatch {
  readonly topic: string;
  readonly partition: number;
  /** The partition's end when fetched (the offset of the next message produced): its lag is this less the next offset to read. */
  readonly highWatermark: string;
  readonly messages: readonly ReceivedMessage[];
}

export interface BatchSubscriptionOptions {
  /**
   * Where the consumer's OWN store says a partition goes on (the offset of the next message to
   * read), or null: from the beginning (or Kafka's committed offset, if any). Asked when a
   * partition is first seen after each assignment. A consumer that stores its position in the
   * same transaction as its effects gets an exactly-once effect: Kafka's committed offset, written
   * only after the handler resolved, is then just a hint that may lag behind.
   */
  resumeAt(topic: string, partition: number): Promise<string | null>;
  /** Default true. False: nothing is committed to Kafka (tests of a crash before the commit). */
  commitToKafka?: boolean;
}

export interface BatchSubscriber {
  /**
   * Delivers each partition's messages in batches, in order, from where `resumeAt` says: a batch
   * starting past it is sought back (the store is behind Kafka's committed offset: a restored
   * database, a new store), messages before it are dropped (already applied; Kafka's commit had
   * not happened). A handler that rejects gets the batch again.
   */
  subscribeBatches(topic: string, groupId: string, handler: (b: ReceivedBatch) => Promise<void>, options: BatchSubscriptionOptions): Promise<EventSubscription>;
}

export interface TopicReader {
  /**
   * Every message of the topic, per partition in offset order, from each partition's beginning to
   * its end as the cluster had it when the call began (audits: `npm run chaos`, the projector's
   * verify). Rejects when the end is not reached within `timeoutMs`.
   */
  readAll(topic: string, timeoutMs: number): Promise<Map<number, ReceivedMessage[]>>;
}

export interface TopicOptions {
  partitions?: number;
  replicationFactor?: number;
  /** Unlimited retention, also enforced on a topic that already exists. */
  keepForever?: boolean;
}

export interface TopicAdmin {
  ensureTopic(topic: string, options?: TopicOptions): Promise<void>;
  /** Whether the cluster answers a metadata request now (health). */
  ping(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}
