import { builtInCatalog } from '@motcua/catalog';
import { accountsTable, BOUND_ROLES, builtInAccounts, ROLES, routedAgencies, seedAccounts, selectAccount, type SeedSource } from './accounts';

const day = (amount: number) => ({ amount, unit: 'WORKING_DAYS' as const });
const source: SeedSource = {
  units: [
    { id: '000.00.00.H26', name: 'Trung tâm tỉnh' },
    { id: '000.31.25.H26', name: 'Trung tâm phường' },
  ],
  procedures: [
    { route: [{ agency: 'SO_TU_PHAP', allotted: day(3) }, { parallel: [{ agency: 'THUE', allotted: day(1) }, { agency: 'BHXH', allotted: day(1) }] }] },
    // An agency on two procedures, and twice on one route, gets one officer and one head.
    { route: [{ agency: 'THUE', allotted: day(1) }, { agency: 'SO_TU_PHAP', allotted: day(1) }, { agency: 'THUE', allotted: day(1) }] },
  ],
};

describe('seeded accounts', () => {
  it('derives a one-stop officer per unit, an officer and a head per routed agency (parallel members too), and one account per unbound role', () => {
    expect(seedAccounts(source).map((a) => [a.username, a.role, a.agency ?? null])).toEqual([
      ['mc.000.00.00.h26', 'ONE_STOP_OFFICER', '000.00.00.H26'],
      ['mc.000.31.25.h26', 'ONE_STOP_OFFICER', '000.31.25.H26'],
      ['cb.bhxh', 'AGENCY_OFFICER', 'BHXH'],
      ['ld.bhxh', 'AGENCY_HEAD', 'BHXH'],
      ['cb.so_tu_phap', 'AGENCY_OFFICER', 'SO_TU_PHAP'],
      ['ld.so_tu_phap', 'AGENCY_HEAD', 'SO_TU_PHAP'],
      ['cb.thue', 'AGENCY_OFFICER', 'THUE'],
      ['ld.thue', 'AGENCY_HEAD', 'THUE'],
      ['portal', 'PORTAL', null],
      ['ops', 'OPERATIONS', null],
      ['auditor', 'AUDITOR', null],
      ['admin', 'ADMIN', null],
    ]);
  });

  it('gives every demo account its username as password (ops / ops)', () => {
    for (const a of seedAccounts(source)) expect([a.username, a.password]).toEqual([a.username, a.username]);
    expect(seedAccounts(source).find((a) => a.role === 'OPERATIONS')).toMatchObject({ username: 'ops', password: 'ops' });
  });

  it('refuses two codes that differ only in case rather than let one account shadow the other', () => {
    const clash: SeedSource = { units: [], procedures: [{ route: [{ agency: 'So_Tu_Phap', allotted: day(1) }, { agency: 'SO_TU_PHAP', allotted: day(1) }] }] };
    expect(() => seedAccounts(clash)).toThrow('two seeded accounts would be named "cb.so_tu_phap"');
  });

  it('covers the built-in catalog: every unit of the registry, every agency of every procedure, every role', () => {
    const catalog = builtInCatalog();
    const accounts = builtInAccounts();
    const agencies = routedAgencies(catalog.procedures);
    expect(agencies).toEqual(expect.arrayContaining(['SO_TU_PHAP', 'CONG_AN_TINH', 'UBND_XA', 'SO_NOI_VU.LAO_DONG']));
    expect(accounts.filter((a) => a.role === 'ONE_STOP_OFFICER').map((a) => a.agency)).toEqual(catalog.units.units.map((u) => u.id));
    expect(accounts.filter((a) => a.role === 'AGENCY_OFFICER').map((a) => a.agency)).toEqual(agencies);
    expect(accounts.filter((a) => a.role === 'AGENCY_HEAD').map((a) => a.agency)).toEqual(agencies);
    expect(new Set(accounts.map((a) => a.role))).toEqual(new Set(ROLES));
    for (const a of accounts) expect([a.username, BOUND_ROLES.has(a.role)]).toEqual([a.username, a.agency !== undefined]);
  });

  it('names every account as the API accepts an actor id: letters, digits and _ . : -, never shaped like a citizen id or phone number', () => {
    // The username is the tokens' `sub`, which the API records on the events as the actor.
    for (const { username } of builtInAccounts()) {
      expect([username, /^[A-Za-z0-9_.:-]{1,128}$/.test(username), /^\d{9,12}$/.test(username.replace(/[_.:-]/g, ''))]).toEqual([username, true, false]);
    }
  });
});

