/**
 * Login with the identity provider: authorization code + PKCE (RFC 7636, S256) for the public
 * client `motcua-web`, redirect back to /auth/callback on this origin. The access token lives in
 * sessionStorage (this tab only, gone with it); the page sends it as a bearer token to the API.
 */
export interface PageConfig {
  issuer: string | null;
  clientId: string;
  /** The Temporal Web UI and namespace a dossier's workflow is shown in; null: no link. */
  temporalUi: string | null;
  namespace: string;
}

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
}

const TOKEN_KEY = 'motcua.token';
const PENDING_KEY = 'motcua.login';
export const CALLBACK_PATH = '/auth/callback';
const SCOPE = 'openid profile motcua api';

export interface Session {
  accessToken: string;
  /** epoch ms */
  expiresAt: number;
}

export function currentSession(now = Date.now()): Session | null {
  const raw = sessionStorage.getItem(TOKEN_KEY);
  if (!raw) return null;
  const s = JSON.parse(raw) as Session;
  // A minute's margin: a token about to expire would fail the next call.
  return s.expiresAt - 60_000 > now ? s : null;
}

export function forgetSession(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

async function discover(config: PageConfig): Promise<Discovery> {
  if (!config.issuer) throw new Error('Máy chủ API chưa được cấu hình nhà cung cấp định danh (AUTH_ISSUER).');
  const res = await fetch(`${config.issuer}/.well-known/openid-configuration`);
  if (!res.ok) throw new Error(`Không đọc được cấu hình của nhà cung cấp định danh (${res.status}).`);
  return (await res.json()) as Discovery;
}

const base64url = (bytes: ArrayBuffer | Uint8Array): string =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const randomString = (): string => base64url(crypto.getRandomValues(new Uint8Array(32)));

/** Leaves for the provider's login page; comes back to `returnTo` once logged in. */
export async function login(config: PageConfig, returnTo: string): Promise<never> {
  const d = await discover(config);
  const verifier = randomString();
  const state = randomString();
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state, returnTo }));
  const url = new URL(d.authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: config.clientId,
    response_type: 'code',
    redirect_uri: location.origin + CALLBACK_PATH,
    scope: SCOPE,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.href);
  return new Promise<never>(() => undefined);
}

/** On /auth/callback: the code exchanged for tokens; answers where the login started. */
export async function finishLogin(config: PageConfig): Promise<string> {
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as { verifier: string; state: string; returnTo: string } | null;
  sessionStorage.removeItem(PENDING_KEY);
  const params = new URLSearchParams(location.search);
  if (params.get('error')) throw new Error(`Đăng nhập không thành công: ${params.get('error_description') ?? params.get('error')}`);
  if (!pending || params.get('state') !== pending.state) throw new Error('Phiên đăng nhập không khớp (state): hãy đăng nhập lại.');
  const code = params.get('code');
  if (!code) throw new Error('Nhà cung cấp định danh không trả về mã (code).');
  const d = await discover(config);
  const res = await fetch(d.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: location.origin + CALLBACK_PATH, client_id: config.clientId, code_verifier: pending.verifier }),
  });
  if (!res.ok) throw new Error(`Không đổi được mã lấy thẻ truy cập (${res.status}).`);
  const tokens = (await res.json()) as { access_token: string; expires_in: number };
  const session: Session = { accessToken: tokens.access_token, expiresAt: Date.now() + tokens.expires_in * 1000 };
  sessionStorage.setItem(TOKEN_KEY, JSON.stringify(session));
  return pending.returnTo.startsWith('/') && !pending.returnTo.startsWith('//') ? pending.returnTo : '/dashboard';
}
