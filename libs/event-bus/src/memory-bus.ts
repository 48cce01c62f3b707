import type { BusMessage, EventPublisher } from './ports';

/** An in-memory publisher for unit tests and simulations that publish nowhere. */
export class MemoryPublisher implements EventPublisher {
  readonly sent: { topic: string; message: BusMessage }[] = [];

  async publish(topic: string, messages: readonly BusMessage[]): Promise<void> {
    for (const message of messages) this.sent.push({ topic, message });
  }

  async readBack(topic: string, key: string): Promise<BusMessage[]> {
    return this.sent.filter((s) => s.topic === topic && s.message.key === key).map((s) => s.message);
  }

  async close(): Promise<void> {
    /* nothing held */
  }
}
