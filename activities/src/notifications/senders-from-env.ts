import { HttpGatewaySender } from './http-sender';
import { LocalSender } from './local-sender';
import type { NotificationSender, NotificationSenders } from './sender';
import { SmtpSender } from './smtp-sender';

/**
 * The provider of each channel from the environment; the local one (records only) where none is set:
 * - SMS: `NOTIFY_SMS_URL` (an HTTP gateway, see HttpGatewaySender), `NOTIFY_SMS_TOKEN`;
 * - e-mail: `NOTIFY_SMTP_URL` with `NOTIFY_EMAIL_FROM` (SMTP), or else `NOTIFY_EMAIL_URL`,
 *   `NOTIFY_EMAIL_TOKEN` (an HTTP gateway).
 */
export function notificationSendersFromEnv(env: NodeJS.ProcessEnv = process.env): NotificationSenders {
  const local = new LocalSender();
  const sms: NotificationSender = env.NOTIFY_SMS_URL ? new HttpGatewaySender({ url: env.NOTIFY_SMS_URL, token: env.NOTIFY_SMS_TOKEN }) : local;
  let email: NotificationSender = local;
  if (env.NOTIFY_SMTP_URL) {
    if (!env.NOTIFY_EMAIL_FROM) throw new Error('NOTIFY_SMTP_URL is set but NOTIFY_EMAIL_FROM (the From: address) is not');
    email = new SmtpSender({ url: env.NOTIFY_SMTP_URL, from: env.NOTIFY_EMAIL_FROM });
  } else if (env.NOTIFY_EMAIL_URL) {
    email = new HttpGatewaySender({ url: env.NOTIFY_EMAIL_URL, token: env.NOTIFY_EMAIL_TOKEN });
  }
  return { SMS: sms, EMAIL: email };
}
