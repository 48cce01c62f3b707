import { DOSSIER_EVENTS_TOPIC } from '@motcua/contracts';
import type { RecordedEvent } from '@motcua/dossier';
import type { EventPublisher } from '@motcua/event-bus';
import { toBusMessage } from './cloud-event';

export interface PublishActivities {
  /** Publishes a batch of one dossier's events, in order. Safe to retry: ids are deterministic. */
  publishDossierEvents(events: RecordedEvent[]): Promise<void>;
}

/** Activities close over their dependencies (Temporal's samples): the publisher is injected. */
export function createPublishActivities(deps: { publisher: EventPublisher; topic?: string }): PublishActivities {
  const topic = deps.topic ?? DOSSIER_EVENTS_TOPIC;
  return {
    async publishDossierEvents(events) {
      await deps.publisher.publish(topic, events.map(toBusMessage));
    },
  };
}
