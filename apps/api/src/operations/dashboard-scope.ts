import { sql, type RawBuilder } from 'kysely';
import type { ActorResolver } from '../actor/actor-resolver';
import type { Principal } from '../auth/principal';
import type { ListScope } from '../dossiers/dossier-list.query';
import { ApiError } from '../errors/api-error';

/** What the caller may see on the dashboard, as the dossier list; 403 ACCESS.MAY_NOT_READ for a reader of no dossier. */
export function dashboardScope(actors: ActorResolver, caller: Principal): ListScope {
  const scope = actors.listScope(caller);
  if (!scope) throw new ApiError(403, 'FORBIDDEN', 'ACCESS.MAY_NOT_READ', 'the dashboard shows dossiers this account may read; it may read none');
  return scope;
}

/**
 * The dossiers (rm_dossiers as `d`) a reader may see, as the breach board and the dossier list
 * scope them: a one-stop unit its own, an agency those on its route, operations and audit all.
 */
export function dossierInScope(scope: ListScope): RawBuilder<boolean> {
  if (scope.kind === 'RECEIVING_UNIT') return sql<boolean>`d.unit = ${scope.unit}`;
  if (scope.kind === 'ROUTE_AGENCY') return sql<boolean>`exists (select 1 from rm_stage_members m where m.code = d.code and m.agency = ${scope.agency})`;
  return sql<boolean>`true`;
}
