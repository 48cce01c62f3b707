import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { MemoryAuditLog } from '@motcua/store';
import { DEFAULT_CLAIM_PATHS } from './claims';
import { OidcTokenVerifier } from './oidc-token-verifier';
import { InvalidToken } from './token-verifier';
import { RateLimit } from '../lookup/rate-limit';
import { InMemoryDossierGateway } from '../testing/in-memory-dossier-gateway';
import { startTestApp, type TestApp } from '../testing/start-test-app';
import { people, TEST_AUDIENCE } from '../testing/test-tokens';

/**
 * Identity and access at the edge (CONTRACTS.md "Identity and access"): tokens, who may do and
 * read what, the public look-up, the audit trail. The domain's own table is tested apart
 * (libs/dossier/src/authorization*.spec.ts).
 */
const NOW = Date.parse('2026-03-03T09:00:00+07:00');
const applicant = { name: 'Nguyễn Văn An', idNumber: '001203004567', phone: '0912 345 678' };
// Judicial record certificate: received at 000.00.00.H26, route SO_TU_PHAP then CONG_AN_TINH.
const lltp = { procedureCode: 'LLTP-CAP-PHIEU', channel: 'COUNTER', applicant };

let t: TestApp;
let gateway: InMemoryDossierGateway;
let audit: MemoryAuditLog;
let code: string;

beforeEach(async () => {
  gateway = new InMemoryDossierGateway(() => NOW);
  audit = new MemoryAuditLog();
  t = await startTestApp({ gateway, audit, clock: { now: () => NOW }, lookupLimit: new RateLimit(3, 60_000, () => NOW) });
  code = (await t.call('POST', '/api/v1/dossiers', lltp)).body.code;
  await t.call('POST', `/api/v1/dossiers/${code}/accept`, {});
});
afterEach(() => t.close());

describe('tokens', () => {
  it('no token, or a bad one: 401 naming why, with WWW-Authenticate, and nothing happens', async () => {
    const commands = gateway.commands.length;
    const none = await t.call('POST', `/api/v1/dossiers/${code}/complete`, { agency: 'SO_TU_PHAP' }, {}, null);
    expect([none.status, none.body.error.rule, none.headers.get('www-authenticate')]).toEqual([401, 'AUTH.TOKEN_MISSING', 'Bearer realm="motcua"']);
    for (const tamper of [{ expiresInS: -120 }, { issuer: 'https://evil.example' }, { audience: 'another-api' }]) {
      const token = await t.tokens.tokenFor(people.officer('SO_TU_PHAP'), tamper);
      const r = await t.call('POST', `/api/v1/dossiers/${code}/complete`, { agency: 'SO_TU_PHAP' }, { Authorization: `Bearer ${token}` });
      expect([JSON.stringify(tamper), r.status, r.body.error.rule]).toEqual([JSON.stringify(tamper), 401, 'AUTH.TOKEN_INVALID']);
    }
    expect(gateway.commands).toHaveLength(commands);
  });

  it('the catalog, the units, the agencies and the look-up need none', async () => {
    for (const path of ['/api/v1/procedures', '/api/v1/procedures/LLTP-CAP-PHIEU', '/api/v1/units', '/api/v1/agencies', `/api/v1/lookup/${code}`, '/health', '/openapi.json']) {
      expect([path, (await t.call('GET', path, undefined, {}, null)).status]).toEqual([path, 200]);
    }
  });
});

