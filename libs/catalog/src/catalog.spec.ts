import { vnGovCalendar } from '@motcua/calendar';
import { checkProcedure } from '@motcua/dossier';
import { builtInCatalog, CatalogError, findProcedure, loadCatalog, type CatalogData } from './catalog';

const procedure = (over: Record<string, unknown> = {}) => ({
  code: 'P-1',
  name: 'Thủ tục thử',
  version: '1',
  timeLimit: { amount: 3, unit: 'WORKING_DAYS' },
  route: [{ agency: 'SO_TU_PHAP', allotted: { amount: 3, unit: 'WORKING_DAYS' } }],
  postal: false,
  unit: '000.00.00.H26',
  field: 'F',
  fee: 0,
  documents: [{ code: 'TO_KHAI', name: 'Tờ khai' }],
  onlineLevel: 'NONE',
  ...over,
});
const data = (...procedures: unknown[]): CatalogData => ({ catalogVersion: 't', procedures });

describe('the built-in catalog', () => {
  const catalog = builtInCatalog();

  it('holds the sample procedures of ONE-STOP.md §4, each sound under the critical-path rule', () => {
    const codes = catalog.procedures.map((p) => p.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'HT-BAN-SAO-TRICH-LUC',
        'DKKD-THANH-LAP-DN',
        'LLTP-CAP-PHIEU',
        'LT-KHAI-SINH-THUONG-TRU-BHYT',
        'DD-CHUYEN-NHUONG-QSDD',
        'TEST-XU-LY-NHANH',
      ]),
    );
    for (const p of catalog.procedures) expect(checkProcedure(p, vnGovCalendar())).toEqual([]);
  });

  it('states the legal limits of §4', () => {
    const limit = (code: string) => findProcedure(code)!.timeLimit;
    expect(limit('HT-BAN-SAO-TRICH-LUC')).toEqual({ amount: 1, unit: 'SAME_DAY' });
    expect(findProcedure('HT-BAN-SAO-TRICH-LUC')!.cutoff).toBe('15:00');
    expect(limit('DKKD-THANH-LAP-DN')).toEqual({ amount: 3, unit: 'WORKING_DAYS' });
    expect(limit('LLTP-CAP-PHIEU')).toEqual({ amount: 10, unit: 'WORKING_DAYS' });
    expect(limit('LT-KHAI-SINH-THUONG-TRU-BHYT')).toEqual({ amount: 3, unit: 'WORKING_DAYS' });
    expect(limit('DD-CHUYEN-NHUONG-QSDD')).toEqual({ amount: 10, unit: 'WORKING_DAYS' });
    expect(limit('TEST-XU-LY-NHANH').unit).toBe('WORKING_HOURS');
  });

  it('has the routes of §4: two stages for the judicial record, commune then police ∥ social insurance for the bundle, land office → tax → land office', () => {
    expect(findProcedure('LLTP-CAP-PHIEU')!.route.map((s) => ('agency' in s ? s.agency : null))).toEqual(['SO_TU_PHAP', 'CONG_AN_TINH']);
    const bundle = findProcedure('LT-KHAI-SINH-THUONG-TRU-BHYT')!.route;
    expect(bundle[0]).toMatchObject({ agency: 'UBND_XA' });
    expect(bundle[1]).toMatchObject({ parallel: [{ agency: 'CONG_AN_XA' }, { agency: 'BHXH' }] });
    expect(findProcedure('DD-CHUYEN-NHUONG-QSDD')!.route.map((s) => ('agency' in s ? s.agency : null))).toEqual([
      'VPDK_DAT_DAI',
      'THUE_CO_SO',
      'VPDK_DAT_DAI',
    ]);
  });

  it('gives every procedure a version, a postal flag, a Decision 20/2020 unit and a field', () => {
    for (const p of catalog.procedures) {
      expect(p.version).toMatch(/\S/);
      expect(typeof p.postal).toBe('boolean');
      expect(p.unit).toMatch(/^[0-9A-Z.]{1,35}$/);
      expect(p.field).toMatch(/\S/);
    }
    expect(catalog.procedures.some((p) => p.postal)).toBe(true);
    expect(catalog.procedures.some((p) => !p.postal)).toBe(true);
  });

  it("is a province's catalog: 25 or more procedures across the fields of the one-stop, both Decree 63/2024 bundles, every route sound", () => {
    expect(catalog.procedures.length).toBeGreaterThanOrEqual(25);
    const fields = new Set(catalog.procedures.map((p) => p.field));
    for (const f of ['LY_LICH_TU_PHAP', 'CHUNG_THUC', 'HO_TICH', 'THANH_LAP_DOANH_NGHIEP', 'DAT_DAI', 'XAY_DUNG', 'LAO_DONG', 'CU_TRU', 'BAO_HIEM_XA_HOI', 'GIAO_THONG', 'GIAO_DUC']) {
      expect(fields).toContain(f);
    }
    expect(findProcedure('LT-KHAI-TU-XOA-THUONG-TRU-MAI-TANG')!.route[1]).toMatchObject({ parallel: [{ agency: 'CONG_AN_XA' }, { agency: 'BHXH' }] });
    // Procedures at both levels: units of the province and of a commune.
    expect(new Set(catalog.procedures.map((p) => catalog.units.find(p.unit)!.level))).toEqual(new Set(['PROVINCE', 'COMMUNE']));
    for (const p of catalog.procedures) expect([p.code, checkProcedure(p, vnGovCalendar())]).toEqual([p.code, []]);
  });

  it('states each procedure\'s fee, required documents and online level; free ones and paid ones, every level', () => {
    for (const p of catalog.procedures) {
      expect(Number.isInteger(p.fee) && p.fee >= 0).toBe(true);
      expect(p.documents.length).toBeGreaterThan(0);
      expect(new Set(p.documents.map((d) => d.code)).size).toBe(p.documents.length);
    }
    expect(findProcedure('LLTP-CAP-PHIEU')!.fee).toBe(200000);
    expect(findProcedure('LT-KHAI-SINH-THUONG-TRU-BHYT')!.fee).toBe(0);
    expect(findProcedure('LT-KHAI-SINH-THUONG-TRU-BHYT')!.documents.map((d) => d.code)).toContain('GIAY_CHUNG_SINH');
    expect(new Set(catalog.procedures.map((p) => p.onlineLevel))).toEqual(new Set(['FULL', 'PARTIAL', 'NONE']));
  });

  it('refuses a negative fee, an empty or repeated document list, an unknown online level', () => {
    const doc = { code: 'TO_KHAI', name: 'Tờ khai' };
    expect(() => loadCatalog(data(procedure({ code: 'FEE', fee: -1 })))).toThrow(/"FEE"[\s\S]*fee/);
    expect(() => loadCatalog(data(procedure({ code: 'NO-DOCS', documents: [] })))).toThrow(/"NO-DOCS"[\s\S]*documents/);
    expect(() => loadCatalog(data(procedure({ code: 'TWICE', documents: [doc, doc] })))).toThrow(/"TWICE"[\s\S]*each document code once/);
    expect(() => loadCatalog(data(procedure({ code: 'BAD-DOC', documents: [{ code: 'tờ khai', name: 'x' }] })))).toThrow(/"BAD-DOC"[\s\S]*document code/);
    expect(() => loadCatalog(data(procedure({ code: 'LEVEL', onlineLevel: 'LEVEL_4' })))).toThrow(/"LEVEL"[\s\S]*onlineLevel/);
  });

  it('finds by code, and undefined for an unknown one', () => {
    expect(findProcedure('LLTP-CAP-PHIEU')!.name).toBe('Cấp Phiếu lý lịch tư pháp');
    expect(findProcedure('NO-SUCH')).toBeUndefined();
    expect(findProcedure('LLTP-CAP-PHIEU', '2026.1')).toBeDefined();
    expect(findProcedure('LLTP-CAP-PHIEU', '1999.1')).toBeUndefined();
  });

  it('is immutable: a caller cannot change a procedure for everyone else', () => {
    const p = findProcedure('LLTP-CAP-PHIEU')!;
    expect(() => {
      (p.timeLimit as { amount: number }).amount = 99;
    }).toThrow(TypeError);
    expect(findProcedure('LLTP-CAP-PHIEU')!.timeLimit.amount).toBe(10);
  });
});

