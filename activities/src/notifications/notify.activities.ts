import type { NotificationChannel } from '@motcua/contracts';
import type { ApplicantNotice } from '@motcua/dossier';
import type { ApplicantContacts, Notifications } from '@motcua/store';
import { maskAddress } from './mask';
import { PermanentSendFailure, type NotificationSenders } from './sender';
import { renderNotice } from './templates';

export interface NotificationActivities {
  /**
   * Tells the applicant what `notice` says, on every channel its contact data allows (SMS to the
   * phone; e-mail too when an address was given). Safe to retry: once per (event, kind, channel).
   */
  notifyApplicant(notice: ApplicantNotice): Promise<NotifyOutcome>;
}

export interface NotifyOutcome {
  /** Per channel: what the record says now; empty when no contact data is kept for the dossier. */
  channels: { channel: NotificationChannel; status: 'SENT' | 'RECORDED' | 'FAILED' | 'ALREADY_SETTLED' }[];
}

export interface NotificationDeps {
  contacts: ApplicantContacts;
  notifications: Notifications;
  senders: NotificationSenders;
}

/**
 * Each channel's send is bracketed by the record: `intend` writes (or takes up again) the record
 * under its idempotency key before the provider is called, `settle` marks it SENT / RECORDED /
 * FAILED after. A retry — Temporal retrying after a failure, or a worker that died — finds a
 * settled record and sends nothing. The one edge left, as with any at-least-once delivery: a
 * worker that dies after the provider took the message and before `settle` leaves the record
 * PENDING, and the retry sends it again. The provider gets the same idempotency key both times
 * (the HTTP gateway's Idempotency-Key header, the e-mail's Message-ID), so a provider that honours
 * it sends once; one that does not may send the SMS twice. The record stays one either way.
 */
export function createNotificationActivities(deps: NotificationDeps): NotificationActivities {
  return {
    async notifyApplicant(notice) {
      // Contact data lives in the store only (the workflow holds none): looked up at send time.
      const contact = await deps.contacts.of(notice.code);
      if (!contact) return { channels: [] };
      const { subject, text } = renderNotice(notice);
      const targets: { channel: NotificationChannel; to: string }[] = [
        { channel: 'SMS', to: contact.phone },
        ...(contact.email ? [{ channel: 'EMAIL' as const, to: contact.email }] : []),
      ];
      const channels: NotifyOutcome['channels'] = [];
      for (const { channel, to } of targets) {
        const key = { eventId: notice.eventId, kind: notice.kind, channel };
        const record = await deps.notifications.intend({ ...key, dossierCode: notice.code, to: maskAddress(channel, to), text });
        if (record.status !== 'PENDING') {
          channels.push({ channel, status: 'ALREADY_SETTLED' });
          continue;
        }
        const sender = deps.senders[channel];
        try {
          const receipt = await sender.send({ channel, to, subject, text, idempotencyKey: `${notice.eventId}:${notice.kind}:${channel}` });
          const status = receipt.delivered ? 'SENT' : 'RECORDED';
          await deps.notifications.settle(key, { status, providerRef: receipt.providerRef });
          channels.push({ channel, status });
        } catch (e) {
          const why = e instanceof Error ? e.message : String(e);
          if (e instanceof PermanentSendFailure) {
            // The provider will never take it: settled as FAILED, and the other channel still goes.
            await deps.notifications.settle(key, { status: 'FAILED', error: why });
            channels.push({ channel, status: 'FAILED' });
            continue;
          }
          // Worth retrying: the record stays PENDING, and Temporal retries the activity.
          await deps.notifications.noteError(key, why);
          throw e;
        }
      }
      return { channels };
    },
  };
}
