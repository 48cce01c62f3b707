/**
 * The local identity provider over HTTP, as browsers, the CLI and the API meet it: discovery and
 * keys, the code flow with PKCE only, the login form, the web client's redirect URIs, and the
 * signing key kept across restarts.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { authorize, discover, exchangeCode, LoginFlowError, obtainTokens, type Discovery } from './login-flow';
import { startProvider, type ProviderProcess } from './testing/provider-process';

jest.setTimeout(60_000);

const WEB_REDIRECT = 'http://127.0.0.1:4567/auth/callback';
let idp: ProviderProcess;
let d: Discovery;
const cli = () => ({ issuer: idp.issuer, clientId: 'motcua-cli', redirectUri: 'http://127.0.0.1/cli-callback', username: 'cb.so_tu_phap', password: 'cb.so_tu_phap' });

beforeAll(async () => {
  idp = await startProvider({ env: { IDP_WEB_REDIRECT_URIS: `${WEB_REDIRECT} http://127.0.0.1:4567/other-callback` } });
  d = await discover(idp.issuer);
});
afterAll(async () => idp?.stop());

describe('discovery and keys', () => {
  it('publishes the issuer on 127.0.0.1, the code flow only, and S256 as the only PKCE method', async () => {
    const doc = (await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(doc).toMatchObject({
      issuer: `http://127.0.0.1:${idp.port}`,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
      jwks_uri: `${idp.issuer}/jwks`,
    });
  });

  it('serves the public half of the key it keeps in jwks.json (mode 600, folder 700)', async () => {
    const file = `${idp.stateDir}/jwks.json`;
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(idp.stateDir).mode & 0o777).toBe(0o700);
    const kept = JSON.parse(fs.readFileSync(file, 'utf8')).keys as { kid: string; d: string }[];
    const served = ((await (await fetch(d.jwks_uri)).json()) as { keys: Record<string, unknown>[] }).keys;
    expect(served.map((k) => k.kid)).toEqual(kept.map((k) => k.kid));
    for (const k of served) for (const privatePart of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(k).not.toHaveProperty(privatePart);
  });
});

describe('authorization code with PKCE', () => {
  it.each([
    ['no code_challenge', { challenge: '', method: '' }, /invalid_request \(Authorization Server policy requires PKCE/],
    ['the plain method', { method: 'plain' }, /invalid_request \(not supported value of code_challenge_method\)/],
  ])('refuses a request with %s', async (_what, pkce, error) => {
    await expect(authorize(d, { ...cli(), pkce })).rejects.toThrow(error);
  });

  it('gives no token for a code without its verifier, nor twice for one code', async () => {
    const { code, verifier } = await authorize(d, cli());
    const exchange = (v: string) => exchangeCode(d, { clientId: 'motcua-cli', redirectUri: 'http://127.0.0.1/cli-callback', code, verifier: v });
    await expect(exchange('A'.repeat(43))).rejects.toThrow(/400: invalid_grant/);
    expect((await exchange(verifier)).access_token).toMatch(/^ey/);
    await expect(exchange(verifier)).rejects.toThrow(/400: invalid_grant/);
  });

  it('refuses a wrong password or an unknown account at the login form, in Vietnamese', async () => {
    await expect(authorize(d, { ...cli(), password: 'ld.so_tu_phap' })).rejects.toThrow(new LoginFlowError('login refused for "cb.so_tu_phap": Tên đăng nhập hoặc mật khẩu không đúng.'));
    await expect(authorize(d, { ...cli(), username: 'nobody' })).rejects.toThrow(/login refused for "nobody"/);
  });
});

describe('the login page', () => {
  it('asks for tên đăng nhập and mật khẩu, with no script and no framing allowed', async () => {
    const start = new URL(d.authorization_endpoint);
    start.search = new URLSearchParams({ client_id: 'motcua-cli', response_type: 'code', redirect_uri: 'http://127.0.0.1/cli-callback', scope: 'openid api', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' }).toString();
    const first = await fetch(start, { redirect: 'manual' });
    expect(first.status).toBe(303);
    const cookie = first.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const page = await fetch(new URL(first.headers.get('location')!, idp.issuer), { headers: { cookie } });
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('<html lang="vi">');
    expect(html).toMatch(/<label for="username">Tên đăng nhập<\/label>[\s\S]*<label for="password">Mật khẩu<\/label>[\s\S]*type="password"/);
    expect(html).not.toMatch(/<script/i);
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; frame-ancestors 'none'/);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('cache-control')).toBe('no-store');
  });

  it('answers a form without its interaction cookie with an error page, not a login', async () => {
    const res = await fetch(`${idp.issuer}/interaction/abc/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=ops&password=ops' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Phiên đăng nhập đã hết hạn');
  });
});

describe('the web client (motcua-web)', () => {
  it('logs in on the redirect URIs of IDP_WEB_REDIRECT_URIS and gets an access token for the API', async () => {
    const tokens = await obtainTokens({ ...cli(), clientId: 'motcua-web', redirectUri: WEB_REDIRECT, scope: 'openid profile motcua api' });
    const { payload } = await jwtVerify(tokens.access_token, createRemoteJWKSet(new URL(d.jwks_uri)), { issuer: idp.issuer, audience: 'motcua-api' });
    expect(payload).toMatchObject({ client_id: 'motcua-web', sub: 'cb.so_tu_phap', roles: ['AGENCY_OFFICER'], agency: 'SO_TU_PHAP' });
    // The ID token, for the page itself, carries the profile and the Motcua claims it asked for.
    expect(decodeJwt(tokens.id_token!)).toMatchObject({ aud: 'motcua-web', sub: 'cb.so_tu_phap', roles: ['AGENCY_OFFICER'], agency: 'SO_TU_PHAP' });
  });

  it('refuses a redirect URI it was not given (the default one, replaced)', async () => {
    await expect(authorize(d, { ...cli(), clientId: 'motcua-web', redirectUri: 'http://127.0.0.1:3000/auth/callback' })).rejects.toThrow(
      /\/auth answered 400: .*invalid_redirect_uri/,
    );
  });

  it('lets the pages exchange their code from their own origin only (CORS)', async () => {
    const post = (origin: string) =>
      fetch(d.token_endpoint, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', code: 'x', redirect_uri: WEB_REDIRECT, client_id: 'motcua-web', code_verifier: 'A'.repeat(43) }),
      });
    const own = await post('http://127.0.0.1:4567');
    expect(own.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:4567');
    const other = await post('http://elsewhere.example');
    expect([other.status, other.headers.get('access-control-allow-origin'), ((await other.json()) as { error_description: string }).error_description]).toEqual([
      400,
      null,
      'origin http://elsewhere.example not allowed for client: motcua-web',
    ]);
  });
});

describe('restarts', () => {
  it('keeps the signing key: a token issued before a restart verifies against the JWKS after it', async () => {
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-idp-restart-'));
    const first = await startProvider({ stateDir });
    let token: string;
    try {
      token = (await obtainTokens({ ...cli(), issuer: first.issuer })).access_token;
    } finally {
      await first.stop();
    }
    const second = await startProvider({ stateDir });
    try {
      const jwks = createRemoteJWKSet(new URL(`${second.issuer}/jwks`));
      // Another port, so another issuer: the signature is what must survive.
      await expect(jwtVerify(token, jwks, { audience: 'motcua-api' })).resolves.toBeDefined();
    } finally {
      await second.stop();
      fs.rmSync(stateDir, { recursive: true, force: true });
    }
  });
});
