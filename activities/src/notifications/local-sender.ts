import type { NotificationSender, OutgoingMessage, SendReceipt } from './sender';

/**
 * The default provider: sends nothing, keeps what would have been sent (the last `keep` messages,
 * for a developer's look and for tests). The notification record says RECORDED, never SENT, so a
 * list of notifications never claims that an applicant was told what no provider carried.
 */
export class LocalSender implements NotificationSender {
  readonly name = 'local';
  readonly recorded: OutgoingMessage[] = [];

  constructor(private readonly keep = 1000) {}

  async send(message: OutgoingMessage): Promise<SendReceipt> {
    this.recorded.push(message);
    if (this.recorded.length > this.keep) this.recorded.shift();
    return { delivered: false, providerRef: null };
  }
}
