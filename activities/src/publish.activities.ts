import { Context } from '@temporalio/activity';
import { DOSSIER_EVENTS_TOPIC } from '@motcua/contracts';
import type { RecordedEvent } from '@motcua/dossier';
import type { EventPublisher } from '@motcua/event-bus';
import { toBusMessage } from './cloud-event';

export interface PublishActivities {
  /** Publishes a batch of one dossier's events, in order. Safe to retry: ids are deterministic. */
  publishDossierEvents(events: RecordedEvent[]): Promise<void>;
}

/** Which attempt of the activity this is, and when its first attempt was scheduled. */
export interface PublishAttempt {
  attempt: number;
  firstScheduledMs: number;
}

/** The running activity's attempt (Temporal's activity context). */
const currentAttempt = (): PublishAttempt => {
  const { attempt, scheduledTimestampMs } = Context.current().info;
  return { attempt, firstScheduledMs: scheduledTimestampMs };
};

/**
 * How far before the first attempt's scheduling a retry looks for its events: the message
 * timestamps are the worker host's clock, the scheduling instant the Temporal server's.
 */
export const READ_BACK_MARGIN_MS = 5 * 60_000;

/** Activities close over their dependencies (Temporal's samples): the publisher is injected. */
export function createPublishActivities(deps: { publisher: EventPublisher; topic?: string; attempt?: () => PublishAttempt }): PublishActivities {
  const topic = deps.topic ?? DOSSIER_EVENTS_TOPIC;
  const attemptOf = deps.attempt ?? currentAttempt;
  return {
    /**
     * A retry first reads back what the topic holds of this dossier since the first attempt: an
     * earlier attempt may have been acknowledged by the broker and then lost its answer (the
     * worker killed, Temporal unreachable), and the producer's idempotence does not span
     * sessions. Only the events not there yet are sent, so the topic carries each id once.
     */
    async publishDossierEvents(events) {
      if (events.length === 0) return;
      let pending = events;
      const { attempt, firstScheduledMs } = attemptOf();
      if (attempt > 1 && deps.publisher.readBack) {
        const there = new Set((await deps.publisher.readBack(topic, events[0].code, firstScheduledMs - READ_BACK_MARGIN_MS)).map(idOf));
        pending = events.filter((r) => !there.has(r.id));
      }
      await deps.publisher.publish(topic, pending.map(toBusMessage));
    },
  };
}

/** The CloudEvent id of a message of ours (structured mode); null for anything else on the topic. */
function idOf(m: { value: string }): string | null {
  try {
    const id = (JSON.parse(m.value) as { id?: unknown }).id;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}
