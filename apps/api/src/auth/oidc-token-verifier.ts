import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { principalOf, type ClaimPaths } from './claims';
import type { Principal } from './principal';
import { InvalidToken, type TokenVerifier } from './token-verifier';

export interface OidcSettings {
  /** The issuer URL (AUTH_ISSUER); its discovery document names the keys. */
  issuer: string;
  /** This API as the token's audience (AUTH_AUDIENCE). */
  audience: string;
  claims: ClaimPaths;
  /** Seconds of clock difference tolerated on exp/nbf/iat. */
  clockToleranceS: number;
}

/** Asymmetric algorithms only: a shared-secret (HS*) or unsigned token is never accepted. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/**
 * Access tokens of any standard OIDC provider (the local one, a province's Keycloak, the national
 * SSO): discovery gives the JWKS URI, `jose` fetches and caches the keys (and refetches on an
 * unknown key id, so key rotation needs nothing from us), then checks signature, issuer, audience,
 * expiry and algorithm.
 */
export class OidcTokenVerifier implements TokenVerifier {
  private keys?: Promise<JWTVerifyGetKey>;

  /** `keys`: the issuer's keys when known in advance (tests); otherwise found by discovery. */
  constructor(
    private readonly settings: OidcSettings,
    keys?: JWTVerifyGetKey,
  ) {
    if (keys) this.keys = Promise.resolve(keys);
  }

  async verify(token: string): Promise<Principal> {
    const keys = await this.jwks();
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        algorithms: ALGORITHMS,
        clockTolerance: this.settings.clockToleranceS,
        requiredClaims: ['exp', 'sub'],
      });
      return principalOf(payload, this.settings.claims);
    } catch (e) {
      if (e instanceof InvalidToken) throw e;
      if (e instanceof errors.JOSEError) throw new InvalidToken(`${e.code}: ${e.message}`);
      throw e; // the keys could not be fetched: not the caller's fault (503 upstream)
    }
  }

  private jwks(): Promise<JWTVerifyGetKey> {
    this.keys ??= this.discover().catch((e) => {
      this.keys = undefined; // try discovery again on the next request
      throw e;
    });
    return this.keys;
  }

  private async discover(): Promise<JWTVerifyGetKey> {
    const url = new URL('.well-known/openid-configuration', this.settings.issuer.endsWith('/') ? this.settings.issuer : `${this.settings.issuer}/`);
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    if (!res.ok) throw new Error(`OIDC discovery at ${url} answered ${res.status}`);
    const doc = (await res.json()) as { issuer?: unknown; jwks_uri?: unknown };
    if (doc.issuer !== this.settings.issuer) throw new Error(`OIDC discovery at ${url} names issuer ${String(doc.issuer)}, not ${this.settings.issuer}`);
    if (typeof doc.jwks_uri !== 'string') throw new Error(`OIDC discovery at ${url} has no jwks_uri`);
    return createRemoteJWKSet(new URL(doc.jwks_uri), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 });
  }
}
