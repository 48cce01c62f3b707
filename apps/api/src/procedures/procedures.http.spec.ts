import { builtInAgencies, builtInCatalog } from '@motcua/catalog';
import { z } from 'zod';
import { InMemoryDossierGateway } from '../testing/in-memory-dossier-gateway';
import { startTestApp, type TestApp } from '../testing/start-test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ gateway: new InMemoryDossierGateway() });
});
afterAll(() => t.close());

const codes = async (query: string) => {
  const r = await t.call('GET', `/api/v1/procedures${query}`);
  expect([query, r.status]).toEqual([query, 200]);
  return (r.body as { code: string }[]).map((p) => p.code);
};

describe('GET /api/v1/procedures, searched and filtered', () => {
  it('is the whole catalog without a query, with fees, documents and online levels', async () => {
    const r = await t.call('GET', '/api/v1/procedures');
    expect(r.body).toEqual(builtInCatalog().procedures);
    expect(r.body.length).toBeGreaterThanOrEqual(25);
    expect(r.body.find((p: { code: string }) => p.code === 'LLTP-CAP-PHIEU')).toMatchObject({ fee: 200000, onlineLevel: 'FULL', documents: expect.arrayContaining([expect.objectContaining({ code: 'TO_KHAI_LLTP' })]) });
  });

  it('finds "khai sinh" typed with accents, without, in capitals, URL-encoded as a browser sends it', async () => {
    const expected = await codes('?q=khai%20sinh');
    expect(expected).toEqual(expect.arrayContaining(['HT-DANG-KY-KHAI-SINH', 'LT-KHAI-SINH-THUONG-TRU-BHYT']));
    for (const q of ['Khai sinh', 'KHAI SINH', 'khải sinh', 'khai+sinh']) expect(await codes(`?q=${q === 'khai+sinh' ? q : encodeURIComponent(q)}`)).toEqual(expected);
    expect(await codes(`?q=${encodeURIComponent('đăng ký kết hôn')}`)).toEqual(['HT-DANG-KY-KET-HON']);
  });

  it('combines the filters', async () => {
    expect(await codes('?q=khai&field=HO_TICH&postal=true&onlineLevel=FULL&unit=000.31.25.H26')).toEqual(['HT-DANG-KY-KHAI-SINH', 'HT-DANG-KY-KHAI-TU']);
    expect(await codes('?field=HO_TICH&postal=false')).toEqual(['HT-DANG-KY-KET-HON']);
    expect(await codes('?onlineLevel=NONE')).toEqual(['CT-CHUNG-THUC-CHU-KY']);
    expect(await codes('?field=NO_SUCH_FIELD')).toEqual([]);
  });

  it('answers 400 for an unknown or malformed filter, naming it, rather than an unfiltered list', async () => {
    for (const [query, named] of [
      ['?feild=HO_TICH', 'feild'],
      ['?postal=yes', 'postal'],
      ['?onlineLevel=LEVEL_4', 'onlineLevel'],
      ['?unit=ubnd%20xa', 'unit'],
      ['?q=', 'q'],
      ['?q=a&q=b', 'q'],
    ]) {
      const r = await t.call('GET', `/api/v1/procedures${query}`);
      expect([query, r.status, r.body.error.message]).toEqual([query, 400, expect.stringContaining(named)]);
    }
  });

  it('answers odd input with 200 or 400, never a server error: bad percent-encoding, nested keys, an encoded lone surrogate, long words', async () => {
    for (const query of ['?q=%ZZ', '?q[a]=b', '?q=%ED%A0%80', `?q=${'a'.repeat(200)}`, `?q=${'a'.repeat(201)}`, '?q=%00', '?postal=TRUE']) {
      const r = await t.call('GET', `/api/v1/procedures${query}`);
      expect([query, [200, 400].includes(r.status)]).toEqual([query, true]);
    }
    expect((await t.call('GET', `/api/v1/procedures?q=${'a'.repeat(201)}`)).status).toBe(400);
  });

  it('documents its filters in the OpenAPI document, with the 400', async () => {
    const op = (await t.call('GET', '/openapi.json')).body.paths['/api/v1/procedures'].get;
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(['q', 'field', 'unit', 'postal', 'onlineLevel']);
    expect(op.parameters.find((p: { name: string }) => p.name === 'onlineLevel').schema.enum).toEqual(['FULL', 'PARTIAL', 'NONE']);
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400']));
  });
});

describe('GET /api/v1/agencies', () => {
  it('is the agency registry, public like the units, and its documented schema accepts what it serves', async () => {
    const r = await t.call('GET', '/api/v1/agencies', undefined, {}, null);
    expect(r.status).toBe(200);
    expect(r.body).toEqual(builtInAgencies().agencies);
    expect(r.body).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'SO_TU_PHAP', level: 'PROVINCE' }), expect.objectContaining({ code: 'BHXH', level: 'CENTRAL' })]));
    const doc = (await t.call('GET', '/openapi.json')).body;
    expect(doc.paths['/api/v1/agencies'].get.security).toEqual([]);
    const agency = z.fromJSONSchema(doc.components.schemas.Agency);
    for (const a of r.body) expect(agency.safeParse(a).success).toBe(true);
    expect(agency.safeParse({ code: 'X', name: 'x', level: 'DISTRICT', identifier: '000.00.00.H26' }).success).toBe(false);
  });
});
