import * as path from 'node:path';

/** The audience of the API's access tokens (AUTH_AUDIENCE of the API). */
export const API_AUDIENCE = 'motcua-api';
/**
 * The API's resource indicator (RFC 8707). oidc-provider takes only an absolute URI there, so it is a
 * URN; the tokens' `aud` is API_AUDIENCE (the resource server's `audience`), which the API checks.
 */
export const API_RESOURCE = 'urn:motcua:api';
/** The one scope of the API's resource server: every access token for the API carries it. */
export const API_SCOPE = 'api';

/** The command-line client (`npm run token`): public, PKCE, loopback redirect (RFC 8252). */
export const CLI_CLIENT_ID = 'motcua-cli';
export const CLI_REDIRECT_URI = 'http://127.0.0.1/cli-callback';
/** The browser pages served by the API: public, PKCE, redirect on the API's origin. */
export const WEB_CLIENT_ID = 'motcua-web';

/**
 * Demo accounts with known passwords: the provider listens on the loopback interface only, never
 * on a configurable host, so nothing beyond this machine can log in with them.
 */
export const IDP_HOST = '127.0.0.1';

export interface IdentityConfig {
  port: number;
  issuer: string;
  /** Where the signing key is kept (jwks.json). */
  stateDir: string;
  webRedirectUris: string[];
  /** Access token lifetime, seconds. */
  accessTokenTtl: number;
}

/**
 * From the environment: IDP_PORT (3200), IDP_STATE_DIR (else $MOTCUA_STATE_DIR/identity, else
 * .infra/identity), IDP_WEB_REDIRECT_URIS (comma- or space-separated; default the API's
 * http://127.0.0.1:$API_PORT/auth/callback). Anything malformed is refused at start, naming it.
 */
export function identityConfigFromEnv(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): IdentityConfig {
  const port = parsePort(env.IDP_PORT ?? '3200', 'IDP_PORT');
  const apiPort = parsePort(env.API_PORT ?? '3000', 'API_PORT');
  const stateDir = path.resolve(cwd, env.IDP_STATE_DIR || path.join(env.MOTCUA_STATE_DIR || '.infra', 'identity'));
  const raw = env.IDP_WEB_REDIRECT_URIS?.trim() || `http://${IDP_HOST}:${apiPort}/auth/callback`;
  const webRedirectUris = raw.split(/[\s,]+/).filter(Boolean);
  for (const uri of webRedirectUris) {
    const url = URL.parse(uri);
    if (!url || !/^https?:$/.test(url.protocol) || url.hash || uri !== url.href) {
      throw new Error(`IDP_WEB_REDIRECT_URIS: "${uri}" is not an absolute http(s) URL without a fragment, written as the browser sends it`);
    }
  }
  return { port, issuer: `http://${IDP_HOST}:${port}`, stateDir, webRedirectUris, accessTokenTtl: 3600 };
}

function parsePort(value: string, name: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) throw new Error(`${name}: "${value}" is not a TCP port (1–65535)`);
  return port;
}
