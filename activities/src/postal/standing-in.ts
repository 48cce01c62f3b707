import type { PostalActivities } from './postal.activities';

/**
 * For a worker given no postal operator: every order waits, failing and retried (visible as a
 * pending activity with its last failure in the Temporal UI), until a worker that has one picks
 * it up. Nothing is dropped, nothing is pretended.
 */
export function waitingPostalActivities(): PostalActivities {
  const wait = async (): Promise<never> => {
    throw new Error('this worker has no postal operator (POSTAL_API_URL is not set): the order waits for one that has');
  };
  return { placePostalOrder: wait, cancelPostalOrder: wait };
}

/**
 * The scenario runner's post: a scenario's own actions (postalHandover, postalDelivered…) are what
 * the post does, so its orders are taken at once, without a waybill or a known scope (no transit
 * target, so no alert a scenario did not write).
 */
export function simulatedPostalActivities(): PostalActivities {
  return {
    async placePostalOrder(input) {
      return { kind: 'PLACED', orderRef: input.key, waybill: null, partnerStatus: 'SIMULATED', scope: null };
    },
    async cancelPostalOrder() {
      return { alreadyGone: false };
    },
  };
}
