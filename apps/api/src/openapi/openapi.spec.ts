import { HttpActionBodySchemas, HTTP_ACTIONS } from '@motcua/contracts';
import { z } from 'zod';
import { InMemoryDossierGateway } from '../testing/in-memory-dossier-gateway';
import { people } from '../testing/test-tokens';
import { startTestApp, type TestApp } from '../testing/start-test-app';

/** Every path of CONTRACTS.md that this API serves (the postal reports come later). */
const CONTRACT_PATHS: [string, string][] = [
  ['get', '/health'],
  ['get', '/openapi.json'],
  ['get', '/asyncapi.json'],
  ['get', '/api/v1/procedures'],
  ['post', '/api/v1/dossiers'],
  ['get', '/api/v1/dossiers'],
  ['get', '/api/v1/dossiers/{code}'],
  ['get', '/api/v1/dossiers/{code}/notes'],
  ['get', '/api/v1/dossiers/{code}/applicant'],
  ['get', '/api/v1/dossiers/{code}/notifications'],
  ['post', '/api/v1/postal/events'],
  ['get', '/api/v1/reports/ii06a'],
  ['get', '/api/v1/reports/766'],
  ['get', '/api/v1/reports/circular01'],
  // The officers' workbench (GET /workbench): its queue, live, and what each action would do.
  ['get', '/api/v1/workbench/queue'],
  ['get', '/api/v1/workbench/stream'],
  ['get', '/api/v1/dossiers/{code}/actions'],
  ...HTTP_ACTIONS.map((a): [string, string] => ['post', `/api/v1/dossiers/{code}/${a}`]),
];

let t: TestApp;
// The document is plain JSON walked by path; `any` keeps the walking short.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
let doc: Json;
let raw: string;
beforeAll(async () => {
  // With a postal secret, so the webhook answers an unsigned request 401 as the document says.
  t = await startTestApp({ gateway: new InMemoryDossierGateway(), config: { postalWebhookSecrets: [Buffer.alloc(32, 1)] } });
  const res = await fetch(`${t.url}/openapi.json`);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  raw = await res.text();
  doc = JSON.parse(raw);
});
afterAll(() => t.close());

