import { vnGovCalendar, type WorkingCalendar } from '@motcua/calendar';
import { DocumentCodeSchema, ProcedureSchema, stageMembers, type Procedure } from '@motcua/contracts';
import { checkProcedure, UNIT_ID_PATTERN } from '@motcua/dossier';
import { z } from 'zod';
import { CatalogError } from './catalog-error';
import { entryName } from './entry-name';
import builtIn from './data/procedures.json';
import { builtInUnits, type UnitRegistry } from './units';
import { builtInAgencies, type AgencyRegistry } from './agencies';

export { CatalogError };

/**
 * A catalog entry: a procedure version as ProcedureSchema describes it, with the fields the catalog
 * must always state (a version, whether the post may carry it, the default receiving unit, the
 * field for reports, the fee, the required documents, the online level). Unknown keys are refused,
 * so a misspelt `cutoff` cannot vanish silently.
 */
export const CatalogProcedureSchema = ProcedureSchema.extend({
  version: z.string().min(1).max(32),
  postal: z.boolean(),
  unit: z.string().regex(UNIT_ID_PATTERN, 'a Decision 20/2020 unit identifier: 1–35 characters of 0-9 A-Z .'),
  field: z.string().min(1).max(64),
  /** The fee or charge in VND (0 when free); descriptive: the engine does not collect it. */
  fee: z.number().int().min(0).max(1_000_000_000),
  /** The dossier's required components: their codes are what a refusal's or a supplement request's `missing` names. */
  documents: z
    .array(z.object({ code: DocumentCodeSchema, name: z.string().trim().min(1).max(300) }).strict())
    .min(1)
    .max(50)
    .refine((ds) => new Set(ds.map((d) => d.code)).size === ds.length, 'each document code once'),
  /** The online public service level of Decree 42/2022: FULL (whole process online), PARTIAL (submission online, result in person), NONE. */
  onlineLevel: z.enum(['FULL', 'PARTIAL', 'NONE']),
}).strict();

export type CatalogProcedure = Procedure & z.infer<typeof CatalogProcedureSchema>;

export interface CatalogData {
  catalogVersion: string;
  procedures: readonly unknown[];
}

export interface Catalog {
  /** The version of the catalog data as a whole (each procedure carries its own version too). */
  readonly version: string;
  readonly procedures: readonly CatalogProcedure[];
  /** The procedure's current version, or a given one. */
  find(code: string, version?: string): CatalogProcedure | undefined;
  /** The one-stop units that may receive dossiers; every procedure's default unit is one of them. */
  readonly units: UnitRegistry;
  /** The agencies routes may name; every agency of every route is one of them. */
  readonly agencies: AgencyRegistry;
}

/**
 * Loads and checks a catalog: every entry against CatalogProcedureSchema and the critical-path
 * rule of ONE-STOP.md §4 (checkProcedure), its default unit against the unit registry, every
 * agency of its route against the agency registry, and each code+version at most once. A catalog that breaks a rule is refused as a whole, with the
 * procedure named: better no start than a dossier received under a procedure that cannot be
 * processed in time, by a unit that does not exist, or routed to an agency no account acts for.
 */
export function loadCatalog(
  data: CatalogData = builtIn as CatalogData,
  calendar: Pick<WorkingCalendar, 'workingHours'> = vnGovCalendar(),
  units: UnitRegistry = builtInUnits(),
  agencies: AgencyRegistry = builtInAgencies(),
): Catalog {
  if (!data || typeof data.catalogVersion !== 'string' || !Array.isArray(data.procedures)) {
    throw new CatalogError('catalog data: expected { catalogVersion, procedures: [...] }');
  }
  const procedures: CatalogProcedure[] = [];
  const seen = new Set<string>();
  data.procedures.forEach((raw, index) => {
    const name = entryName(raw, index);
    const parsed = CatalogProcedureSchema.safeParse(raw);
    if (!parsed.success) throw new CatalogError(`catalog procedure ${name}: ${z.prettifyError(parsed.error)}`);
    const p = parsed.data as CatalogProcedure;
    const problems = checkProcedure(p, calendar);
    if (problems.length) throw new CatalogError(`catalog procedure ${name} is refused: ${problems.join('; ')}`);
    if (!units.find(p.unit)) {
      throw new CatalogError(`catalog procedure ${name}: its unit "${p.unit}" is not in the unit registry ${units.version}`);
    }
    for (const stage of p.route) {
      for (const { agency } of stageMembers(stage)) {
        if (!agencies.find(agency)) {
          throw new CatalogError(`catalog procedure ${name}: its route names agency "${agency}", not in the agency registry ${agencies.version}`);
        }
      }
    }
    const key = `${p.code}@${p.version}`;
    if (seen.has(key)) throw new CatalogError(`catalog procedure ${name}: version ${p.version} appears twice`);
    seen.add(key);
    procedures.push(deepFreeze(p));
  });

  // The current version of a code is its last entry in the data (versions are appended).
  const current = new Map<string, CatalogProcedure>();
  for (const p of procedures) current.set(p.code, p);
  return Object.freeze({
    version: data.catalogVersion,
    procedures: Object.freeze([...current.values()]),
    units,
    agencies,
    find: (code: string, version?: string) =>
      version === undefined ? current.get(code) : procedures.find((p) => p.code === code && p.version === version),
  });
}

let loaded: Catalog | undefined;

/** The built-in catalog, loaded (and checked) once. */
export function builtInCatalog(): Catalog {
  loaded ??= loadCatalog();
  return loaded;
}

/** A procedure of the built-in catalog by code (its current version, or the given one). */
export function findProcedure(code: string, version?: string): CatalogProcedure | undefined {
  return builtInCatalog().find(code, version);
}


function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object') {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}