describe('loadCatalog refuses broken data, naming the procedure', () => {
  it('refuses a route whose critical path exceeds the legal limit', () => {
    const tooLong = procedure({
      code: 'TOO-LONG',
      route: [
        { agency: 'SO_TU_PHAP', allotted: { amount: 2, unit: 'WORKING_DAYS' } },
        { parallel: [{ agency: 'CONG_AN_TINH', allotted: { amount: 1, unit: 'WORKING_DAYS' } }, { agency: 'BHXH_TINH', allotted: { amount: 1.5, unit: 'WORKING_DAYS' } }] },
      ],
    });
    expect(() => loadCatalog(data(procedure(), tooLong))).toThrow(CatalogError);
    expect(() => loadCatalog(data(procedure(), tooLong))).toThrow(/"TOO-LONG".*critical path is 28 working hours, over the legal limit of 24/);
  });

  it('accepts a parallel group that fits (it counts as its longest member)', () => {
    const fits = procedure({
      route: [
        { agency: 'SO_TU_PHAP', allotted: { amount: 2, unit: 'WORKING_DAYS' } },
        { parallel: [{ agency: 'CONG_AN_TINH', allotted: { amount: 1, unit: 'WORKING_DAYS' } }, { agency: 'BHXH_TINH', allotted: { amount: 8, unit: 'WORKING_HOURS' } }] },
      ],
    });
    expect(loadCatalog(data(fits)).find('P-1')).toBeDefined();
  });

  it('refuses an entry that breaks the schema, naming it and the field', () => {
    expect(() => loadCatalog(data(procedure({ code: 'NO-LIMIT', timeLimit: undefined })))).toThrow(/"NO-LIMIT"[\s\S]*timeLimit/);
    expect(() => loadCatalog(data(procedure({ code: 'BAD-UNIT', unit: 'ubnd xa' })))).toThrow(/"BAD-UNIT"[\s\S]*unit/);
    expect(() => loadCatalog(data(procedure({ code: 'NO-POSTAL', postal: undefined })))).toThrow(/"NO-POSTAL"[\s\S]*postal/);
    expect(() => loadCatalog(data(procedure({ code: 'TYPO', cuttoff: '15:00' })))).toThrow(/"TYPO"[\s\S]*cuttoff/);
    expect(() => loadCatalog(data({ name: 'no code' }))).toThrow(/#0/);
  });

  it('refuses the same code and version twice, and keeps the last version of a code as current', () => {
    expect(() => loadCatalog(data(procedure(), procedure()))).toThrow(/"P-1".*twice/);
    const c = loadCatalog(data(procedure({ version: '1' }), procedure({ version: '2', name: 'mới' })));
    expect(c.find('P-1')!.version).toBe('2');
    expect(c.find('P-1', '1')!.version).toBe('1');
    expect(c.procedures).toHaveLength(1);
  });

  it('refuses SAME_DAY with an amount other than 1', () => {
    const p = procedure({ code: 'SD', timeLimit: { amount: 2, unit: 'SAME_DAY' }, route: [{ agency: 'SO_TU_PHAP', allotted: { amount: 1, unit: 'SAME_DAY' } }] });
    expect(() => loadCatalog(data(p))).toThrow(/"SD".*SAME_DAY/);
  });
});
