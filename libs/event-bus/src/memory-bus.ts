import type { BusMessage, EventPublisher } from './ports';

/** An in-memory publisher for unit tests and simulations that publish nowhere. */
export class MemoryPublisher implements EventPublisher {
  readonly sent: { topic: string; message: BusMessage }[] = [];

  async publish(topic: string, messages: readonly BusMessage[]): Promise<void> {
    for (const message of messages) this.sent.push({ topic, message });
  }

  async close(): Promise<void> {
    /* nothing held */
  }
}
