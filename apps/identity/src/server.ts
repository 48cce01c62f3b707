import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import * as http from 'node:http';
import Provider, { errors, type ClientMetadata, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { SeededAccount } from './accounts';
import { API_AUDIENCE, API_RESOURCE, API_SCOPE, CLI_CLIENT_ID, CLI_REDIRECT_URI, IDP_HOST, WEB_CLIENT_ID, type IdentityConfig } from './config';
import type { PrivateJwk } from './keys';
import { errorPage, loginPage, PAGE_SECURITY_HEADERS } from './pages';

export type Log = (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;

/** Our own clients: their consent is given by the deployment, not asked of the officer. */
const FIRST_PARTY = new Set([CLI_CLIENT_ID, WEB_CLIENT_ID]);
const MAX_FORM_BYTES = 4096;

/**
 * The local identity provider: oidc-provider (OpenID certified) with the seeded accounts, behind a
 * plain node:http server that serves the login interaction itself and hands every other path to
 * the provider. Authorization code with PKCE (S256) only, for two public clients; access tokens for
 * the API are JWTs (RFC 9068) for the resource `urn:motcua:api`, audience `motcua-api`, carrying
 * `roles`, `agency` and `name` beside `sub`.
 */
export function createIdentityServer(config: IdentityConfig, accounts: readonly SeededAccount[], keys: PrivateJwk[], log: Log) {
  const byUsername = new Map(accounts.map((a) => [a.username, a]));
  const clients: ClientMetadata[] = [
    {
      client_id: CLI_CLIENT_ID,
      client_name: 'Motcua command line (npm run token)',
      // RFC 8252: a native app on a loopback redirect; the CLI reads the code off the redirect.
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      redirect_uris: [CLI_REDIRECT_URI],
    },
    {
      client_id: WEB_CLIENT_ID,
      client_name: 'Motcua web pages',
      application_type: 'web',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      redirect_uris: config.webRedirectUris,
    },
  ];

  const configuration: Configuration = {
    clients,
    jwks: { keys },
    // Sessions and codes live in memory (oidc-provider's development adapter) and die with the
    // process, so the cookie keys may too: a fresh random key per start.
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    async findAccount(_ctx, id) {
      const account = byUsername.get(id);
      if (!account) return undefined;
      return { accountId: account.username, claims: async () => ({ sub: account.username, ...identityClaims(account) }) };
    },
    claims: { openid: ['sub'], profile: ['name'], motcua: ['roles', 'agency'] },
    responseTypes: ['code'],
    // RFC 9700: PKCE for every client, and oidc-provider knows only S256 (no `plain`).
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        // A client that names no resource gets the API: the only resource server here.
        defaultResource: async () => API_RESOURCE,
        // …also at the token endpoint, where the CLI and the pages send no `resource` either.
        useGrantedResource: async () => true,
        async getResourceServerInfo(_ctx, indicator) {
          if (indicator !== API_RESOURCE) throw new errors.InvalidTarget(`unknown resource; the API is ${API_RESOURCE}`);
          return {
            scope: API_SCOPE,
            audience: API_AUDIENCE,
            accessTokenFormat: 'jwt',
            accessTokenTTL: config.accessTokenTtl,
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    async extraTokenClaims(_ctx, token) {
      // Only what the API authorizes on, in the JWT itself (no introspection round trip).
      const account = token.kind === 'AccessToken' && token.accountId ? byUsername.get(token.accountId) : undefined;
      return account ? identityClaims(account) : undefined;
    },
    // First-party clients are granted what they ask for at once (oidc-provider's documented way to
    // skip the consent screen): the officer would only ever click "allow".
    async loadExistingGrant(ctx) {
      const { oidc } = ctx;
      const grantId = oidc.result?.consent?.grantId || oidc.session!.grantIdFor(oidc.client!.clientId);
      if (grantId) return oidc.provider.Grant.find(grantId);
      if (!FIRST_PARTY.has(oidc.client!.clientId) || !oidc.session!.accountId) return undefined;
      const grant = new oidc.provider.Grant({ clientId: oidc.client!.clientId, accountId: oidc.session!.accountId });
      grant.addOIDCScope([...oidc.requestParamOIDCScopes].join(' '));
      grant.addResourceScope(API_RESOURCE, API_SCOPE);
      await grant.save();
      return grant;
    },
    clientBasedCORS(_ctx, origin, client) {
      // The pages may exchange their code from the browser: their own origin, no other.
      return client.clientId === WEB_CLIENT_ID && client.redirectUris!.some((uri) => URL.parse(uri)?.origin === origin);
    },
    ttl: {
      AccessToken: config.accessTokenTtl,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 600,
      Grant: 8 * 3600,
      Session: 8 * 3600,
    },
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.set(PAGE_SECURITY_HEADERS);
      ctx.body = errorPage('Không thể đăng nhập', `${out.error}${out.error_description ? `: ${out.error_description}` : ''}`);
    },
  };

  const provider = new Provider(config.issuer, configuration);
  provider.on('server_error', (_ctx: KoaContextWithOIDC, err: Error) => log('error', 'provider error', { error: err.stack ?? String(err) }));
  provider.on('grant.success', (ctx: KoaContextWithOIDC) => log('info', 'token issued', { client: ctx.oidc.client?.clientId, account: ctx.oidc.account?.accountId }));
  const providerCallback = provider.callback();

  async function interaction(req: http.IncomingMessage, res: http.ServerResponse, uid: string, action: string | undefined) {
    let details;
    try {
      details = await provider.interactionDetails(req, res);
    } catch (e) {
      if (e instanceof errors.SessionNotFound) {
        return send(res, 400, errorPage('Phiên đăng nhập đã hết hạn', 'Hãy mở lại trang của ứng dụng và đăng nhập lại.'));
      }
      throw e;
    }
    // The cookie names the interaction; a URL naming another one is a stale or forged form.
    if (details.uid !== uid) return send(res, 400, errorPage('Phiên đăng nhập không khớp', 'Hãy mở lại trang của ứng dụng và đăng nhập lại.'));
    const prompt = details.prompt.name;
    const clientId = String(details.params.client_id);

    if (prompt === 'consent') {
      // Reached only when loadExistingGrant gave no grant (native clients always ask): grant the
      // first-party client what the prompt lists, refuse any other.
      if (!FIRST_PARTY.has(clientId)) {
        return provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'only first-party clients' }, { mergeWithLastSubmission: true });
      }
      const grant = details.grantId
        ? (await provider.Grant.find(details.grantId))!
        : new provider.Grant({ clientId, accountId: details.session!.accountId });
      const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
      const grantId = await grant.save();
      return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    }
    if (prompt !== 'login') return send(res, 400, errorPage('Yêu cầu không được hỗ trợ', prompt));

    if (req.method === 'GET' && action === undefined) return send(res, 200, loginPage(uid));
    if (req.method !== 'POST' || action !== 'login') return send(res, 405, errorPage('Phương thức không được hỗ trợ', `${req.method}`), { allow: 'GET' });

    const form = await readForm(req);
    if (!form) return send(res, 400, errorPage('Biểu mẫu không hợp lệ', 'Hãy gửi lại biểu mẫu đăng nhập.'));
    const username = form.get('username') ?? '';
    const account = byUsername.get(username);
    if (!account || !samePassword(form.get('password') ?? '', account.password)) {
      // A password typed into the wrong field must not reach the log: name only known accounts.
      log('warn', 'login refused', account ? { account: account.username } : { account: null });
      return send(res, 200, loginPage(uid, { error: 'Tên đăng nhập hoặc mật khẩu không đúng.', username: account ? username : '' }));
    }
    log('info', 'login', { account: account.username, client: clientId });
    return provider.interactionFinished(req, res, { login: { accountId: account.username } }, { mergeWithLastSubmission: false });
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', config.issuer);
    const m = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login))?$/.exec(url.pathname);
    if (!m) return providerCallback(req, res);
    interaction(req, res, m[1], m[2]).catch((e) => {
      log('error', 'interaction failed', { error: e instanceof Error ? e.stack : String(e) });
      if (!res.headersSent) send(res, 500, errorPage('Lỗi máy chủ', 'Hãy thử lại.'));
      else res.end();
    });
  });

  return {
    provider,
    server,
    listen: () =>
      new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, IDP_HOST, () => resolve());
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The claims the API reads (docs/contracts.md "Identity and access"): `agency` only for bound roles. */
function identityClaims(account: SeededAccount): { roles: string[]; name: string; agency?: string } {
  return { roles: [account.role], name: account.name, ...(account.agency === undefined ? {} : { agency: account.agency }) };
}

/** Compares digests, so the time taken says nothing about how much of the password was right. */
function samePassword(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams | undefined> {
  if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '')) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function send(res: http.ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...PAGE_SECURITY_HEADERS, ...headers });
  res.end(html);
}
