import { AgencySchema, type Agency } from '@motcua/contracts';
import { z } from 'zod';
import { CatalogError } from './catalog-error';
import { entryName } from './entry-name';
import builtIn from './data/agencies.json';

/** A registry entry as the data file writes it: unknown keys refused, so a misspelt `identifier` cannot vanish. */
export const RegisteredAgencySchema = AgencySchema.strict();

export interface AgencyRegistryData {
  registryVersion: string;
  agencies: readonly unknown[];
}

export interface AgencyRegistry {
  /** The version of the agency data as a whole: a merger or a new agency is a new version. */
  readonly version: string;
  readonly agencies: readonly Agency[];
  find(code: string): Agency | undefined;
}

/**
 * Loads and checks the agency registry: every entry against the schema, each code and each
 * Decision 20/2020 identifier once. Broken data is refused as a whole, naming the entry: the
 * catalog is checked against it, and accounts are seeded per agency code.
 */
export function loadAgencies(data: AgencyRegistryData = builtIn as AgencyRegistryData): AgencyRegistry {
  if (!data || typeof data.registryVersion !== 'string' || !Array.isArray(data.agencies)) {
    throw new CatalogError('agency registry data: expected { registryVersion, agencies: [...] }');
  }
  const byCode = new Map<string, Agency>();
  const identifiers = new Set<string>();
  data.agencies.forEach((raw, index) => {
    const name = entryName(raw, index);
    const parsed = RegisteredAgencySchema.safeParse(raw);
    if (!parsed.success) throw new CatalogError(`agency ${name}: ${z.prettifyError(parsed.error)}`);
    const agency = parsed.data;
    if (byCode.has(agency.code)) throw new CatalogError(`agency ${name} appears twice`);
    // Two agencies under one identifier would merge in the national system's statistics.
    if (identifiers.has(agency.identifier)) throw new CatalogError(`agency ${name}: identifier ${agency.identifier} is already another agency's`);
    byCode.set(agency.code, Object.freeze(agency));
    identifiers.add(agency.identifier);
  });
  return Object.freeze({
    version: data.registryVersion,
    agencies: Object.freeze([...byCode.values()]),
    find: (code: string) => byCode.get(code),
  });
}

let loaded: AgencyRegistry | undefined;

/** The built-in agency registry, loaded (and checked) once. */
export function builtInAgencies(): AgencyRegistry {
  loaded ??= loadAgencies();
  return loaded;
}

