import { z } from 'zod';
import {
  dataSchemaOf,
  DOSSIER_EVENT_SOURCE,
  DOSSIER_EVENT_TYPE_PREFIX,
  DossierCloudEventSchema,
  isDossierEventTypeName,
  type DecodedDossierCloudEvent,
  type DossierCloudEvent,
} from '@motcua/contracts';
import { eventId, type DossierEvent, type RecordedEvent } from '@motcua/dossier';

/** A Kafka message that is not a dossier event this library can read, and why. */
export class CloudEventRefused extends Error {
  override readonly name = 'CloudEventRefused';
  constructor(
    message: string,
    readonly issues: readonly z.core.$ZodIssue[] = [],
  ) {
    super(message);
  }
}

/**
 * A recorded dossier event as the CloudEvent published on `dossier.events`. The schema of its type
 * writes every instant as `+07:00` and checks the result, so an event the contract cannot carry
 * fails here, before it reaches the broker.
 */
export function toCloudEvent(r: RecordedEvent): DossierCloudEvent {
  const { at, by, ...payload } = r.event;
  const decoded = {
    specversion: '1.0',
    id: r.id,
    source: DOSSIER_EVENT_SOURCE,
    type: `${DOSSIER_EVENT_TYPE_PREFIX}${payload.type}`,
    dataschema: dataSchemaOf(payload.type),
    subject: r.code,
    time: at,
    datacontenttype: 'application/json',
    data: {
      sequence: r.sequence,
      code: r.code,
      type: payload.type,
      status: r.status,
      channel: r.channel,
      unit: r.unit,
      ruleSet: r.ruleSet,
      procedure: { code: r.procedure.code, version: r.procedure.version },
      actor: { id: by.id, role: by.role, agency: by.agency },
      dueAt: r.dueAt,
      finalDueAt: r.finalDueAt,
      payload,
    },
  };
  // TypeScript cannot follow one event type through the spread above; consistency.ts proves that
  // each domain event, less `at` and `by`, is exactly its schema's decoded payload.
  const result = DossierCloudEventSchema.safeEncode(decoded as unknown as DecodedDossierCloudEvent);
  if (!result.success) {
    throw new Error(`event ${r.id} (${payload.type}) does not fit its contract: ${z.prettifyError(result.error)}`);
  }
  return result.data;
}

/**
 * A message of `dossier.events` (its value as text, or already parsed) back into the recorded
 * event that was published: the domain event with its instants in epoch milliseconds and its
 * envelope. Throws CloudEventRefused, naming what is wrong, for anything that is not a dossier event
 * of a type and schema version this library knows.
 */
export function fromCloudEvent(message: string | unknown): RecordedEvent {
  let json = message;
  if (typeof message === 'string') {
    try {
      json = JSON.parse(message);
    } catch {
      throw new CloudEventRefused('not JSON');
    }
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new CloudEventRefused('not a JSON object');
  const type = (json as { type?: unknown }).type;
  const name = typeof type === 'string' && type.startsWith(DOSSIER_EVENT_TYPE_PREFIX) ? type.slice(DOSSIER_EVENT_TYPE_PREFIX.length) : null;
  if (name === null || !isDossierEventTypeName(name)) throw new CloudEventRefused(`unknown event type ${JSON.stringify(type)}`);
  const dataschema = (json as { dataschema?: unknown }).dataschema;
  if (dataschema !== dataSchemaOf(name)) {
    throw new CloudEventRefused(`${name}: dataschema ${JSON.stringify(dataschema)} is not ${dataSchemaOf(name)}, the version of its schema this library reads`);
  }
  const parsed = DossierCloudEventSchema.safeParse(json);
  if (!parsed.success) {
    const id = (json as { id?: unknown }).id;
    throw new CloudEventRefused(`${name} ${JSON.stringify(id)}: ${z.prettifyError(parsed.error)}`, parsed.error.issues);
  }
  const ce = parsed.data;
  const { actor, payload, ...data } = ce.data;
  if (ce.subject !== data.code) throw new CloudEventRefused(`${name} ${ce.id}: subject ${ce.subject} is not the dossier code ${data.code}`);
  if (ce.id !== eventId(data.code, data.sequence)) {
    throw new CloudEventRefused(`${name} ${ce.id}: the id is not ${eventId(data.code, data.sequence)} (<code>:<sequence>)`);
  }
  return {
    id: ce.id,
    code: data.code,
    sequence: data.sequence,
    // The schema of `name` decoded the payload (consistency.ts: exactly that domain event's fields).
    event: { ...payload, at: ce.time, by: actor } as DossierEvent,
    status: data.status,
    channel: data.channel,
    ruleSet: data.ruleSet,
    procedure: data.procedure,
    unit: data.unit,
    dueAt: data.dueAt,
    finalDueAt: data.finalDueAt,
  };
}