describe('seeded accounts\' names', () => {
  it('name an agency\'s accounts by the registry\'s Vietnamese name, by the code for an agency the registry lacks', () => {
    const named = seedAccounts({ ...source, agencies: [{ code: 'SO_TU_PHAP', name: 'Sở Tư pháp' }] });
    expect(named.find((a) => a.username === 'cb.so_tu_phap')!.name).toBe('Cán bộ xử lý, Sở Tư pháp');
    expect(named.find((a) => a.username === 'ld.so_tu_phap')!.name).toBe('Lãnh đạo, Sở Tư pháp');
    expect(named.find((a) => a.username === 'cb.thue')!.name).toBe('Cán bộ xử lý, THUE');
    // The built-in accounts read the built-in registry.
    expect(builtInAccounts().find((a) => a.username === 'ld.cong_an_tinh')!.name).toBe('Lãnh đạo, Công an thành phố Hà Nội');
  });
});

describe('selectAccount', () => {
  const accounts = seedAccounts(source);
  const pick = (role: string, agency?: string) => {
    const s = selectAccount(accounts, role, agency);
    return s.ok ? s.account.username : s.error;
  };

  it('finds the account of a role and its unit or agency, the code in any case', () => {
    expect(pick('ONE_STOP_OFFICER', '000.31.25.H26')).toBe('mc.000.31.25.h26');
    expect(pick('AGENCY_OFFICER', 'so_tu_phap')).toBe('cb.so_tu_phap');
    expect(pick('AGENCY_HEAD', 'THUE')).toBe('ld.thue');
    expect(pick('OPERATIONS')).toBe('ops');
    expect(pick('PORTAL')).toBe('portal');
  });

  it('names the choices when the agency is missing or unknown', () => {
    expect(pick('AGENCY_HEAD')).toBe('role AGENCY_HEAD acts for one agency: give --agency, one of BHXH, SO_TU_PHAP, THUE');
    expect(pick('ONE_STOP_OFFICER')).toBe('role ONE_STOP_OFFICER acts for one one-stop unit: give --agency, one of 000.00.00.H26, 000.31.25.H26');
    expect(pick('AGENCY_OFFICER', 'CONG_AN')).toBe('no seeded AGENCY_OFFICER account for "CONG_AN": --agency is one of BHXH, SO_TU_PHAP, THUE');
    expect(pick('officer')).toBe('unknown role "officer": one of ONE_STOP_OFFICER, AGENCY_OFFICER, AGENCY_HEAD, PORTAL, OPERATIONS, AUDITOR, ADMIN');
    expect(pick('ADMIN', 'THUE')).toBe('role ADMIN acts for no unit or agency: leave out --agency');
  });

  it('needs no --agency when a bound role has a single account', () => {
    const one = seedAccounts({ units: [{ id: '000.00.00.H26', name: 'x' }], procedures: [] });
    const s = selectAccount(one, 'ONE_STOP_OFFICER');
    expect(s.ok && s.account.username).toBe('mc.000.00.00.h26');
  });
});

describe('accountsTable', () => {
  it('has one row per account with its username, password, role and unit or agency', () => {
    const rows = accountsTable(seedAccounts(source)).split('\n');
    expect(rows).toHaveLength(2 + 12);
    expect(rows[0]).toBe('| username | password | role | unit or agency |');
    expect(rows).toContain('| `ld.so_tu_phap` | `ld.so_tu_phap` | AGENCY_HEAD | `SO_TU_PHAP` |');
    expect(rows).toContain('| `ops` | `ops` | OPERATIONS | — |');
  });
});
