import type { DossierView } from '@motcua/dossier';
import { apiConfigFromEnv } from '../config/api-config';
import { ApiError } from '../errors/api-error';
import { TEST_APPLICANT_REF_SECRET } from '../testing/test-applicant-ref-secret';
import { people } from '../testing/test-tokens';
import { ActorResolver } from './actor-resolver';

const actors = new ActorResolver(apiConfigFromEnv({ APPLICANT_REF_SECRET: TEST_APPLICANT_REF_SECRET }));
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof ApiError ? [e.status, e.rule] : e;
  }
  return 'not refused';
};
const view = (unit: string, agencies: string[]) => ({ code: `${unit}-260303-0001`, unit, stages: agencies.map((agency) => ({ agency, due: null, outcome: null })) }) as unknown as DossierView;

describe('the actor of a command comes from the token', () => {
  it('is the token\'s person and agency, in the first of its roles that may give the command', () => {
    expect(actors.actorFor(people.oneStop('000.00.00.H26'), 'accept')).toEqual({ id: 'mc-000.00.00.H26', role: 'ONE_STOP_OFFICER', agency: '000.00.00.H26' });
    expect(actors.actorFor({ sub: 'both', roles: ['AGENCY_OFFICER', 'AGENCY_HEAD'], agency: 'SO_TU_PHAP' }, 'apologize').role).toBe('AGENCY_HEAD');
    expect(actors.actorFor({ sub: 'both', roles: ['AGENCY_HEAD', 'AGENCY_OFFICER'], agency: 'SO_TU_PHAP' }, 'complete').role).toBe('AGENCY_HEAD');
  });

  it('refuses with 403 ACCESS.ROLE_MAY_NOT when no role of the token may give it', () => {
    expect(refusal(() => actors.actorFor(people.oneStop(), 'complete'))).toEqual([403, 'ACCESS.ROLE_MAY_NOT']);
    expect(refusal(() => actors.actorFor(people.officer('SO_TU_PHAP'), 'apologize'))).toEqual([403, 'ACCESS.ROLE_MAY_NOT']);
    expect(refusal(() => actors.actorFor(people.operations(), 'accept'))).toEqual([403, 'ACCESS.ROLE_MAY_NOT']);
    expect(refusal(() => actors.actorFor({ sub: 'x', roles: [], agency: null }, 'accept'))).toEqual([403, 'ACCESS.ROLE_MAY_NOT']);
  });

  it('never records a citizen id as the person: a keyed pseudonym instead; the engine\'s own ids are refused', () => {
    const a = actors.actorFor({ sub: '001099012345', roles: ['ONE_STOP_OFFICER'], agency: 'U' }, 'accept');
    expect(a.id).toMatch(/^u_[0-9a-f]{24}$/);
    expect(a.id).not.toContain('001099012345');
    expect(actors.actorFor({ sub: '001-099-012-345', roles: ['ONE_STOP_OFFICER'], agency: 'U' }, 'accept').id).toMatch(/^u_/);
    for (const sub of ['system', 'unidentified', 'scenario:P01']) {
      expect(refusal(() => actors.actorFor({ sub, roles: ['ONE_STOP_OFFICER'], agency: 'U' }, 'accept'))).toEqual([403, 'ACCESS.RESERVED_ID']);
    }
  });
});

describe('what a caller may read', () => {
  const d = view('000.00.00.H26', ['SO_TU_PHAP', 'CONG_AN_TINH']);
  it('a dossier: its unit, the agencies of its route, operations and auditors', () => {
    for (const who of [people.oneStop('000.00.00.H26'), people.officer('CONG_AN_TINH'), people.head('SO_TU_PHAP'), people.operations(), people.auditor()]) {
      expect(() => actors.requireReader(who, d)).not.toThrow();
    }
    for (const who of [people.oneStop('000.31.25.H26'), people.officer('BHXH'), people.portal(), people.admin()]) {
      expect([who.sub, refusal(() => actors.requireReader(who, d))]).toEqual([who.sub, [403, 'ACCESS.MAY_NOT_READ']]);
    }
  });

  it('the list: everything, its unit\'s, its agency\'s route, or nothing', () => {
    expect(actors.listScope(people.operations())).toEqual({ kind: 'ALL' });
    expect(actors.listScope(people.oneStop('000.00.00.H26'))).toEqual({ kind: 'RECEIVING_UNIT', unit: '000.00.00.H26' });
    expect(actors.listScope(people.officer('SO_TU_PHAP'))).toEqual({ kind: 'ROUTE_AGENCY', agency: 'SO_TU_PHAP' });
    expect(actors.listScope({ sub: 'x', roles: ['AGENCY_OFFICER', 'AUDITOR'], agency: 'SO_TU_PHAP' })).toEqual({ kind: 'ALL' });
    expect(actors.listScope(people.portal())).toBeNull();
  });
});
