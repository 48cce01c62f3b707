import { CloudEvent } from 'cloudevents';
import type { DossierEventData } from '@motcua/contracts';
import type { RecordedEvent } from '@motcua/dossier';
import type { BusMessage } from '@motcua/event-bus';
import { toCloudEvent } from '@motcua/wire';

/**
 * Structured content mode (CloudEvents Kafka binding §3.3). The mapping is libs/wire's, which
 * consumers use to read the messages back; the cloudevents SDK validates the envelope once more.
 * The Kafka message timestamp is left to the producer (now): a simulated history carries old
 * domain times, and a record timestamped months ago would be deleted by the broker's time-based
 * retention at once.
 */
export function toBusMessage(r: RecordedEvent): BusMessage {
  const ce = toCloudEvent(r);
  const validated = new CloudEvent<DossierEventData>(ce, true);
  return {
    key: r.code,
    value: JSON.stringify({ ...validated.toJSON(), time: ce.time }),
    headers: { 'content-type': 'application/cloudevents+json; charset=UTF-8' },
  };
}
