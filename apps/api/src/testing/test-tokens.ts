import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { DEFAULT_CLAIM_PATHS } from '../auth/claims';
import { OidcTokenVerifier } from '../auth/oidc-token-verifier';
import type { Principal } from '../auth/principal';

export const TEST_ISSUER = 'https://idp.test.motcua.invalid';
export const TEST_AUDIENCE = 'motcua-api';

/**
 * A test identity provider without a server: a key pair made per test run, tokens signed as an
 * OIDC provider signs access tokens, and the API's real verifier given the public key (instead of
 * finding it by discovery). Integration tests use the real local provider instead.
 */
export class TestTokens {
  private constructor(
    private readonly privateKey: CryptoKey,
    readonly verifier: OidcTokenVerifier,
  ) {}

  static async create(): Promise<TestTokens> {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'test-1', alg: 'ES256', use: 'sig' };
    const verifier = new OidcTokenVerifier(
      { issuer: TEST_ISSUER, audience: TEST_AUDIENCE, claims: DEFAULT_CLAIM_PATHS, clockToleranceS: 30 },
      createLocalJWKSet({ keys: [jwk] }),
    );
    return new TestTokens(privateKey, verifier);
  }

  /** A token for `who`; `tamper` makes it wrong in one way, for the tests of refusals. */
  async tokenFor(who: Principal, tamper: { issuer?: string; audience?: string; expiresInS?: number } = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ roles: [...who.roles], ...(who.agency ? { agency: who.agency } : {}) })
      .setProtectedHeader({ alg: 'ES256', kid: 'test-1', typ: 'at+jwt' })
      .setSubject(who.sub)
      .setIssuer(tamper.issuer ?? TEST_ISSUER)
      .setAudience(tamper.audience ?? TEST_AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + (tamper.expiresInS ?? 600))
      .sign(this.privateKey);
  }
}

/** People the API tests act as. */
export const people = {
  oneStop: (unit = '000.00.00.H26'): Principal => ({ sub: `mc-${unit}`, roles: ['ONE_STOP_OFFICER'], agency: unit }),
  officer: (agency: string): Principal => ({ sub: `cb-${agency}`, roles: ['AGENCY_OFFICER'], agency }),
  head: (agency: string): Principal => ({ sub: `ld-${agency}`, roles: ['AGENCY_HEAD'], agency }),
  portal: (): Principal => ({ sub: 'portal', roles: ['PORTAL'], agency: null }),
  operations: (): Principal => ({ sub: 'ops', roles: ['OPERATIONS'], agency: null }),
  auditor: (): Principal => ({ sub: 'auditor', roles: ['AUDITOR'], agency: null }),
  admin: (): Principal => ({ sub: 'admin', roles: ['ADMIN'], agency: null }),
};
