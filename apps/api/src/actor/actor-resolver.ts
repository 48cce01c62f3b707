import { UNIDENTIFIED, type Actor } from '@motcua/dossier';
import { badRequest } from '../errors/api-error';

/** Request headers as Node gives them (lower-case names). */
export type RequestHeaders = Readonly<Record<string, string | string[] | undefined>>;

export const ACTOR_ID_HEADER = 'X-Actor-Id';
export const ACTOR_ROLE_HEADER = 'X-Actor-Role';

/** A pseudonymous account id, never a name or citizen id: letters, digits and `_ . : -`. */
const ACTOR_ID = /^[A-Za-z0-9_.:\-]{1,128}$/;
const ROLE = /^[A-Za-z0-9_\-]{1,64}$/;

/**
 * Who is acting: THE seam for authentication (CONTRACTS.md "The actor"). Until it arrives, the
 * person and role come from the `X-Actor-Id` / `X-Actor-Role` headers, recorded as given
 * ("unidentified" when absent), and the agency is the action's own `agency` field, or else the
 * dossier's receiving unit. Authentication will replace the header reading with the token's
 * claims and refuse a token whose agency differs from the one the request acts for; nothing
 * outside this file reads these headers.
 */
export class ActorResolver {
  resolve(headers: RequestHeaders, agency: string | null): Actor {
    return {
      id: header(headers, ACTOR_ID_HEADER, ACTOR_ID) ?? UNIDENTIFIED,
      role: header(headers, ACTOR_ROLE_HEADER, ROLE) ?? UNIDENTIFIED,
      agency,
    };
  }
}

function header(headers: RequestHeaders, name: string, pattern: RegExp): string | undefined {
  const raw = headers[name.toLowerCase()];
  if (raw === undefined) return undefined;
  if (Array.isArray(raw)) throw badRequest(`${name}: give the header once`);
  const value = raw.trim();
  if (value === '') return undefined;
  if (!pattern.test(value)) throw badRequest(`${name}: ${pattern === ROLE ? 'letters, digits, _ and - only (at most 64)' : 'letters, digits and _ . : - only (at most 128)'}`);
  return value;
}
