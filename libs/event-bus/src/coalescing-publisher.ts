import type { BusMessage, EventPublisher } from './ports';

interface Waiting {
  topic: string;
  messages: readonly BusMessage[];
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * Publishes what many callers hand over at about the same time as one request: while a request
 * is out, the calls that arrive wait and then go together (per topic, up to `maxMessages`). The
 * idempotent producer sends one request at a time, so under load each dossier's publish otherwise
 * waits for every other dossier's round trip to the broker, and the broker pays for each request
 * (npm run bench: README, "Measured"). Each caller's messages keep their order and each caller
 * learns the outcome of the request that carried them; a dossier has one publish out at a time,
 * so its events are never reordered.
 */
export class CoalescingPublisher implements EventPublisher {
  private waiting: Waiting[] = [];
  private sending = false;

  constructor(
    private readonly inner: EventPublisher,
    private readonly maxMessages = 500,
  ) {}

  publish(topic: string, messages: readonly BusMessage[]): Promise<void> {
    if (messages.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ topic, messages, resolve, reject });
      void this.drain();
    });
  }

  async close(): Promise<void> {
    await this.inner.close();
  }

  private async drain(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.take();
        const messages = batch.flatMap((w) => w.messages);
        try {
          await this.inner.publish(batch[0].topic, messages);
          for (const w of batch) w.resolve();
        } catch (e) {
          for (const w of batch) w.reject(e);
        }
      }
    } finally {
      this.sending = false;
    }
  }

  /** The first waiting call and those after it of the same topic, up to maxMessages (the first always). */
  private take(): Waiting[] {
    const [first] = this.waiting;
    const batch: Waiting[] = [];
    const rest: Waiting[] = [];
    let count = 0;
    for (const w of this.waiting) {
      if (w.topic === first.topic && (batch.length === 0 || count + w.messages.length <= this.maxMessages)) {
        batch.push(w);
        count += w.messages.length;
      } else {
        rest.push(w);
      }
    }
    this.waiting = rest;
    return batch;
  }
}