/** Resolves a local $ref (#/a/b/c). */
function resolve(ref: string): Json {
  return ref
    .slice(2)
    .split('/')
    .reduce((node: Json, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
}

function refsIn(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((x) => refsIn(x, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refsIn(v, out);
    }
  }
  return out;
}

/** The document's schema as zod again (zod 4's own reader), its $refs resolved. */
function docSchema(ref: string): z.ZodType {
  const inline = (node: Json): Json =>
    Array.isArray(node) ? node.map(inline) : node && typeof node === 'object' ? (node.$ref ? inline(resolve(node.$ref)) : Object.fromEntries(Object.entries(node).map(([k, v]) => [k, inline(v)]))) : node;
  return z.fromJSONSchema(inline(resolve(ref)));
}

describe('GET /openapi.json', () => {
  it('is an OpenAPI 3.1 JSON document', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it('has every path of CONTRACTS.md that is built, one per action', () => {
    for (const [method, path] of CONTRACT_PATHS) expect([method, path, doc.paths[path]?.[method] !== undefined]).toEqual([method, path, true]);
  });

  it('is well-formed: every $ref resolves, operation ids are unique, path parameters are declared, every operation has responses', () => {
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(20);
    for (const r of refs) expect([r, resolve(r) !== undefined]).toEqual([r, true]);
    const ids: string[] = [];
    for (const [path, item] of Object.entries<Json>(doc.paths)) {
      for (const [method, op] of Object.entries<Json>(item)) {
        ids.push(op.operationId);
        expect(Object.keys(op.responses ?? {}).length).toBeGreaterThan(0);
        for (const name of [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1])) {
          expect([method, path, (op.parameters ?? []).some((p: Json) => p.in === 'path' && p.name === name && p.required)]).toEqual([method, path, true]);
        }
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => typeof id === 'string')).toBe(true);
  });

  it('declares bearer tokens, the postal webhook\'s signature and stream tickets, on exactly the operations the API guards', async () => {
    expect(doc.components.securitySchemes).toEqual({
      bearerAuth: expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }),
      postalWebhook: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'webhook-signature' }),
      streamTicket: expect.objectContaining({ type: 'apiKey', in: 'query', name: 'ticket' }),
    });
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, { security: unknown[]; responses: Record<string, unknown> }>>)) {
      for (const [method, op] of Object.entries(item)) {
        const concrete = path.replace(/\{[^}]+\}/g, '000.00.00.H26-260303-0001').replace('{action}', 'accept');
        // What the document says is what the API does: a guarded operation answers 401 without a token.
        const answer = await t.call(method.toUpperCase(), concrete, method === 'post' ? {} : undefined, {}, null);
        const guarded = op.security.length > 0;
        expect([method, path, guarded, answer.status === 401]).toEqual([method, path, guarded, guarded]);
        if (guarded) expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(path === '/api/v1/postal/events' ? ['401'] : ['401', '403']));
      }
    }
    // Every POST states what the edge answers besides its own outcomes.
    for (const [path, item] of Object.entries(doc.paths as Record<string, { post?: { responses: Record<string, unknown> } }>)) {
      // The webhook reads any body as bytes (its signature is the check), so it never answers 415.
      // A stream ticket takes no body and no Idempotency-Key: nothing to refuse as 422.
      const edge = path === '/api/v1/postal/events' ? ['413', '422'] : path === '/api/v1/stream/tickets' ? ['413', '415'] : ['413', '415', '422'];
      if (item.post) expect([path, Object.keys(item.post.responses)]).toEqual([path, expect.arrayContaining(edge)]);
    }
    expect(doc.paths['/api/v1/postal/events'].post.security).toEqual([{ postalWebhook: [] }]);
    expect(doc.paths['/api/v1/dossiers/{code}/accept'].post.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths['/api/v1/lookup/{code}'].get.security).toEqual([]);
    expect(doc.paths['/api/v1/stream/breaches'].get.security).toEqual([{ streamTicket: [] }]);
    expect(doc.paths['/api/v1/workbench/stream'].get.security).toEqual([{ streamTicket: [] }]);
    expect(doc.paths['/api/v1/workbench/queue'].get.security).toEqual([{ bearerAuth: [] }]);
  });

  it('describes each action body as its zod schema does: what one accepts, the other accepts', () => {
    const samples: Record<string, [unknown, unknown]> = {
      accept: [{}, 'x'],
      complete: [{ agency: 'SO_TU_PHAP' }, {}],
      requestSupplement: [{ agency: 'A', missing: ['TO_KHAI'], note: 'bản gốc' }, { agency: 'A', missing: ['tờ khai'] }],
      apologize: [{ agency: 'A', newAppointment: '2026-03-20T17:00:00+07:00' }, { agency: 'A', newAppointment: '2026-03-20 17:00' }],
      return: [{ channel: 'POSTAL' }, { channel: 'EMAIL' }],
      reject: [{ agency: 'A', reasons: ['NOT_ELIGIBLE'] }, { agency: 'A', reasons: ['không đủ điều kiện'] }],
      withdraw: [{ reason: 'APPLICANT_REQUEST', note: 'không cần nữa' }, { reason: 'không cần nữa' }],
    };
    for (const action of HTTP_ACTIONS) {
      const ref = doc.paths[`/api/v1/dossiers/{code}/${action}`].post.requestBody.content['application/json'].schema.$ref;
      const fromDoc = docSchema(ref);
      const [good, bad] = samples[action] ?? [{}, 'x'];
      for (const body of [good, bad]) {
        expect([action, body, fromDoc.safeParse(body).success]).toEqual([action, body, HttpActionBodySchemas[action].safeParse(body).success]);
      }
    }
  });

  it('describes the create request and the responses as the app really answers', async () => {
    const create = docSchema('#/components/schemas/CreateDossierRequest');
    const body = { procedureCode: 'LLTP-CAP-PHIEU', channel: 'COUNTER', applicant: { name: 'A', idNumber: '001203004567', phone: '0912345678' } };
    expect(create.safeParse(body).success).toBe(true);
    expect(create.safeParse({ ...body, channel: 'FAX' }).success).toBe(false);

    const created = await t.call('POST', '/api/v1/dossiers', body);
    expect(docSchema('#/components/schemas/DossierView').safeParse(created.body).success).toBe(true);
    expect(docSchema('#/components/schemas/DossierView').safeParse({ ...created.body, status: 'BOGUS' }).success).toBe(false);
    const accepted = await t.call('POST', `/api/v1/dossiers/${created.body.code}/accept`, {});
    expect(docSchema('#/components/schemas/DossierView').parse(accepted.body)).toBeTruthy();
    const detail = await t.call('GET', `/api/v1/dossiers/${created.body.code}`);
    expect(docSchema('#/components/schemas/DossierDetail').safeParse(detail.body).success).toBe(true);
    const refused = await t.call('POST', `/api/v1/dossiers/${created.body.code}/accept`, {});
    expect(docSchema('#/components/schemas/Error').safeParse(refused.body).success).toBe(true);
    const procedures = await t.call('GET', '/api/v1/procedures');
    for (const p of procedures.body) expect(docSchema('#/components/schemas/Procedure').safeParse(p).success).toBe(true);
    const list = await t.call('GET', '/api/v1/dossiers');
    for (const item of list.body) expect(docSchema('#/components/schemas/DossierListItem').safeParse(item).success).toBe(true);
  });

  it('gives request examples that Swagger UI\'s "Try it out" can send as they are, in the order of a dossier\'s trip', async () => {
    const example = (path: string) => doc.paths[path].post.requestBody.content['application/json'].example;
    const create = example('/api/v1/dossiers');
    expect(create).toMatchObject({ procedureCode: 'LLTP-CAP-PHIEU', channel: 'COUNTER' });
    expect(create).not.toHaveProperty('unit');
    expect(docSchema('#/components/schemas/CreateDossierRequest').safeParse(create).success).toBe(true);
    const created = await t.call('POST', '/api/v1/dossiers', create);
    expect(created.status).toBe(201);
    const action = (name: string, body = example(`/api/v1/dossiers/{code}/${name}`)) => t.call('POST', `/api/v1/dossiers/${created.body.code}/${name}`, body);
    expect((await action('accept')).status).toBe(200);
    expect((await action('complete')).status).toBe(403); // a one-stop officer does not complete a stage
    const completeAs = (agency: string) =>
      t.call('POST', `/api/v1/dossiers/${created.body.code}/complete`, { agency }, {}, people.officer(agency));
    expect((await completeAs(example('/api/v1/dossiers/{code}/complete').agency)).status).toBe(200);
    expect((await completeAs('CONG_AN_TINH')).status).toBe(200);
    const returned = await action('return');
    expect([returned.status, returned.body.status]).toEqual([200, 'RETURNED']);
  });

  it('is what Swagger UI shows at /docs', async () => {
    const html = await fetch(`${t.url}/docs`);
    expect(html.status).toBe(200);
    expect(await html.text()).toMatch(/swagger-ui/i);
    const init = await (await fetch(`${t.url}/docs/swagger-ui-init.js`)).text();
    expect(init).toContain('/api/v1/dossiers/{code}/apologize');
  });
});

