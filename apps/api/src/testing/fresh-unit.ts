import { randomBytes } from 'node:crypto';
import { builtInUnits, loadCatalog, loadUnits } from '@motcua/catalog';
import type { Principal } from '../auth/principal';
import { people } from './test-tokens';

/**
 * A one-stop unit of a random identifier, the catalog that knows it and an officer of it: the
 * dossiers an integration run registers there get codes of their own, so a re-run against the same
 * Temporal server starts from fresh workflows.
 */
export function freshUnit(suffix: string, name: string) {
  const id = randomBytes(4).toString('hex').toUpperCase();
  const unit = `${id.slice(0, 3)}.${id.slice(3, 5)}.${id.slice(5, 7)}.${suffix}`;
  const catalog = loadCatalog(undefined, undefined, loadUnits({ registryVersion: 'it', units: [...builtInUnits().units, { id: unit, name, level: 'PROVINCE' }] }));
  const officer: Principal = { ...people.oneStop(unit), sub: 'it-officer' };
  return { id, unit, catalog, officer };
}