describe('who may act (403 with the rule, nothing changes)', () => {
  it('an officer of another agency completing or apologizing for the holding agency is refused; the holding agency\'s officer completes', async () => {
    const before = gateway.commands.length;
    const asOther = await t.call('POST', `/api/v1/dossiers/${code}/complete`, { agency: 'SO_TU_PHAP' }, {}, people.officer('CONG_AN_TINH'));
    expect([asOther.status, asOther.body.error]).toEqual([403, expect.objectContaining({ code: 'FORBIDDEN', rule: 'ACCESS.AGENCY_MISMATCH' })]);
    const apologyAsOther = await t.call('POST', `/api/v1/dossiers/${code}/apologize`, { agency: 'SO_TU_PHAP', newAppointment: '2026-03-20T17:00:00+07:00' }, {}, people.head('BHXH'));
    expect([apologyAsOther.status, apologyAsOther.body.error.rule]).toEqual([403, 'ACCESS.AGENCY_MISMATCH']);
    const asOneStop = await t.call('POST', `/api/v1/dossiers/${code}/complete`, { agency: 'SO_TU_PHAP' });
    expect([asOneStop.status, asOneStop.body.error.rule]).toEqual([403, 'ACCESS.ROLE_MAY_NOT']);
    expect(gateway.dossiers.get(code)!.events.filter((r) => r.event.type === 'StagePartCompleted')).toHaveLength(0);
    expect(gateway.commands.length - before).toBeLessThanOrEqual(2); // refused in the domain's check, never executed

    const done = await t.call('POST', `/api/v1/dossiers/${code}/complete`, { agency: 'SO_TU_PHAP' }, {}, people.officer('SO_TU_PHAP'));
    expect([done.status, done.body.holders]).toEqual([200, ['CONG_AN_TINH']]);
  });

  it('a one-stop officer registers only at their own unit, before any code is spent', async () => {
    const allocated = gateway.registrations.length;
    const r = await t.call('POST', '/api/v1/dossiers', lltp, {}, people.oneStop('000.31.25.H26'));
    expect([r.status, r.body.error.rule]).toEqual([403, 'ACCESS.NOT_THE_RECEIVING_UNIT']);
    const ops = await t.call('POST', '/api/v1/dossiers', lltp, {}, people.operations());
    expect([ops.status, ops.body.error.rule]).toEqual([403, 'ACCESS.ROLE_MAY_NOT']);
    expect(gateway.registrations).toHaveLength(allocated);
  });
});

describe('who may read', () => {
  it('the dossier: its unit, its route\'s agencies, operations and auditors; anyone else 403', async () => {
    for (const who of [people.oneStop(), people.officer('CONG_AN_TINH'), people.operations(), people.auditor()]) {
      expect([who.sub, (await t.call('GET', `/api/v1/dossiers/${code}`, undefined, {}, who)).status]).toEqual([who.sub, 200]);
    }
    for (const who of [people.officer('BHXH'), people.oneStop('000.31.25.H26'), people.portal(), people.admin()]) {
      const r = await t.call('GET', `/api/v1/dossiers/${code}`, undefined, {}, who);
      expect([who.sub, r.status, r.body.error?.rule]).toEqual([who.sub, 403, 'ACCESS.MAY_NOT_READ']);
      expect([who.sub, (await t.call('GET', `/api/v1/dossiers/${code}/notes`, undefined, {}, who)).status]).toEqual([who.sub, 403]);
    }
  });

  it('the list: only what the caller may see', async () => {
    const listed = async (who: Parameters<TestApp['call']>[4]) => ((await t.call('GET', '/api/v1/dossiers', undefined, {}, who)).body as { code: string }[]).map((d) => d.code);
    expect(await listed(people.officer('CONG_AN_TINH'))).toEqual([code]);
    expect(await listed(people.officer('BHXH'))).toEqual([]);
    expect(await listed(people.oneStop('000.31.25.H26'))).toEqual([]);
    expect(await listed(people.operations())).toEqual([code]);
    expect(await listed(people.portal())).toEqual([]);
  });
});

describe('the public look-up', () => {
  it('answers status, appointment and procedure, and nothing personal or internal, without a token', async () => {
    const r = await t.call('GET', `/api/v1/lookup/${code}`, undefined, {}, null);
    expect(r.status).toBe(200);
    expect(Object.keys(r.body).sort()).toEqual(['appointment', 'code', 'procedure', 'status']);
    expect(r.body).toMatchObject({ code, status: 'IN_PROCESSING', procedure: { code: 'LLTP-CAP-PHIEU', name: 'Cấp Phiếu lý lịch tư pháp' } });
    expect(r.body.appointment).toMatch(/\+07:00$/);
    const text = JSON.stringify(r.body);
    for (const personal of [applicant.name, applicant.idNumber, applicant.phone, 'ap1_', 'mc-']) expect(text).not.toContain(personal);
    expect((await t.call('GET', '/api/v1/lookup/000.00.00.H26-260303-0999', undefined, {}, null)).status).toBe(404);
  });

  it('is rate-limited per address: 429 with the rule past the limit', async () => {
    // Each test has an app of its own, given 3 look-ups a minute.
    for (let i = 0; i < 3; i++) expect((await t.call('GET', `/api/v1/lookup/${code}`, undefined, {}, null)).status).toBe(200);
    const r = await t.call('GET', `/api/v1/lookup/${code}`, undefined, {}, null);
    expect([r.status, r.body.error.rule]).toEqual([429, 'LOOKUP.RATE_LIMITED']);
  });
});

