import { notificationSendersFromEnv, type NotificationDeps } from '@motcua/activities';
import { SqlApplicantContacts, SqlNotifications, type Store } from '@motcua/store';

export interface NotificationWiring {
  notifications: NotificationDeps | undefined;
  /** For the start log line: where notices go, or why none are sent. */
  summary: Record<string, unknown>;
}

/**
 * The applicant notifications read the contact data the API keeps and record what they sent, so
 * they need the API's store: PostgreSQL at DATABASE_URL (opened by main). An embedded (PGlite)
 * store belongs to the one process that opened it, so without DATABASE_URL the worker does not
 * open the API's STORE_DIR and sends no notification (it says so at start).
 */
export function notificationsFromEnv(store: Store | null, env: NodeJS.ProcessEnv = process.env): NotificationWiring {
  // Read first: a misconfigured provider stops the worker even before there is a store to use it with.
  const senders = notificationSendersFromEnv(env);
  if (!store) return { notifications: undefined, summary: { notifications: 'off: DATABASE_URL is not set, and the embedded store is the API process\'s own' } };
  return {
    notifications: { contacts: new SqlApplicantContacts(store.db), notifications: new SqlNotifications(store.db), senders },
    summary: { notifications: { store: store.engine, sms: senders.SMS.name, email: senders.EMAIL.name } },
  };
}
