import { createHash, generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A private signing key as the provider's `jwks` option takes it (RFC 7517 members). */
export type PrivateJwk = JsonWebKey & { kty: string; kid: string; alg: string; use: 'sig' };

/**
 * The provider's signing key, generated once per install and kept in `<stateDir>/jwks.json`
 * (mode 600, in a folder of mode 700; the state folder is git-ignored). Kept, not regenerated at
 * each start: a token issued before a restart must still verify against the JWKS the API caches.
 * The file is written whole and renamed into place, so a crash never leaves half a key.
 */
export function loadOrCreateSigningKeys(stateDir: string): { keys: PrivateJwk[]; created: boolean } {
  const file = path.join(stateDir, 'jwks.json');
  fs.mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  fs.chmodSync(stateDir, 0o700);
  if (fs.existsSync(file)) {
    fs.chmodSync(file, 0o600);
    return { keys: parseJwks(fs.readFileSync(file, 'utf8'), file), created: false };
  }
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  const key: PrivateJwk = { ...jwk, kty: 'RSA', kid: thumbprint(jwk), alg: 'RS256', use: 'sig' };
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify({ keys: [key] }, null, 2) + '\n', { mode: 0o600 });
  fs.renameSync(tmp, file);
  return { keys: [key], created: true };
}

function parseJwks(text: string, file: string): PrivateJwk[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(`${file} is not JSON: remove it to generate a new signing key (tokens issued with the old one stop verifying)`);
  }
  const keys = (data as { keys?: unknown })?.keys;
  if (!Array.isArray(keys) || keys.length === 0 || !keys.every((k) => k && typeof k === 'object' && typeof k.kid === 'string' && typeof k.d === 'string')) {
    throw new Error(`${file} holds no private signing key ({"keys":[{kid, d, …}]})`);
  }
  return keys as PrivateJwk[];
}

/** RFC 7638 JWK thumbprint of an RSA key: a `kid` that names the key itself. */
function thumbprint(jwk: JsonWebKey): string {
  return createHash('sha256').update(JSON.stringify({ e: jwk.e, kty: 'RSA', n: jwk.n })).digest('base64url');
}
