import { SA } from '../temporal/dossier-workflow';
import { DossierListFilterSchema, quote, visibilityQuery } from './dossier-list.query';

const names = { status: SA.status.name, agencies: SA.agencies.name, overdue: SA.overdue.name, procedure: SA.procedure.name, unit: SA.unit.name, route: SA.route.name };

describe('the dossier list query', () => {
  it('is built on the search attributes of workflows/src/visibility.ts, for dossier workflows only', () => {
    const f = DossierListFilterSchema.parse({ status: 'IN_PROCESSING', agency: 'CONG_AN_TINH', overdue: 'true', procedure: 'LLTP-CAP-PHIEU', unit: '000.00.00.H26' });
    expect(visibilityQuery(f, names)).toBe(
      "WorkflowType = 'dossierWorkflow' AND MotcuaStatus = 'IN_PROCESSING' AND MotcuaAgencies = 'CONG_AN_TINH' AND MotcuaOverdue = true AND MotcuaProcedure = 'LLTP-CAP-PHIEU' AND MotcuaUnit = '000.00.00.H26'",
    );
    expect(visibilityQuery(DossierListFilterSchema.parse({ overdue: 'false' }), names)).toBe("WorkflowType = 'dossierWorkflow' AND MotcuaOverdue = false");
    expect(DossierListFilterSchema.parse({}).limit).toBe(50);
  });

  it('narrows to what the caller may see before any filter: the unit\'s, or the route of the agency', () => {
    const f = DossierListFilterSchema.parse({ status: 'IN_PROCESSING' });
    expect(visibilityQuery(f, names, { kind: 'RECEIVING_UNIT', unit: '000.00.00.H26' })).toBe(
      "WorkflowType = 'dossierWorkflow' AND MotcuaUnit = '000.00.00.H26' AND MotcuaStatus = 'IN_PROCESSING'",
    );
    expect(visibilityQuery(f, names, { kind: 'ROUTE_AGENCY', agency: "SO_TU_PHAP" })).toBe(
      "WorkflowType = 'dossierWorkflow' AND MotcuaRoute = 'SO_TU_PHAP' AND MotcuaStatus = 'IN_PROCESSING'",
    );
  });

  it('refuses values outside their alphabet, so nothing can close the string', () => {
    for (const bad of [{ agency: "A' OR WorkflowType != '" }, { procedure: 'a"b' }, { unit: '000.00 ' }, { status: "IN_PROCESSING'" }, { overdue: '1' }]) {
      expect(DossierListFilterSchema.safeParse(bad).success).toBe(false);
    }
  });

  it('quotes string literals, escaping quotes and backslashes anyway', () => {
    expect(quote("a'b\\")).toBe("'a\\'b\\\\'");
  });
});
