import { createTransport, type Transporter } from 'nodemailer';
import { PermanentSendFailure, type NotificationSender, type OutgoingMessage, type SendReceipt } from './sender';

export interface SmtpOptions {
  /** smtp://user:pass@host:587 or smtps://…:465 (nodemailer's connection URL). */
  url: string;
  /** The From: address, e.g. "Một cửa tỉnh <motcua@example.gov.vn>". */
  from: string;
}

/**
 * E-mail over SMTP through nodemailer. The Message-ID is derived from the idempotency key, so a
 * message sent twice (the at-least-once edge) carries the same id and mail systems can fold it.
 * A 5xx answer from the server is a permanent refusal; anything else (4xx, a connection failure)
 * is retried.
 */
export class SmtpSender implements NotificationSender {
  readonly name = 'smtp';
  private readonly transport: Transporter;

  constructor(private readonly o: SmtpOptions) {
    this.transport = createTransport(o.url);
  }

  async send(m: OutgoingMessage): Promise<SendReceipt> {
    try {
      const info = await this.transport.sendMail({
        from: this.o.from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        messageId: `<${m.idempotencyKey.replace(/[^A-Za-z0-9.\-:]/g, '_')}@motcua>`,
      });
      return { delivered: true, providerRef: typeof info.messageId === 'string' ? info.messageId : null };
    } catch (e) {
      const code = (e as { responseCode?: number }).responseCode;
      if (typeof code === 'number' && code >= 500) throw new PermanentSendFailure(`SMTP server answered ${code}`);
      throw new Error(`SMTP send failed${typeof code === 'number' ? ` (${code})` : ''}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
