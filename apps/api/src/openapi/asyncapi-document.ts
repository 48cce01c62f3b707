import { DOSSIER_EVENTS_TOPIC, DossierCloudEventSchema } from '@motcua/contracts';
import { jsonSchemaOf } from './json-schema';

/** The AsyncAPI 3.0 document of `dossier.events`, its payload from DossierCloudEventSchema. */
export function buildAsyncApiDocument(brokers: readonly string[]): Record<string, unknown> {
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Motcua dossier events',
      version: '1.0.0',
      description:
        'Every state change of a dossier, as a CloudEvent 1.0 in structured mode. Key = subject = dossier code (order per ' +
        'dossier); id = `<code>:<sequence>` (deterministic: de-duplicate by it); time = when it happened (domain time); ' +
        'data.sequence 1, 2, 3… without gaps per dossier. No personal data beyond a pseudonymous applicant reference.',
    },
    defaultContentType: 'application/cloudevents+json',
    servers: Object.fromEntries(brokers.map((host, i) => [`broker${i + 1}`, { host, protocol: 'kafka' }])),
    channels: {
      dossierEvents: {
        address: DOSSIER_EVENTS_TOPIC,
        description: 'All dossier events, partitioned by dossier code.',
        messages: { dossierEvent: { $ref: '#/components/messages/DossierEvent' } },
        bindings: { kafka: { topic: DOSSIER_EVENTS_TOPIC, bindingVersion: '0.5.0' } },
      },
    },
    operations: {
      publishDossierEvent: {
        action: 'send',
        channel: { $ref: '#/channels/dossierEvents' },
        summary: 'The worker publishes each recorded dossier event (at least once; ids are stable).',
        messages: [{ $ref: '#/channels/dossierEvents/messages/dossierEvent' }],
      },
    },
    components: {
      messages: {
        DossierEvent: {
          name: 'DossierEvent',
          title: 'A dossier event (CloudEvent)',
          contentType: 'application/cloudevents+json',
          headers: {
            type: 'object',
            properties: { 'content-type': { type: 'string', description: 'application/cloudevents+json; charset=UTF-8' } },
          },
          payload: { schemaFormat: 'application/schema+json;version=draft-07', schema: { $ref: '#/components/schemas/DossierCloudEvent' } },
          bindings: { kafka: { key: { type: 'string', description: 'the dossier code' }, bindingVersion: '0.5.0' } },
        },
      },
      schemas: { DossierCloudEvent: jsonSchemaOf(DossierCloudEventSchema, { target: 'draft-07' }) },
    },
  };
}
