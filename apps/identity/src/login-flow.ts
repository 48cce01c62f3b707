import { createHash, randomBytes } from 'node:crypto';

/**
 * The authorization code flow with PKCE (RFC 6749 §4.1, RFC 7636), driven over HTTP as a browser
 * would drive it: discovery, the authorization request, the login form posted with the account's
 * credentials, the redirects followed with the provider's cookies, the code read off the redirect
 * to the client's redirect URI, and the code exchanged at the token endpoint. Nothing here knows
 * oidc-provider's internals: only its pages and the standard endpoints.
 */

export class LoginFlowError extends Error {}

export interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
}

export interface AuthorizeOptions {
  issuer: string;
  clientId: string;
  redirectUri: string;
  username: string;
  password: string;
  scope?: string;
  /** Tests only: what the request sends as PKCE parameters (default: a fresh S256 pair). */
  pkce?: { challenge?: string; method?: string };
}

export interface TokenResponse {
  access_token: string;
  token_type: string;
  expires_in?: number;
  id_token?: string;
  scope?: string;
}

const MAX_HOPS = 20;

export async function discover(issuer: string): Promise<Discovery> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  } catch (e) {
    throw new LoginFlowError(`no identity provider answers at ${issuer} (${describe(e)})`);
  }
  if (!res.ok) throw new LoginFlowError(`${url} answered ${res.status}`);
  const d = (await res.json()) as Discovery;
  // OpenID Connect Discovery §4.3: the document must name the issuer it was fetched for.
  if (d.issuer?.replace(/\/$/, '') !== issuer.replace(/\/$/, '')) {
    throw new LoginFlowError(`${url} names the issuer "${d.issuer}", not "${issuer}"`);
  }
  return d;
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** Cookies by name, for the provider's origin only (the flow never leaves it until the redirect URI). */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => {
        const [k, v = ''] = a.trim().split('=');
        if (/^max-age$/i.test(k)) return Number(v) <= 0;
        if (/^expires$/i.test(k)) return Date.parse(v) <= Date.now();
        return false;
      });
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** The authorization code for the account, after logging in through the provider's form. */
export async function authorize(d: Discovery, o: AuthorizeOptions): Promise<{ code: string; verifier: string }> {
  const { verifier, challenge } = pkcePair();
  const state = randomBytes(16).toString('base64url');
  const request = new URL(d.authorization_endpoint);
  request.search = new URLSearchParams({
    client_id: o.clientId,
    response_type: 'code',
    redirect_uri: o.redirectUri,
    scope: o.scope ?? 'openid api',
    state,
    nonce: randomBytes(16).toString('base64url'),
    ...(o.pkce?.challenge === '' ? {} : { code_challenge: o.pkce?.challenge ?? challenge }),
    ...(o.pkce?.method === '' ? {} : { code_challenge_method: o.pkce?.method ?? 'S256' }),
  }).toString();

  const origin = new URL(d.authorization_endpoint).origin;
  const jar = new CookieJar();
  let url = request.href;
  let init: RequestInit = { method: 'GET' };
  let posted = false;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: jar.header(), accept: 'text/html' },
      signal: AbortSignal.timeout(10_000),
    });
    jar.store(res);
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      const next = new URL(location, url);
      if (`${next.origin}${next.pathname}` === o.redirectUri.replace(/\?.*$/, '')) return { code: codeFrom(next, state, d.issuer), verifier };
      // The flow stays on the provider until it redirects to the client: anything else is not ours to follow.
      if (next.origin !== origin) throw new LoginFlowError(`the provider redirected to ${next.origin}, neither itself nor ${o.redirectUri}`);
      url = next.href;
      init = { method: 'GET' };
      continue;
    }
    const body = await res.text();
    if (res.status !== 200 || !/<form\b/i.test(body)) {
      throw new LoginFlowError(`${new URL(url).pathname} answered ${res.status}: ${textOf(body).slice(0, 300)}`);
    }
    if (posted) throw new LoginFlowError(`login refused for "${o.username}": ${textOf(alertOf(body) ?? body).slice(0, 200)}`);
    const form = loginForm(body, url);
    init = {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...form.hidden, [form.username]: o.username, [form.password]: o.password }).toString(),
    };
    url = form.action;
    posted = true;
  }
  throw new LoginFlowError(`more than ${MAX_HOPS} redirects: the provider loops`);
}

