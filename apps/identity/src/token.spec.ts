/**
 * `npm run --silent token` end to end: a provider started here, the command run as users run it
 * (npm, bash, the real login form over HTTP), and its output verified as the API will verify it,
 * with jose against the JWKS the discovery document names.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import { freePort, runToken, startProvider, type ProviderProcess } from './testing/provider-process';

jest.setTimeout(60_000);

let idp: ProviderProcess;
let jwksUri: string;
/** A user's environment, without the provider npm test runs: only the one named here counts. */
const env = () => {
  const e: NodeJS.ProcessEnv = { ...process.env, AUTH_ISSUER: idp.issuer };
  delete e.AUTH_AUDIENCE;
  return e;
};

beforeAll(async () => {
  idp = await startProvider();
  jwksUri = ((await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()) as { jwks_uri: string }).jwks_uri;
});
afterAll(async () => idp?.stop());

async function verified(token: string): Promise<JWTPayload> {
  const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(jwksUri)), { issuer: idp.issuer, audience: 'motcua-api', typ: 'at+jwt' });
  return payload;
}

describe('npm run --silent token', () => {
  it('prints only an access token of the one-stop officer of a unit, verified against the JWKS: issuer, audience, roles, agency, an hour', async () => {
    const out = await runToken(['--role', 'ONE_STOP_OFFICER', '--agency', '000.00.00.H26'], env());
    expect([out.code, out.stderr]).toEqual([0, '']);
    expect(out.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const claims = await verified(out.stdout.trim());
    expect(claims).toMatchObject({
      iss: idp.issuer,
      aud: 'motcua-api',
      sub: 'mc.000.00.00.h26',
      roles: ['ONE_STOP_OFFICER'],
      agency: '000.00.00.H26',
      name: 'Cán bộ một cửa, Trung tâm Phục vụ hành chính công thành phố Hà Nội',
      client_id: 'motcua-cli',
      scope: 'api',
    });
    // An hour from its own issue time (compared with itself, not with today's date).
    expect(claims.exp! - claims.iat!).toBe(3600);
    expect(decodeProtectedHeader(out.stdout.trim()).alg).toBe('RS256');
  });

  it('gives an agency head the agency it names, in any case', async () => {
    const out = await runToken(['--role', 'AGENCY_HEAD', '--agency', 'so_tu_phap'], env());
    expect(out.code).toBe(0);
    expect(await verified(out.stdout.trim())).toMatchObject({ sub: 'ld.so_tu_phap', roles: ['AGENCY_HEAD'], agency: 'SO_TU_PHAP' });
  });

  it('gives a role bound to no agency a token without the agency claim', async () => {
    const out = await runToken(['--role', 'OPERATIONS'], env());
    expect(out.code).toBe(0);
    const claims = await verified(out.stdout.trim());
    expect(claims).toMatchObject({ sub: 'ops', roles: ['OPERATIONS'] });
    expect(claims).not.toHaveProperty('agency');
  });

  it.each([
    [['--role', 'AGENCY_OFFICER'], /give --agency, one of .*SO_TU_PHAP.*UBND_XA/],
    [['--role', 'ONE_STOP_OFFICER', '--agency', 'H26'], /no seeded ONE_STOP_OFFICER account for "H26": --agency is one of 000\.00\.00\.H26, /],
    [['--role', 'CITIZEN'], /unknown role "CITIZEN": one of ONE_STOP_OFFICER, AGENCY_OFFICER, AGENCY_HEAD, PORTAL, OPERATIONS, AUDITOR, ADMIN/],
    [['--role', 'AUDITOR', '--agency', 'SO_TU_PHAP'], /acts for no unit or agency/],
    [['--agency', 'SO_TU_PHAP'], /--role is required/],
    [['--role', 'ADMIN', '--password', 'x'], /Unknown option '--password'/],
  ])('%j: exit 2, the choices on stderr, nothing on stdout', async (args, message) => {
    const out = await runToken(args, env());
    expect([out.code, out.stdout]).toEqual([2, '']);
    expect(out.stderr).toMatch(message);
  });

  it('without a provider: exit 1, says so, nothing on stdout', async () => {
    const out = await runToken(['--role', 'ADMIN'], { ...env(), AUTH_ISSUER: `http://127.0.0.1:${await freePort()}` });
    expect([out.code, out.stdout]).toEqual([1, '']);
    expect(out.stderr).toMatch(/no identity provider answers at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
  });

  it('without AUTH_ISSUER, takes no issuer from the state folder whose PID file names another process', async () => {
    // identity.sh records the issuer and the PID; the command takes the issuer only while that
    // process is the provider (npm start's test covers the running case, on the built provider).
    const state = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-token-state-'));
    try {
      fs.mkdirSync(path.join(state, 'identity'));
      fs.writeFileSync(path.join(state, 'identity', 'issuer'), `${idp.issuer}\n`);
      const e: NodeJS.ProcessEnv = { ...env(), MOTCUA_STATE_DIR: state };
      delete e.AUTH_ISSUER;
      // A PID file naming a process that is not the provider (this test runner) is not trusted.
      fs.writeFileSync(path.join(state, 'identity', 'identity.pid'), `${process.pid}\n`);
      const stale = await runToken(['--role', 'PORTAL'], e);
      expect([stale.code, stale.stdout]).toEqual([1, '']);
      expect(stale.stderr).toMatch(/no identity provider: start the local stack \(npm start\) or set AUTH_ISSUER/);
    } finally {
      fs.rmSync(state, { recursive: true, force: true });
    }
  });
});