describe('the audit trail', () => {
  it('records each command and each read of personal data: who, role, agency, what, about which dossier, the outcome, the request id; never a body', async () => {
    await t.call('POST', `/api/v1/dossiers/${code}/complete`, { agency: 'SO_TU_PHAP' }, { 'X-Request-Id': 'req-complete-1' }, people.officer('CONG_AN_TINH'));
    await t.call('GET', `/api/v1/dossiers/${code}/notes`, undefined, { 'X-Request-Id': 'req-notes-1' }, people.auditor());
    await t.call('GET', `/api/v1/dossiers/${code}`, undefined, {}, people.operations()); // no personal data: not audited
    await new Promise((r) => setTimeout(r, 20)); // entries are appended when the answer has gone
    const entries = await audit.find({ limit: 50 });
    expect(entries.find((e) => e.requestId === 'req-complete-1')).toMatchObject({
      actorId: 'cb-CONG_AN_TINH',
      role: 'AGENCY_OFFICER',
      agency: 'CONG_AN_TINH',
      action: 'POST /api/v1/dossiers/{code}/complete',
      target: code,
      outcome: 403,
      personalData: false,
    });
    expect(entries.find((e) => e.requestId === 'req-notes-1')).toMatchObject({ actorId: 'auditor', action: 'GET /api/v1/dossiers/{code}/notes', outcome: 200, personalData: true });
    expect(entries.filter((e) => e.action === 'POST /api/v1/dossiers')).toEqual([expect.objectContaining({ target: code, outcome: 201, personalData: true })]);
    expect(entries.some((e) => e.action.startsWith('GET /api/v1/dossiers/{code}') && !e.action.endsWith('notes'))).toBe(false);
    expect(JSON.stringify(entries)).not.toContain(applicant.name);
  });

  it('is for auditors only', async () => {
    expect((await t.call('GET', '/api/v1/audit', undefined, {}, people.operations())).status).toBe(403);
    const r = await t.call('GET', `/api/v1/audit?target=${encodeURIComponent(code)}`, undefined, {}, people.auditor());
    expect(r.status).toBe(200);
    expect(r.body.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['POST /api/v1/dossiers', 'POST /api/v1/dossiers/{code}/accept']));
  });
});

describe('the OIDC verifier finds the issuer\'s keys by discovery', () => {
  let server: Server;
  let issuer: string;
  let sign: (claims: Record<string, unknown>) => Promise<string>;
  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/.well-known/openid-configuration') res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
      else if (req.url === '/jwks') res.end(JSON.stringify({ keys: [jwk] }));
      else res.writeHead(404).end('{}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    sign = (claims) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuer(issuer).setAudience(TEST_AUDIENCE).setIssuedAt().setExpirationTime('5m').sign(privateKey);
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it('reads the principal through the configured claim paths (Keycloak: realm_access.roles)', async () => {
    const keycloak = new OidcTokenVerifier({ issuer, audience: TEST_AUDIENCE, claims: { roles: 'realm_access.roles', agency: 'org.agency' }, clockToleranceS: 30 });
    const token = await sign({ sub: 'u1', realm_access: { roles: ['AGENCY_HEAD'] }, org: { agency: 'SO_TU_PHAP' } });
    expect(await keycloak.verify(token)).toEqual({ sub: 'u1', roles: ['AGENCY_HEAD'], agency: 'SO_TU_PHAP' });
    const plain = new OidcTokenVerifier({ issuer, audience: TEST_AUDIENCE, claims: DEFAULT_CLAIM_PATHS, clockToleranceS: 30 });
    await expect(plain.verify(await sign({ sub: 'u1', roles: 'not-a-list of codes!' }))).rejects.toBeInstanceOf(InvalidToken);
    await expect(plain.verify(await sign({ roles: ['OPERATIONS'] }))).rejects.toBeInstanceOf(InvalidToken); // no sub
  });
});
