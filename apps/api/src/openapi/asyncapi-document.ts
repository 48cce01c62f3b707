import {
  dataSchemaOf,
  DOSSIER_EVENT_SCHEMA_VERSIONS,
  DOSSIER_EVENT_TYPE_PREFIX,
  DOSSIER_EVENT_TYPES,
  DOSSIER_EVENTS_TOPIC,
  DossierCloudEventSchemas,
  DossierEventPayloadSchemas,
} from '@motcua/contracts';
import { jsonSchemaOf } from './json-schema';

/**
 * The AsyncAPI 3.0 document of `dossier.events`: one message per event type, each with the JSON
 * Schema of its CloudEvent generated from the zod schemas of libs/contracts. `io: 'input'` because
 * the schemas decode instants to epoch milliseconds: the wire is their input side.
 */
export function buildAsyncApiDocument(brokers: readonly string[]): Record<string, unknown> {
  const messages = Object.fromEntries(
    DOSSIER_EVENT_TYPES.map((type) => [
      type,
      {
        name: type,
        title: type,
        summary: DossierEventPayloadSchemas[type].description,
        description:
          `Schema version ${DOSSIER_EVENT_SCHEMA_VERSIONS[type]}: \`dataschema\` = \`${dataSchemaOf(type)}\`, ` +
          `\`type\` = \`${DOSSIER_EVENT_TYPE_PREFIX}${type}\`; the event's own fields are \`data.payload\`.`,
        contentType: 'application/cloudevents+json',
        headers: {
          type: 'object',
          properties: { 'content-type': { type: 'string', description: 'application/cloudevents+json; charset=UTF-8' } },
        },
        payload: { schemaFormat: 'application/schema+json;version=draft-07', schema: { $ref: `#/components/schemas/${type}` } },
        bindings: { kafka: { key: { type: 'string', description: 'the dossier code' }, bindingVersion: '0.5.0' } },
      },
    ]),
  );
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Motcua dossier events',
      version: '2.0.0',
      description:
        'Every state change of a dossier, as a CloudEvent 1.0 in structured mode, one message per event type. Key = subject = ' +
        'dossier code (order per dossier); id = `<code>:<sequence>` (deterministic: de-duplicate by it); time = when it ' +
        'happened (domain time); data.sequence 1, 2, 3… without gaps per dossier; dataschema = ' +
        '`urn:motcua:schemas:dossier.<type>:<version>`, the version of that type\'s schema. Every instant is RFC 3339 in ' +
        'Vietnam time (+07:00). No personal data beyond a pseudonymous applicant reference.',
    },
    defaultContentType: 'application/cloudevents+json',
    servers: Object.fromEntries(brokers.map((host, i) => [`broker${i + 1}`, { host, protocol: 'kafka' }])),
    channels: {
      dossierEvents: {
        address: DOSSIER_EVENTS_TOPIC,
        description: 'All dossier events, partitioned by dossier code.',
        messages: Object.fromEntries(DOSSIER_EVENT_TYPES.map((type) => [type, { $ref: `#/components/messages/${type}` }])),
        bindings: { kafka: { topic: DOSSIER_EVENTS_TOPIC, bindingVersion: '0.5.0' } },
      },
    },
    operations: {
      publishDossierEvent: {
        action: 'send',
        channel: { $ref: '#/channels/dossierEvents' },
        summary: 'The worker publishes each recorded dossier event (at least once; ids are stable).',
        messages: DOSSIER_EVENT_TYPES.map((type) => ({ $ref: `#/channels/dossierEvents/messages/${type}` })),
      },
    },
    components: {
      messages,
      schemas: Object.fromEntries(
        DOSSIER_EVENT_TYPES.map((type) => [type, jsonSchemaOf(DossierCloudEventSchemas[type], { target: 'draft-07', io: 'input' })]),
      ),
    },
  };
}
