import { builtInCatalog } from '@motcua/catalog';
import { stageMembers, type RouteStage } from '@motcua/contracts';

/**
 * The seeded accounts of the local identity provider, derived from the catalog: a one-stop officer
 * for every unit of the registry, an officer and a head for every agency a procedure routes to, and
 * one account for each role that is bound to no agency. Pure: the provider, the token command and
 * the README's table all read this one list, so they cannot disagree.
 *
 * Local demo accounts only: the password of every account is its username (`ops` / `ops`), and the
 * provider that holds them listens on 127.0.0.1 alone. Production uses the province's own IdP.
 */

/** The roles of docs/contracts.md "Identity and access", in the order the README lists them. */
export const ROLES = ['ONE_STOP_OFFICER', 'AGENCY_OFFICER', 'AGENCY_HEAD', 'PORTAL', 'OPERATIONS', 'AUDITOR', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that act for one unit (one-stop officers) or one agency: their token's `agency` says which. */
export const BOUND_ROLES: ReadonlySet<Role> = new Set<Role>(['ONE_STOP_OFFICER', 'AGENCY_OFFICER', 'AGENCY_HEAD']);

export interface SeededAccount {
  /** Also the subject (`sub`) of its tokens: stable, pseudonymous, never a citizen id. */
  readonly username: string;
  readonly password: string;
  readonly role: Role;
  /** The unit identifier (ONE_STOP_OFFICER) or agency code (AGENCY_*); absent for the other roles. */
  readonly agency?: string;
  readonly name: string;
}

/** What the derivation reads from the catalog: the unit registry and the procedures' routes. */
export interface SeedSource {
  readonly units: readonly { readonly id: string; readonly name: string }[];
  readonly procedures: readonly { readonly route: readonly RouteStage[] }[];
  /** The agency registry, for the accounts' display names; an agency it lacks is named by its code. */
  readonly agencies?: readonly { readonly code: string; readonly name: string }[];
}

/** Every agency some procedure routes to, each once, sorted (so the list does not move when procedures are reordered). */
export function routedAgencies(procedures: SeedSource['procedures']): string[] {
  const agencies = new Set<string>();
  for (const p of procedures) for (const stage of p.route) for (const m of stageMembers(stage)) agencies.add(m.agency);
  return [...agencies].sort();
}

/**
 * The accounts for a catalog: units in registry order, then agencies in code order, then the
 * unbound roles. Usernames are the role's prefix and the lower-cased unit or agency code
 * (`mc.` một cửa, `cb.` cán bộ, `ld.` lãnh đạo), so two codes differing only in case would
 * collide: that is refused rather than one account silently shadowing the other.
 */
export function seedAccounts(source: SeedSource): SeededAccount[] {
  const accounts: SeededAccount[] = [];
  const add = (username: string, role: Role, name: string, agency?: string) =>
    accounts.push(Object.freeze({ username, password: username, role, name, ...(agency === undefined ? {} : { agency }) }));
  for (const unit of source.units) add(`mc.${unit.id.toLowerCase()}`, 'ONE_STOP_OFFICER', `Cán bộ một cửa, ${unit.name}`, unit.id);
  const agencyName = new Map((source.agencies ?? []).map((a) => [a.code, a.name]));
  for (const agency of routedAgencies(source.procedures)) {
    const name = agencyName.get(agency) ?? agency;
    add(`cb.${agency.toLowerCase()}`, 'AGENCY_OFFICER', `Cán bộ xử lý, ${name}`, agency);
    add(`ld.${agency.toLowerCase()}`, 'AGENCY_HEAD', `Lãnh đạo, ${name}`, agency);
  }
  add('portal', 'PORTAL', 'Cổng Dịch vụ công (tài khoản dịch vụ)');
  add('ops', 'OPERATIONS', 'Vận hành hệ thống');
  add('auditor', 'AUDITOR', 'Kiểm tra, giám sát');
  add('admin', 'ADMIN', 'Quản trị hệ thống');

  const seen = new Set<string>();
  for (const a of accounts) {
    if (seen.has(a.username)) throw new Error(`two seeded accounts would be named "${a.username}" (codes that differ only in case?)`);
    seen.add(a.username);
  }
  return accounts;
}

let builtIn: readonly SeededAccount[] | undefined;

/** The accounts of the built-in catalog (current procedure versions and the unit registry). */
export function builtInAccounts(): readonly SeededAccount[] {
  if (!builtIn) {
    const catalog = builtInCatalog();
    builtIn = Object.freeze(seedAccounts({ units: catalog.units.units, procedures: catalog.procedures, agencies: catalog.agencies.agencies }));
  }
  return builtIn;
}

export type Selection = { ok: true; account: SeededAccount } | { ok: false; error: string };

/**
 * The one seeded account for a role (and, for a bound role, its unit or agency). Agency codes
 * match exactly, or else ignoring case (usernames are lower case, and a user may type either).
 * Errors name the choices, so the user can pick one without opening the README.
 */
export function selectAccount(accounts: readonly SeededAccount[], role: string, agency?: string): Selection {
  if (!(ROLES as readonly string[]).includes(role)) {
    return { ok: false, error: `unknown role "${role}": one of ${ROLES.join(', ')}` };
  }
  const candidates = accounts.filter((a) => a.role === role);
  const choices = candidates.map((a) => a.agency).join(', ');
  if (!BOUND_ROLES.has(role as Role)) {
    if (agency !== undefined) return { ok: false, error: `role ${role} acts for no unit or agency: leave out --agency` };
    if (candidates.length !== 1) return { ok: false, error: `no single seeded ${role} account (found ${candidates.length})` };
    return { ok: true, account: candidates[0] };
  }
  if (agency === undefined) {
    if (candidates.length === 1) return { ok: true, account: candidates[0] };
    return { ok: false, error: `role ${role} acts for one ${unitOrAgency(role)}: give --agency, one of ${choices}` };
  }
  const found =
    candidates.find((a) => a.agency === agency) ?? candidates.find((a) => a.agency!.toLowerCase() === agency.toLowerCase());
  if (!found) return { ok: false, error: `no seeded ${role} account for "${agency}": --agency is one of ${choices}` };
  return { ok: true, account: found };
}

function unitOrAgency(role: string): string {
  return role === 'ONE_STOP_OFFICER' ? 'one-stop unit' : 'agency';
}

/** The README's table of seeded accounts (Markdown), one row per account in derivation order. */
export function accountsTable(accounts: readonly SeededAccount[]): string {
  const rows = accounts.map((a) => `| \`${a.username}\` | \`${a.password}\` | ${a.role} | ${a.agency === undefined ? '—' : `\`${a.agency}\``} |`);
  return ['| username | password | role | unit or agency |', '|---|---|---|---|', ...rows].join('\n');
}
