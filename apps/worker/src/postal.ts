import { createPostalActivities, HttpPostalOperator, UnconfiguredPostalOperator, waitingPostalActivities, type PostalActivities } from '@motcua/activities';
import { builtInUnits } from '@motcua/catalog';
import { SqlApplicantContacts, type Store } from '@motcua/store';

export interface PostalWiring {
  activities: PostalActivities;
  /** For the start log line: what this worker does with postal orders. */
  summary: Record<string, unknown>;
}

/**
 * The postal orders' dependencies, from the environment:
 * - POSTAL_API_URL: the operator's order API (unset: orders wait, retried, until it is set);
 * - POSTAL_CALLBACK_URL: where the operator sends its events (default: the API's
 *   http://$API_HOST:$API_PORT/api/v1/postal/events);
 * - the store the API keeps the applicants' contact data in (DATABASE_URL, opened by main): without
 *   it this worker cannot read addresses, and its orders wait as if no operator were set.
 */
export function postalFromEnv(store: Store | null, env: NodeJS.ProcessEnv = process.env): PostalWiring {
  const apiUrl = env.POSTAL_API_URL?.trim() || null;
  const callbackUrl =
    env.POSTAL_CALLBACK_URL?.trim() || `http://${env.API_HOST || '127.0.0.1'}:${env.API_PORT || '3000'}/api/v1/postal/events`;
  if (!store) {
    return { activities: waitingPostalActivities(), summary: { postalOrders: 'waiting: no DATABASE_URL to read addresses from', postalApi: apiUrl } };
  }
  const units = builtInUnits();
  const activities = createPostalActivities({
    operator: apiUrl ? new HttpPostalOperator({ baseUrl: apiUrl }) : new UnconfiguredPostalOperator(),
    contacts: new SqlApplicantContacts(store.db),
    callbackUrl,
    unitName: (id) => units.find(id)?.name,
  });
  return { activities, summary: { postalOrders: apiUrl ? 'on' : 'waiting: POSTAL_API_URL is not set', postalApi: apiUrl, postalCallback: callbackUrl } };
}
