import { CloudEvent } from 'cloudevents';
import { toLocalIso } from '@motcua/calendar';
import {
  DOSSIER_EVENT_SOURCE,
  DOSSIER_EVENT_TYPE_PREFIX,
  type DossierCloudEvent,
} from '@motcua/contracts';
import type { RecordedEvent } from '@motcua/dossier';
import type { BusMessage } from '@motcua/event-bus';

/** Fields of the domain events that hold instants (epoch ms inside, ISO-8601 on the wire). */
const INSTANT_FIELDS = new Set(['at', 'nearDueAt', 'apologyBy', 'clockStartedAt', 'newAppointment', 'dueAt']);

function wireValue(key: string, v: unknown): unknown {
  if (typeof v === 'number' && INSTANT_FIELDS.has(key)) return toLocalIso(v);
  if (Array.isArray(v)) return v.map((x) => wireValue('', x));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, wireValue(k, x)]));
  return v;
}

export function toCloudEvent(r: RecordedEvent): DossierCloudEvent {
  const { type, at, by, ...payload } = r.event;
  return {
    specversion: '1.0',
    id: r.id,
    source: DOSSIER_EVENT_SOURCE,
    type: DOSSIER_EVENT_TYPE_PREFIX + type,
    subject: r.code,
    time: toLocalIso(at),
    datacontenttype: 'application/json',
    data: {
      sequence: r.sequence,
      code: r.code,
      type,
      status: r.status as DossierCloudEvent['data']['status'],
      channel: r.channel,
      unit: r.unit,
      ruleSet: r.ruleSet,
      procedure: r.procedure,
      actor: { id: by.id, role: by.role, agency: by.agency },
      dueAt: r.dueAt === null ? null : toLocalIso(r.dueAt),
      finalDueAt: r.finalDueAt === null ? null : toLocalIso(r.finalDueAt),
      payload: wireValue('', payload) as Record<string, unknown>,
    },
  };
}

/**
 * Structured content mode (CloudEvents Kafka binding §3.3). The cloudevents SDK validates the
 * event; the Kafka message timestamp is left to the producer (now): a simulated history carries
 * old domain times, and a record timestamped months ago would be deleted by the broker's
 * time-based retention at once.
 */
export function toBusMessage(r: RecordedEvent): BusMessage {
  const ce = toCloudEvent(r);
  const validated = new CloudEvent(ce, true);
  return {
    key: r.code,
    value: JSON.stringify({ ...validated.toJSON(), time: ce.time }),
    headers: { 'content-type': 'application/cloudevents+json; charset=UTF-8' },
  };
}