describe('GET /asyncapi.json', () => {
  it('describes dossier.events with one message per event type, from the CloudEvent schemas of libs/contracts', async () => {
    const a = (await t.call('GET', '/asyncapi.json')).body;
    expect(a.asyncapi).toBe('3.0.0');
    expect(a.channels.dossierEvents.address).toBe('dossier.events');
    const message = a.components.messages.DossierAccepted;
    expect(message.contentType).toBe('application/cloudevents+json');
    expect(message.bindings.kafka.key.type).toBe('string');
    expect(message.payload.schema.$ref).toBe('#/components/schemas/DossierAccepted');
    const schema = a.components.schemas.DossierAccepted;
    expect(schema.required).toEqual(expect.arrayContaining(['specversion', 'id', 'source', 'type', 'dataschema', 'subject', 'time', 'datacontenttype', 'data']));
    expect(schema.properties.data.required).toEqual(expect.arrayContaining(['sequence', 'code', 'type', 'status', 'actor', 'payload']));
    expect(schema.properties.data.properties.payload.required).toEqual(expect.arrayContaining(['type', 'clockStartedAt', 'deadline']));
    expect(a.operations.publishDossierEvent.channel.$ref).toBe('#/channels/dossierEvents');
  });
});

describe('GET /api/v1/procedures', () => {
  it('is the catalog: code, name, timeLimit, cutoff?, route, postal', async () => {
    const r = await t.call('GET', '/api/v1/procedures');
    expect(r.status).toBe(200);
    const civil = r.body.find((p: { code: string }) => p.code === 'HT-BAN-SAO-TRICH-LUC');
    expect(civil).toMatchObject({ name: expect.any(String), timeLimit: { amount: 1, unit: 'SAME_DAY' }, cutoff: '15:00', postal: true, route: [{ agency: 'UBND_XA' }] });
    expect((await t.call('GET', '/api/v1/procedures/NOPE')).status).toBe(404);
  });
});
