import { builtInAgencies, loadAgencies } from './agencies';
import { CatalogError, loadCatalog } from './catalog';

const agency = (over: Record<string, unknown> = {}) => ({ code: 'SO_A', name: 'Sở A', level: 'PROVINCE', identifier: '000.00.90.H26', ...over });

describe('the built-in agency registry', () => {
  const registry = builtInAgencies();

  it('holds every agency the sample procedures and the catalog-based tests route to, with Decision 20/2020 identifiers', () => {
    const codes = registry.agencies.map((a) => a.code);
    expect(codes).toEqual(
      expect.arrayContaining(['SO_TU_PHAP', 'CONG_AN_TINH', 'UBND_XA', 'CONG_AN_XA', 'BHXH', 'BHXH_TINH', 'THUE_TINH', 'THUE_CO_SO', 'VPDK_DAT_DAI', 'SO_TAI_CHINH.DKKD', 'SO_NOI_VU.LAO_DONG']),
    );
    expect(registry.find('CONG_AN_TINH')).toMatchObject({ level: 'CENTRAL', identifier: expect.stringMatching(/^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9]{2}$/) });
    expect(registry.find('UBND_XA')!.level).toBe('COMMUNE');
    expect(registry.find('NOPE')).toBeUndefined();
  });

  it('is the registry the built-in catalog was checked against', () => {
    expect(loadCatalog().agencies.version).toBe(registry.version);
  });
});

describe('loadAgencies', () => {
  it('refuses a malformed entry, an unknown key, a duplicated code or identifier, naming the entry', () => {
    const data = (...agencies: unknown[]) => ({ registryVersion: 't', agencies });
    expect(loadAgencies(data(agency())).find('SO_A')!.name).toBe('Sở A');
    expect(() => loadAgencies(data(agency({ level: 'DISTRICT' })))).toThrow(CatalogError);
    expect(() => loadAgencies(data(agency({ level: 'DISTRICT' })))).toThrow(/"SO_A"[\s\S]*level/);
    expect(() => loadAgencies(data(agency({ identifier: 'H26' })))).toThrow(/"SO_A"[\s\S]*identifier/);
    expect(() => loadAgencies(data(agency({ idenitfier: 'x' })))).toThrow(/"SO_A"[\s\S]*idenitfier/);
    expect(() => loadAgencies(data(agency(), agency({ identifier: '000.00.91.H26' })))).toThrow(/"SO_A" appears twice/);
    expect(() => loadAgencies(data(agency(), agency({ code: 'SO_B' })))).toThrow(/"SO_B".*000\.00\.90\.H26.*another agency/);
    expect(() => loadAgencies({ registryVersion: 't' } as never)).toThrow(/expected/);
  });
});

describe('the catalog against the agency registry', () => {
  const procedure = (agencyCode: string) => ({
    code: 'P-1',
    name: 'Thủ tục thử',
    version: '1',
    timeLimit: { amount: 3, unit: 'WORKING_DAYS' },
    route: [
      { agency: 'SO_A', allotted: { amount: 1, unit: 'WORKING_DAYS' } },
      { parallel: [{ agency: 'SO_A', allotted: { amount: 1, unit: 'WORKING_DAYS' } }, { agency: agencyCode, allotted: { amount: 1, unit: 'WORKING_DAYS' } }] },
    ],
    postal: false,
    unit: '000.00.00.H26',
    field: 'F',
    fee: 0,
    documents: [{ code: 'TO_KHAI', name: 'Tờ khai' }],
    onlineLevel: 'NONE',
  });
  const agencies = loadAgencies({ registryVersion: 'reg-t', agencies: [agency(), agency({ code: 'SO_B', identifier: '000.00.91.H26' })] });
  const load = (p: unknown) => loadCatalog({ catalogVersion: 't', procedures: [p] }, undefined, undefined, agencies);

  it('accepts a route whose agencies are all registered', () => {
    expect(load(procedure('SO_B')).find('P-1')).toBeDefined();
  });

  it('refuses a route naming an unknown agency, even inside a parallel group, naming the procedure, the agency and the registry version', () => {
    expect(() => load(procedure('SO_X'))).toThrow(CatalogError);
    expect(() => load(procedure('SO_X'))).toThrow(/"P-1".*agency "SO_X".*not in the agency registry reg-t/);
    // The built-in registry does not know the test agencies either: the default is checked too.
    expect(() => loadCatalog({ catalogVersion: 't', procedures: [procedure('SO_B')] })).toThrow(/agency "SO_A"/);
  });
});
