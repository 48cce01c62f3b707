import type { NotificationChannel } from '@motcua/contracts';

/** One message to one address, as a provider port takes it. */
export interface OutgoingMessage {
  readonly channel: NotificationChannel;
  /** The full phone number or e-mail address (never logged, never stored: the record keeps it masked). */
  readonly to: string;
  /** E-mail only. */
  readonly subject: string;
  readonly text: string;
  /** `<event id>:<kind>:<channel>`: the same notification always carries the same key. */
  readonly idempotencyKey: string;
}

export interface SendReceipt {
  /** false: recorded only, nothing left this system (the local provider). */
  readonly delivered: boolean;
  readonly providerRef: string | null;
}

/**
 * The provider port: SMS or e-mail. `send` throws PermanentSendFailure for a message the provider
 * will never take (a malformed address, a refused sender), any other error for one worth retrying.
 */
export interface NotificationSender {
  /** For logs and /health: local, http, smtp. */
  readonly name: string;
  send(message: OutgoingMessage): Promise<SendReceipt>;
}

export class PermanentSendFailure extends Error {
  override readonly name = 'PermanentSendFailure';
}

/** The sender of each channel. */
export type NotificationSenders = Readonly<Record<NotificationChannel, NotificationSender>>;
