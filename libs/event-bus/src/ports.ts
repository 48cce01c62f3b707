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
