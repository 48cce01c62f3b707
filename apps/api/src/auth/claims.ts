import type { JWTPayload } from 'jose';
import type { Principal } from './principal';
import { InvalidToken } from './token-verifier';

/**
 * Where an identity provider puts roles and the agency differs (Keycloak: `realm_access.roles`;
 * the local provider: `roles`, `agency`): dot-paths, set by configuration.
 */
export interface ClaimPaths {
  roles: string;
  agency: string;
}

export const DEFAULT_CLAIM_PATHS: ClaimPaths = { roles: 'roles', agency: 'agency' };

const ID = /^[A-Za-z0-9_.:@\-]{1,128}$/;
const CODE = /^[A-Za-z0-9_.\-]{1,64}$/;

export function principalOf(payload: JWTPayload, paths: ClaimPaths): Principal {
  const sub = payload.sub;
  if (typeof sub !== 'string' || !ID.test(sub)) throw new InvalidToken('the token names no usable subject (sub)');
  const rawRoles = at(payload, paths.roles);
  const roles = Array.isArray(rawRoles) ? rawRoles : typeof rawRoles === 'string' ? rawRoles.split(/[\s,]+/) : [];
  if (!roles.every((r): r is string => typeof r === 'string' && CODE.test(r))) throw new InvalidToken(`claim ${paths.roles}: roles are codes`);
  const agency = at(payload, paths.agency);
  if (agency !== undefined && agency !== null && (typeof agency !== 'string' || !CODE.test(agency))) {
    throw new InvalidToken(`claim ${paths.agency}: an agency or unit code`);
  }
  const name = typeof payload.name === 'string' ? payload.name : undefined;
  return { sub, roles: roles.filter(Boolean), agency: (agency as string | undefined) ?? null, ...(name ? { name } : {}) };
}

function at(payload: JWTPayload, path: string): unknown {
  let v: unknown = payload;
  for (const part of path.split('.')) {
    if (!v || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, part)) return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}