/** Exchanges the code at the token endpoint (public client: client_id and the PKCE verifier, no secret). */
export async function exchangeCode(d: Discovery, o: { clientId: string; redirectUri: string; code: string; verifier: string }): Promise<TokenResponse> {
  const res = await fetch(d.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: o.code,
      redirect_uri: o.redirectUri,
      client_id: o.clientId,
      code_verifier: o.verifier,
    }).toString(),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await res.json().catch(() => ({}))) as Partial<TokenResponse> & { error?: string; error_description?: string };
  if (!res.ok || typeof body.access_token !== 'string') {
    throw new LoginFlowError(`the token endpoint answered ${res.status}: ${body.error ?? 'no access_token'}${body.error_description ? ` (${body.error_description})` : ''}`);
  }
  return body as TokenResponse;
}

/** The whole flow: an access token for the account. */
export async function obtainTokens(o: AuthorizeOptions): Promise<TokenResponse> {
  const d = await discover(o.issuer);
  const { code, verifier } = await authorize(d, o);
  return exchangeCode(d, { clientId: o.clientId, redirectUri: o.redirectUri, code, verifier });
}

function codeFrom(redirect: URL, state: string, issuer: string): string {
  const p = redirect.searchParams;
  if (p.get('error')) throw new LoginFlowError(`the provider refused: ${p.get('error')}${p.get('error_description') ? ` (${p.get('error_description')})` : ''}`);
  // RFC 6749 §10.12 (state binds the response to this request) and RFC 9207 (the issuer that answers).
  if (p.get('state') !== state) throw new LoginFlowError('the redirect carries another state: not the answer to this request');
  if (p.has('iss') && p.get('iss') !== issuer) throw new LoginFlowError(`the redirect names the issuer "${p.get('iss')}", not "${issuer}"`);
  const code = p.get('code');
  if (!code) throw new LoginFlowError('the redirect carries no code');
  return code;
}

/**
 * The login form of a page: its action, its hidden inputs, the text field and the password field.
 * A small reader for the provider's own page (one form, attributes in double quotes), not HTML at large.
 */
export function loginForm(html: string, pageUrl: string): { action: string; hidden: Record<string, string>; username: string; password: string } {
  const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) throw new LoginFlowError('the page has no form');
  const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`, 'i').exec(tag)?.[1];
  const action = new URL(unescape(attr(form[1], 'action') ?? ''), pageUrl).href;
  const hidden: Record<string, string> = {};
  let username: string | undefined;
  let password: string | undefined;
  for (const [tag] of form[2].matchAll(/<input\b[^>]*>/gi)) {
    const name = attr(tag, 'name');
    if (!name) continue;
    const type = (attr(tag, 'type') ?? 'text').toLowerCase();
    if (type === 'hidden') hidden[name] = unescape(attr(tag, 'value') ?? '');
    else if (type === 'password') password ??= name;
    else if (type === 'text' || type === 'email') username ??= name;
  }
  if (!username || !password) throw new LoginFlowError('the page has no login form (a text field and a password field)');
  return { action, hidden, username, password };
}

function unescape(s: string): string {
  return s.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n))).replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function alertOf(html: string): string | undefined {
  return /<[^>]+role="alert"[^>]*>([\s\S]*?)<\//i.exec(html)?.[1];
}

function textOf(html: string): string {
  return unescape(html.replace(/<(style|script)\b[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();
}

function describe(e: unknown): string {
  const cause = (e as { cause?: { code?: string } })?.cause?.code;
  return cause ?? (e instanceof Error ? e.message : String(e));
}
