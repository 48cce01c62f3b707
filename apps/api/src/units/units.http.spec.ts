import { builtInUnits } from '@motcua/catalog';
import { z } from 'zod';
import { InMemoryDossierGateway } from '../testing/in-memory-dossier-gateway';
import { people } from '../testing/test-tokens';
import { startTestApp, type TestApp } from '../testing/start-test-app';

/** Remembers every allocation asked for, so a test can see that a refused intake allocated nothing. */
class RecordingGateway extends InMemoryDossierGateway {
  readonly allocated: string[] = [];
  override async allocateSequence(unit: string, day: string, key: string): Promise<number> {
    this.allocated.push(unit);
    return super.allocateSequence(unit, day, key);
  }
}

const NOW = Date.parse('2026-03-03T09:00:00+07:00');
const applicant = { name: 'Nguyễn Văn An', idNumber: '001203004567', phone: '0912 345 678', address: 'Số 1 Tràng Tiền, Hà Nội' };
const counter = (over: Record<string, unknown> = {}) => ({ procedureCode: 'LLTP-CAP-PHIEU', channel: 'COUNTER', applicant, ...over });

let gateway: RecordingGateway;
let t: TestApp;
beforeEach(async () => {
  gateway = new RecordingGateway(() => NOW);
  t = await startTestApp({ gateway, clock: { now: () => NOW } });
});
afterEach(() => t.close());

describe('GET /api/v1/units', () => {
  it('is the unit registry, public like the catalog', async () => {
    const r = await t.call('GET', '/api/v1/units');
    expect(r.status).toBe(200);
    expect(r.body).toEqual(builtInUnits().units);
    expect(r.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: '000.00.00.H26', level: 'PROVINCE' }),
        expect.objectContaining({ id: '000.31.25.H26', level: 'COMMUNE' }),
      ]),
    );
  });
});

describe('GET /api/v1/units in the OpenAPI document', () => {
  it('is a path answering an array of Unit, and the schema accepts what the app serves', async () => {
    const doc = (await t.call('GET', '/openapi.json')).body;
    expect(doc.paths['/api/v1/units'].get.responses['200'].content['application/json'].schema).toEqual({ type: 'array', items: { $ref: '#/components/schemas/Unit' } });
    const unit = z.fromJSONSchema(doc.components.schemas.Unit);
    for (const u of (await t.call('GET', '/api/v1/units')).body) expect(unit.safeParse(u).success).toBe(true);
    expect(unit.safeParse({ id: '...', name: 'x', level: 'PROVINCE' }).success).toBe(false);
    expect(unit.safeParse({ id: '000.00.00.H26', name: 'x', level: 'DISTRICT' }).success).toBe(false);
    expect(doc.paths['/api/v1/dossiers'].post.responses['400'].description).toMatch(/CATALOG\.UNKNOWN_UNIT[\s\S]*UNIT\.RESERVED_FOR_SIMULATION/);
  });
});

describe('POST /api/v1/dossiers checks the receiving unit before any code is allocated', () => {
  it.each(['...', '0', '.', 'A', 'Z'.repeat(35), '000.00.00.H99'])('refuses %j: 400 CATALOG.UNKNOWN_UNIT', async (unit) => {
    const r = await t.call('POST', '/api/v1/dossiers', counter({ unit }));
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'BAD_REQUEST', rule: 'CATALOG.UNKNOWN_UNIT', message: expect.stringContaining(unit) });
    expect([gateway.allocated, gateway.registrations, gateway.commands]).toEqual([[], [], []]);
  });

  it.each(['SIM.P01', 'SIM.0000000'])('refuses the simulation unit %j: 400 UNIT.RESERVED_FOR_SIMULATION', async (unit) => {
    const r = await t.call('POST', '/api/v1/dossiers', counter({ unit }));
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'BAD_REQUEST', rule: 'UNIT.RESERVED_FOR_SIMULATION' });
    expect([gateway.allocated, gateway.registrations, gateway.commands]).toEqual([[], [], []]);
  });

  it('receives any procedure at any registered unit, and the procedure\'s own unit by default', async () => {
    for (const unit of builtInUnits().units.map((u) => u.id)) {
      const r = await t.call('POST', '/api/v1/dossiers', counter({ unit, procedureCode: 'HT-BAN-SAO-TRICH-LUC' }), {}, people.oneStop(unit));
      expect([unit, r.status, r.body.code]).toEqual([unit, 201, `${unit}-260303-0001`]);
    }
    const byDefault = await t.call('POST', '/api/v1/dossiers', counter());
    expect(byDefault.body.code).toBe('000.00.00.H26-260303-0002');
    expect(gateway.allocated).toEqual([...builtInUnits().units.map((u) => u.id), '000.00.00.H26']);
  });
});
