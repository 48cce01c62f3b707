import { OneStopUnitSchema } from '@motcua/contracts';
import { builtInCatalog, CatalogError, loadCatalog } from './catalog';
import { builtInUnits, loadUnits, type UnitRegistryData } from './units';

const unit = (over: Record<string, unknown> = {}) => ({ id: '000.00.00.H26', name: 'Trung tâm Phục vụ hành chính công', level: 'PROVINCE', ...over });
const data = (...units: unknown[]): UnitRegistryData => ({ registryVersion: 't', units });

describe('the built-in unit registry', () => {
  const registry = builtInUnits();

  it('holds a provincial centre with a branch and commune units, each a Decision 20/2020 identifier with a Vietnamese name', () => {
    expect(registry.version).toMatch(/\S/);
    const centre = registry.find('000.00.00.H26')!;
    expect(centre).toMatchObject({ level: 'PROVINCE', name: expect.stringMatching(/^Trung tâm Phục vụ hành chính công/) });
    expect(registry.units.filter((u) => u.branchOf === centre.id).length).toBeGreaterThanOrEqual(1);
    expect(registry.units.filter((u) => u.level === 'COMMUNE').length).toBeGreaterThanOrEqual(2);
    for (const u of registry.units) {
      expect(OneStopUnitSchema.safeParse(u).success).toBe(true);
      expect(u.id).toMatch(/^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z]\d\d$/);
      expect(u.name).toMatch(/[ăâđêôơưàảãáạèẻẽéẹìỉĩíịòỏõóọùủũúụỳỷỹýỵ]/i);
    }
  });

  it('has no district level (Decree 118/2025)', () => {
    expect(new Set(registry.units.map((u) => u.level))).toEqual(new Set(['PROVINCE', 'COMMUNE']));
  });

  it('holds the unit every built-in procedure names, and the catalog carries it', () => {
    const catalog = builtInCatalog();
    expect(catalog.units).toBe(registry);
    for (const p of catalog.procedures) expect([p.code, registry.find(p.unit)?.id]).toEqual([p.code, p.unit]);
    expect(registry.find('000.31.25.H26')!.level).toBe('COMMUNE');
  });

  it('finds nothing for an unknown or malformed unit, nor for a simulation unit', () => {
    for (const id of ['...', '0', '.', 'A', 'Z'.repeat(35), 'SIM.P01', '000.00.00.H99', '000.00.00.h26']) expect(registry.find(id)).toBeUndefined();
  });

  it('is immutable', () => {
    expect(() => {
      (registry.units as unknown[]).push(unit({ id: '000.99.99.H26' }));
    }).toThrow(TypeError);
    expect(() => {
      (registry.find('000.00.00.H26') as { name: string }).name = 'x';
    }).toThrow(TypeError);
  });
});

describe('loadUnits refuses broken data, naming the unit', () => {
  it('refuses an identifier not in the Decision 20/2020 four-level form', () => {
    for (const id of ['...', '0', '.', '000.00.00', '000.00.00.H2', '000.00.00.26', '000.00.00.h26', '000.00.00.H26.']) {
      expect(() => loadUnits(data(unit({ id })))).toThrow(CatalogError);
    }
    expect(() => loadUnits(data(unit({ id: '000.0.00.H26' })))).toThrow(/"000\.0\.00\.H26"[\s\S]*id/);
  });

  it('refuses the simulation prefix, a missing name, an unknown level (no district) or key, and a second entry of an id', () => {
    expect(() => loadUnits(data(unit({ id: 'SIM.00.00.H26' })))).toThrow(/"SIM\.00\.00\.H26".*reserved/);
    expect(() => loadUnits(data(unit({ name: ' ' })))).toThrow(/name/);
    expect(() => loadUnits(data(unit({ level: 'DISTRICT' })))).toThrow(/level/);
    expect(() => loadUnits(data(unit({ branchof: '000.00.00.H26' })))).toThrow(/branchof/);
    expect(() => loadUnits(data(unit(), unit()))).toThrow(/"000\.00\.00\.H26" appears twice/);
    expect(() => loadUnits(data({ name: 'no id' }))).toThrow(/#0/);
    expect(() => loadUnits({ registryVersion: 1 } as never)).toThrow(/registryVersion/);
  });

  it('accepts a branch of a provincial centre only', () => {
    const branch = unit({ id: '000.01.00.H26', branchOf: '000.00.00.H26' });
    expect(loadUnits(data(unit(), branch)).find('000.01.00.H26')!.branchOf).toBe('000.00.00.H26');
    expect(() => loadUnits(data(branch))).toThrow(/"000\.01\.00\.H26".*branch/);
    const commune = unit({ id: '000.31.25.H26', level: 'COMMUNE' });
    expect(() => loadUnits(data(commune, unit({ id: '000.01.00.H26', branchOf: '000.31.25.H26' })))).toThrow(/branch/);
    expect(() => loadUnits(data(unit(), unit({ id: '000.01.00.H26', level: 'COMMUNE', branchOf: '000.00.00.H26' })))).toThrow(/branch/);
  });
});

describe('loadCatalog refuses a procedure whose unit is not registered', () => {
  const procedure = (unitId: string) => ({
    code: 'P-1',
    name: 'Thủ tục thử',
    version: '1',
    timeLimit: { amount: 3, unit: 'WORKING_DAYS' },
    route: [{ agency: 'SO_TU_PHAP', allotted: { amount: 3, unit: 'WORKING_DAYS' } }],
    postal: false,
    unit: unitId,
    field: 'F',
    fee: 0,
    documents: [{ code: 'TO_KHAI', name: 'Tờ khai' }],
    onlineLevel: 'NONE',
  });

  it('names the procedure, the unit and the registry version', () => {
    const units = loadUnits(data(unit()));
    expect(loadCatalog({ catalogVersion: 't', procedures: [procedure('000.00.00.H26')] }, undefined, units).find('P-1')!.unit).toBe('000.00.00.H26');
    expect(() => loadCatalog({ catalogVersion: 't', procedures: [procedure('000.31.25.H26')] }, undefined, units)).toThrow(
      /catalog procedure "P-1": its unit "000\.31\.25\.H26" is not in the unit registry t/,
    );
    expect(() => loadCatalog({ catalogVersion: 't', procedures: [procedure('SIM.P01')] })).toThrow(/"P-1".*SIM\.P01.*not in the unit registry/);
  });
});
