import { createPostalActivities, HttpPostalOperator, UnconfiguredPostalOperator, waitingPostalActivities, type PostalActivities } from '@motcua/activities';
import { builtInUnits } from '@motcua/catalog';
import { openStore, SqlApplicantContacts, type Store } from '@motcua/store';

export interface PostalWiring {
  activities: PostalActivities;
  store: Store | null;
  /** For the start log line: what this worker does with postal orders. */
  summary: Record<string, unknown>;
}

/**
 * The postal orders' dependencies, from the environment:
 * - POSTAL_API_URL: the operator's order API (unset: orders wait, retried, until it is set);
 * - POSTAL_CALLBACK_URL: where the operator sends its events (default: the API's
 *   http://$API_HOST:$API_PORT/api/v1/postal/events);
 * - DATABASE_URL: the store the API keeps the applicants' contact data in. An embedded store
 *   (STORE_DIR) belongs to the one process that opened it, the API: without DATABASE_URL this
 *   worker cannot read addresses, and its orders wait as if no operator were set.
 */
export async function postalFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<PostalWiring> {
  const apiUrl = env.POSTAL_API_URL?.trim() || null;
  const callbackUrl =
    env.POSTAL_CALLBACK_URL?.trim() || `http://${env.API_HOST || '127.0.0.1'}:${env.API_PORT || '3000'}/api/v1/postal/events`;
  if (!env.DATABASE_URL) {
    return { activities: waitingPostalActivities(), store: null, summary: { postalOrders: 'waiting: no DATABASE_URL to read addresses from', postalApi: apiUrl } };
  }
  const store = await openStore({ url: env.DATABASE_URL });
  const units = builtInUnits();
  const activities = createPostalActivities({
    operator: apiUrl ? new HttpPostalOperator({ baseUrl: apiUrl }) : new UnconfiguredPostalOperator(),
    contacts: new SqlApplicantContacts(store.db),
    callbackUrl,
    unitName: (id) => units.find(id)?.name,
  });
  return { activities, store, summary: { postalOrders: apiUrl ? 'on' : 'waiting: POSTAL_API_URL is not set', postalApi: apiUrl, postalCallback: callbackUrl } };
}
