import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { mayRead, readScope, rolesThatMay, SYSTEM_ACTOR, UNIDENTIFIED, type Actor, type CommandType, type DossierView } from '@motcua/dossier';
import type { Principal } from '../auth/principal';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { ApiError } from '../errors/api-error';
import type { ListScope } from '../dossiers/dossier-list.query';

/**
 * Ids the engine writes itself (timers, the scenario runner's simulated officers): a token
 * claiming them would pass its holder's acts off as the engine's.
 */
const RESERVED_IDS = new Set([SYSTEM_ACTOR.id, UNIDENTIFIED].map((v) => v.toLowerCase()));
const RESERVED_ID_PREFIXES = ['scenario:'];

/** A citizen id (CMND 9 digits, CCCD 12) or a phone number: some identity providers use one as `sub`. */
const CITIZEN_ID_SHAPED = /^\d{9,12}$/;

/**
 * Who acts, from the caller's token (CONTRACTS.md "Identity and access"): the person is the
 * token's subject, the agency is the token's (never the body's: the domain refuses a command
 * that names another), and the role is the first of the token's roles that may give the command
 * (libs/dossier authorization table). What the role may do to this dossier in particular is the
 * domain's to decide (`authorize`, in the workflow's update validator).
 */
@Injectable()
export class ActorResolver {
  private readonly pseudonymKey: Buffer;

  constructor(@Inject(API_CONFIG) config: ApiConfig) {
    this.pseudonymKey = createHmac('sha256', config.applicantRefSecret).update('motcua/actor-id/v1').digest();
  }

  /** The actor of `command` given by `caller`; 403 ACCESS.ROLE_MAY_NOT when none of its roles may give it. */
  actorFor(caller: Principal, command: CommandType): Actor {
    const allowed: readonly string[] = rolesThatMay(command);
    const role = caller.roles.find((r) => allowed.includes(r));
    if (!role) {
      throw new ApiError(403, 'FORBIDDEN', 'ACCESS.ROLE_MAY_NOT', `${command} is for ${allowed.join(', ') || 'the engine'}; this account is ${caller.roles.join(', ') || 'without a role'}`);
    }
    return { id: this.idOf(caller), role, agency: caller.agency };
  }

  /** 403 unless one of the caller's roles may read this dossier (its unit, its route, operations, audit). */
  requireReader(caller: Principal, view: DossierView): void {
    if (!this.readers(caller).some((a) => mayRead(a, view))) {
      throw new ApiError(403, 'FORBIDDEN', 'ACCESS.MAY_NOT_READ', `dossier ${view.code} is not one this account may see`);
    }
  }

  /** What the dossier list shows this caller: the widest of its roles' scopes; null when none. */
  listScope(caller: Principal): ListScope | null {
    const scopes = this.readers(caller).map(readScope);
    const all = scopes.find((s) => s.kind === 'ALL');
    if (all) return { kind: 'ALL' };
    const own = scopes.find((s) => s.kind === 'RECEIVING_UNIT' || s.kind === 'ROUTE_AGENCY');
    return (own as ListScope | undefined) ?? null;
  }

  private readers(caller: Principal): Actor[] {
    const id = this.idOf(caller);
    return caller.roles.map((role) => ({ id, role, agency: caller.agency }));
  }

  /**
   * The token's subject as recorded on events, in Kafka and in the audit log: as given, unless it
   * is personal data (a citizen id used as `sub`), which becomes a keyed pseudonym.
   */
  private idOf(caller: Principal): string {
    const lower = caller.sub.toLowerCase();
    if (RESERVED_IDS.has(lower) || RESERVED_ID_PREFIXES.some((p) => lower.startsWith(p))) {
      throw new ApiError(403, 'FORBIDDEN', 'ACCESS.RESERVED_ID', `the account id "${caller.sub}" is reserved to the engine`);
    }
    if (CITIZEN_ID_SHAPED.test(caller.sub.replace(/[_.:\-]/g, ''))) {
      return 'u_' + createHmac('sha256', this.pseudonymKey).update(caller.sub).digest('hex').slice(0, 24);
    }
    return caller.sub;
  }
}
