import { SYSTEM_ACTOR, UNIDENTIFIED, type Actor } from '@motcua/dossier';
import { badRequest } from '../errors/api-error';

/** Request headers as Node gives them (lower-case names). */
export type RequestHeaders = Readonly<Record<string, string | string[] | undefined>>;

export const ACTOR_ID_HEADER = 'X-Actor-Id';
export const ACTOR_ROLE_HEADER = 'X-Actor-Role';

/** A pseudonymous account id, never a name or citizen id: letters, digits and `_ . : -`. */
const ACTOR_ID = /^[A-Za-z0-9_.:\-]{1,128}$/;
const ROLE = /^[A-Za-z0-9_\-]{1,64}$/;

/**
 * Values the engine writes itself, so that an audit can trust them: a caller claiming them would
 * pass its own acts off as the engine's (timers), as nobody's, or as a simulated officer's (the
 * scenario runner's `scenario:` ids).
 */
const RESERVED_IDS = new Set([SYSTEM_ACTOR.id, UNIDENTIFIED].map((v) => v.toLowerCase()));
const RESERVED_ID_PREFIXES = ['scenario:'];
const RESERVED_ROLES = new Set([SYSTEM_ACTOR.role, UNIDENTIFIED].map((v) => v.toLowerCase()));

/**
 * A citizen id (CMND 9 digits, CCCD 12) or a phone number, with or without separators: personal
 * data, which must not become an actor id on every event and in Kafka.
 */
const CITIZEN_ID_SHAPED = /^\d{9,12}$/;

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
    const id = header(headers, ACTOR_ID_HEADER, ACTOR_ID);
    const role = header(headers, ACTOR_ROLE_HEADER, ROLE);
    if (id !== undefined) {
      const lower = id.toLowerCase();
      if (RESERVED_IDS.has(lower) || RESERVED_ID_PREFIXES.some((p) => lower.startsWith(p))) {
        throw badRequest(`${ACTOR_ID_HEADER}: "${id}" is reserved to the engine`);
      }
      if (CITIZEN_ID_SHAPED.test(id.replace(/[_.:\-]/g, ''))) {
        throw badRequest(`${ACTOR_ID_HEADER}: looks like a citizen id or phone number; send a pseudonymous account id`);
      }
    }
    if (role !== undefined && RESERVED_ROLES.has(role.toLowerCase())) {
      throw badRequest(`${ACTOR_ROLE_HEADER}: "${role}" is reserved to the engine`);
    }
    return { id: id ?? UNIDENTIFIED, role: role ?? UNIDENTIFIED, agency };
  }
}

function header(headers: RequestHeaders, name: string, pattern: RegExp): string | undefined {
  const raw = headers[name.toLowerCase()];
  if (raw === undefined) return undefined;
  // Node joins the values of a repeated header with ", ", which no valid value contains.
  if (Array.isArray(raw) || raw.includes(',')) throw badRequest(`${name}: give the header once`);
  const value = raw.trim();
  if (value === '') return undefined;
  if (!pattern.test(value)) throw badRequest(`${name}: ${pattern === ROLE ? 'letters, digits, _ and - only (at most 64)' : 'letters, digits and _ . : - only (at most 128)'}`);
  return value;
}
