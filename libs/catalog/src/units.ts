import { isSimulationUnit, OneStopUnitSchema, SIMULATION_UNIT_PREFIX, type OneStopUnit } from '@motcua/contracts';
import { z } from 'zod';
import { CatalogError } from './catalog-error';
import { entryName } from './entry-name';
import builtIn from './data/units.json';

/** A registry entry as the data file writes it: unknown keys refused, so a misspelt `branchOf` cannot vanish. */
export const RegisteredUnitSchema = OneStopUnitSchema.strict();

export interface UnitRegistryData {
  registryVersion: string;
  units: readonly unknown[];
}

export interface UnitRegistry {
  /** The version of the unit data as a whole: a reorganisation is a new version. */
  readonly version: string;
  readonly units: readonly OneStopUnit[];
  find(id: string): OneStopUnit | undefined;
}

/**
 * Loads and checks the registry of one-stop units: every entry against the schema (Decision
 * 20/2020 identifier, name, level), each identifier once, none in the simulation range, and a
 * branch only of a provincial centre. Broken data is refused as a whole, naming the entry: a
 * dossier code starts with its unit, so an unknown or duplicated unit would outlive the fix.
 */
export function loadUnits(data: UnitRegistryData = builtIn as UnitRegistryData): UnitRegistry {
  if (!data || typeof data.registryVersion !== 'string' || !Array.isArray(data.units)) {
    throw new CatalogError('unit registry data: expected { registryVersion, units: [...] }');
  }
  const byId = new Map<string, OneStopUnit>();
  data.units.forEach((raw, index) => {
    const name = entryName(raw, index, 'id');
    const parsed = RegisteredUnitSchema.safeParse(raw);
    if (!parsed.success) throw new CatalogError(`unit ${name}: ${z.prettifyError(parsed.error)}`);
    const unit = parsed.data;
    if (isSimulationUnit(unit.id)) throw new CatalogError(`unit ${name}: the prefix ${SIMULATION_UNIT_PREFIX} is reserved for simulated dossiers`);
    if (byId.has(unit.id)) throw new CatalogError(`unit ${name} appears twice`);
    byId.set(unit.id, Object.freeze(unit));
  });
  for (const unit of byId.values()) {
    if (unit.branchOf === undefined) continue;
    const centre = byId.get(unit.branchOf);
    // Decree 118/2025 gives branches to the provincial centre only; a commune unit has none.
    if (!centre || centre.level !== 'PROVINCE' || centre.branchOf !== undefined || unit.level !== 'PROVINCE') {
      throw new CatalogError(`unit "${unit.id}": a branch must be a PROVINCE unit of a registered provincial centre, not of "${unit.branchOf}"`);
    }
  }
  return Object.freeze({
    version: data.registryVersion,
    units: Object.freeze([...byId.values()]),
    find: (id: string) => byId.get(id),
  });
}

let loaded: UnitRegistry | undefined;

/** The built-in unit registry, loaded (and checked) once. */
export function builtInUnits(): UnitRegistry {
  loaded ??= loadUnits();
  return loaded;
}

