import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { CloudEvent } from 'cloudevents';
import { DOSSIER_EVENT_TYPES, type DossierEventTypeName } from '@motcua/contracts';
import type { RecordedEvent } from '@motcua/dossier';
import { fromCloudEvent, toCloudEvent } from '@motcua/wire';
import { runThroughDomain } from '../../../../libs/dossier/src/testing/scenario-harness';
import { SAMPLE_EVENTS, SAMPLE_RECORDED_EVENTS } from '../../../../libs/wire/src/testing/samples';
import { exampleDirs, oneFilePerId, PROJECT_SCENARIOS_DIR } from '../../../scenarios/src/examples';
import { loadScenario, scenarioFiles } from '../../../scenarios/src/load';
import { InMemoryDossierGateway } from '../testing/in-memory-dossier-gateway';
import { startTestApp, type TestApp } from '../testing/start-test-app';

/**
 * The event contract end to end: every event the public and project scenarios produce (through the
 * domain alone, which the differential test ties to the workflow), and a sample of every type,
 * crosses the wire unchanged and is what the document served at /asyncapi.json says, checked by a
 * JSON Schema validator that knows nothing of zod, and by the CloudEvents SDK.
 */
// The served document is plain JSON walked by path.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const files = oneFilePerId(scenarioFiles([...exampleDirs(), PROJECT_SCENARIOS_DIR])).files;
const scenarioEvents: [string, RecordedEvent[]][] = files.map((file) => {
  const loaded = loadScenario(file);
  if (!('scenario' in loaded)) throw new Error(`${file}: ${loaded.error}`);
  return [loaded.scenario.id, [...runThroughDomain(loaded.scenario).dossier.events]];
});

let t: TestApp;
let asyncapi: Json;
const validators = new Map<DossierEventTypeName, ValidateFunction>();

beforeAll(async () => {
  t = await startTestApp({ gateway: new InMemoryDossierGateway() });
  asyncapi = (await t.call('GET', '/asyncapi.json')).body;
  // The document's own draft (07, Ajv's default); formats checked, date-time included.
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  for (const type of DOSSIER_EVENT_TYPES) validators.set(type, ajv.compile(payloadSchemaOf(type)));
});
afterAll(() => t.close());

/** The JSON Schema of a type's messages, found the way a consumer would: channel → message → payload. */
function payloadSchemaOf(type: string): Json {
  const resolve = (ref: string): Json => ref.slice(2).split('/').reduce((node: Json, key) => node?.[key], asyncapi);
  const message = resolve(asyncapi.channels.dossierEvents.messages[type].$ref);
  expect(message.payload.schemaFormat).toBe('application/schema+json;version=draft-07');
  return resolve(message.payload.schema.$ref);
}

function crossesTheWire(r: RecordedEvent): void {
  const text = JSON.stringify(toCloudEvent(r));
  const json = JSON.parse(text);
  expect(fromCloudEvent(json)).toStrictEqual(r);
  const validate = validators.get(r.event.type)!;
  expect([r.id, validate(json), validate.errors ?? null]).toEqual([r.id, true, null]);
  expect(() => new CloudEvent(json, true)).not.toThrow();
}

describe('GET /asyncapi.json documents one message per event type', () => {
  it('lists every type, in the channel and in the publish operation, each with its schema version', () => {
    expect(Object.keys(asyncapi.channels.dossierEvents.messages).sort()).toEqual([...DOSSIER_EVENT_TYPES].sort());
    expect(asyncapi.operations.publishDossierEvent.messages).toHaveLength(DOSSIER_EVENT_TYPES.length);
    for (const type of DOSSIER_EVENT_TYPES) {
      const schema = payloadSchemaOf(type);
      expect(schema.properties.type.const).toBe(`vn.motcua.dossier.${type}`);
      expect(schema.properties.dataschema.const).toBe(`urn:motcua:schemas:dossier.${type}:1`);
      expect(schema.properties.data.properties.payload.properties.type.const).toBe(type);
      expect(asyncapi.components.messages[type].description).toContain(`urn:motcua:schemas:dossier.${type}:1`);
    }
  });

  it('describes instants as +07:00 strings, StageStarted.startedAt included', () => {
    const startedAt = payloadSchemaOf('StageStarted').properties.data.properties.payload.properties.startedAt;
    expect(startedAt).toMatchObject({ type: 'string', format: 'date-time' });
    const validate = validators.get('StageStarted')!;
    const json = JSON.parse(JSON.stringify(toCloudEvent(SAMPLE_EVENTS.StageStarted)));
    expect(validate(json)).toBe(true);
    expect(validate({ ...json, data: { ...json.data, payload: { ...json.data.payload, startedAt: Date.parse(json.data.payload.startedAt) } } })).toBe(false);
    expect(validate({ ...json, time: '2026-03-02T02:20:00Z' })).toBe(false);
    expect(validate({ ...json, dataschema: 'urn:motcua:schemas:dossier.DossierAccepted:1' })).toBe(false);
  });
});

describe('every event of the public and project scenarios crosses the wire unchanged and as documented', () => {
  it('finds the project scenarios and the examples', () => {
    expect(scenarioEvents.length).toBeGreaterThanOrEqual(24);
    expect(scenarioEvents.map(([id]) => id)).toEqual(expect.arrayContaining(['P01-counter-single-agency-early', 'M01-supplement-after-apology']));
  });

  it.each(scenarioEvents)('%s', (_id, events) => {
    expect(events.length).toBeGreaterThan(0);
    for (const r of events) crossesTheWire(r);
  });

  it('and so does a sample of every type, whether a scenario produces it or not', () => {
    for (const r of SAMPLE_RECORDED_EVENTS) crossesTheWire(r);
  });
});
