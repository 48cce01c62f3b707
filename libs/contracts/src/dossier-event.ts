import { z } from 'zod';
import {
  DOSSIER_EVENT_SCHEMA_VERSIONS,
  DOSSIER_EVENT_TYPES,
  DossierEventPayloadSchemas,
  type DossierEventTypeName,
} from './events';
import { ChannelSchema, DossierStatusSchema } from './statuses';
import { EventInstantSchema } from './time';

/** The topic every dossier event goes to; key = dossier code, so a dossier's events keep their order. */
export const DOSSIER_EVENTS_TOPIC = 'dossier.events';
export const DOSSIER_EVENT_TYPE_PREFIX = 'vn.motcua.dossier.';
export const DOSSIER_EVENT_SOURCE = 'urn:motcua:dossiers';
export const DOSSIER_EVENT_SCHEMA_PREFIX = 'urn:motcua:schemas:dossier.';

/** The CloudEvent `dataschema` of an event type: its name and its schema version. */
export function dataSchemaOf<T extends DossierEventTypeName>(type: T): `${typeof DOSSIER_EVENT_SCHEMA_PREFIX}${T}:${number}` {
  return `${DOSSIER_EVENT_SCHEMA_PREFIX}${type}:${DOSSIER_EVENT_SCHEMA_VERSIONS[type]}`;
}

/** What every event's `data` holds beside its payload: the dossier after the event, and who acted. */
const DossierEventEnvelopeSchema = z.object({
  sequence: z.number().int().positive().describe('1, 2, 3… without gaps within the dossier'),
  code: z.string().min(1).describe('the dossier code'),
  status: z.union([DossierStatusSchema, z.literal('NEW')]).describe('the dossier\'s status after the event'),
  channel: ChannelSchema.nullable(),
  unit: z.string().min(1),
  ruleSet: z.string().min(1),
  procedure: z.object({ code: z.string().min(1), version: z.string().min(1) }),
  actor: z
    .object({ id: z.string().min(1), role: z.string().min(1), agency: z.string().nullable() })
    .describe('who acted: a pseudonymous person id, a role, an agency (system / SYSTEM for alerts)'),
  dueAt: EventInstantSchema.nullable().describe('the appointment (legal due instant) after the event'),
  finalDueAt: EventInstantSchema.nullable().describe('the appointment in force after the event (after an apology, its new one)'),
});

/**
 * One event type as a CloudEvent 1.0 in structured JSON mode. Everything that names the type
 * (`type`, `dataschema`, `data.type`, `data.payload.type`) is a constant of its own schema, so a
 * message whose parts disagree is refused, and each type has a JSON Schema of its own.
 */
function cloudEventSchemaOf<T extends DossierEventTypeName>(type: T) {
  return z
    .object({
      specversion: z.literal('1.0'),
      id: z.string().min(1).describe('`<dossier code>:<sequence>`, deterministic: consumers de-duplicate by it'),
      source: z.literal(DOSSIER_EVENT_SOURCE),
      type: z.literal(`${DOSSIER_EVENT_TYPE_PREFIX}${type}` as `${typeof DOSSIER_EVENT_TYPE_PREFIX}${T}`),
      dataschema: z.literal(dataSchemaOf(type)).describe('the event type and the version of its schema'),
      subject: z.string().min(1).describe('the dossier code (also the Kafka key)'),
      time: EventInstantSchema.describe('when it happened (domain time), not when it was published'),
      datacontenttype: z.literal('application/json'),
      data: DossierEventEnvelopeSchema.extend({
        type: z.literal(type),
        payload: DossierEventPayloadSchemas[type] as (typeof DossierEventPayloadSchemas)[T],
      }),
    })
    .describe(`${type}: ${DossierEventPayloadSchemas[type].description}`);
}

type CloudEventSchemas = { readonly [T in DossierEventTypeName]: ReturnType<typeof cloudEventSchemaOf<T>> };

/** Each event type's CloudEvent schema: one AsyncAPI message, one JSON Schema each. */
export const DossierCloudEventSchemas = Object.fromEntries(DOSSIER_EVENT_TYPES.map((t) => [t, cloudEventSchemaOf(t)])) as CloudEventSchemas;

/**
 * A dossier event on Kafka, any type. Producers (the publishing activity through libs/wire),
 * consumers and the AsyncAPI document all use these schemas. Its instants are codecs: `parse` (or
 * `decode`) gives them as epoch milliseconds, `encode` writes them as `+07:00` strings.
 */
export const DossierCloudEventSchema = z.discriminatedUnion(
  'type',
  Object.values(DossierCloudEventSchemas) as [CloudEventSchemas[DossierEventTypeName], ...CloudEventSchemas[DossierEventTypeName][]],
);
/** The message as JSON: instants are strings. */
export type DossierCloudEvent = z.input<typeof DossierCloudEventSchema>;
/** The message decoded: instants are epoch milliseconds, as in the domain. */
export type DecodedDossierCloudEvent = z.output<typeof DossierCloudEventSchema>;
export type DossierEventData = DossierCloudEvent['data'];
