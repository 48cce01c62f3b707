import { sql, type RawBuilder } from 'kysely';
import type { ListScope } from '../dossiers/dossier-list.query';

/**
 * The dossiers (rm_dossiers as `d`) a reader may see, as the breach board and the dossier list
 * scope them: a one-stop unit its own, an agency those on its route, operations and audit all.
 */
export function dossierInScope(scope: ListScope): RawBuilder<boolean> {
  if (scope.kind === 'RECEIVING_UNIT') return sql<boolean>`d.unit = ${scope.unit}`;
  if (scope.kind === 'ROUTE_AGENCY') return sql<boolean>`exists (select 1 from rm_stage_members m where m.code = d.code and m.agency = ${scope.agency})`;
  return sql<boolean>`true`;
}
