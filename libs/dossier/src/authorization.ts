import type { DossierView } from '@motcua/contracts';
import type { Actor } from './actor';
import type { CommandType, DossierCommand } from './commands';
import { refusal, type Refusal } from './rules';
import type { DossierState } from './state';

/**
 * Who may give which command to which dossier: one table of role × command × relation to the
 * dossier, and `authorize`, pure, beside `decide`. Authorization is about who the actor is; where
 * the dossier is now (which agency holds the current stage, which status allows the command) stays
 * with `decide` and its state rules, so an agency of the route that does not hold the current stage
 * is refused by ROUTE.AGENCY_DOES_NOT_HOLD (409), a stranger to the route by ACCESS.NOT_ON_ROUTE
 * (403). The client's role table is CONTRACTS.md "Identity and access"; docs/rules.md
 * "Authorization" is this table in prose.
 */

/**
 * One acting role per actor (a token may carry several: the API picks the one `rolesThatMay` names
 * for the command). SYSTEM is the engine's own timers and POSTAL_OPERATOR the postal partner;
 * neither is a role a person's token carries.
 */
export const ROLES = [
  'ONE_STOP_OFFICER',
  'AGENCY_OFFICER',
  'AGENCY_HEAD',
  'PORTAL',
  'POSTAL_OPERATOR',
  'OPERATIONS',
  'AUDITOR',
  'ADMIN',
  'SYSTEM',
] as const;
export type Role = (typeof ROLES)[number];

export function isRole(role: string): role is Role {
  return (ROLES as readonly string[]).includes(role);
}

/**
 * How the actor must stand to the dossier for its role to give a command:
 * - RECEIVING_UNIT: the actor's agency is the dossier's receiving unit (for `register`, the unit it
 *   is registered under);
 * - ROUTE_AGENCY: the actor's agency is on the dossier's route (and is the agency the command names:
 *   ACCESS.AGENCY_MISMATCH otherwise); whether it holds the current stage is decide's question;
 * - CONSULTED_AGENCY: the actor's agency was consulted on the dossier (and is the agency the command
 *   names); whether its consultation is still open is decide's question;
 * - ONLINE: the command is for the ONLINE channel;
 * - ANY: no relation (the postal partner reports on whatever it carries; the portal registers for
 *   any unit).
 */
export type Relation = 'RECEIVING_UNIT' | 'ROUTE_AGENCY' | 'CONSULTED_AGENCY' | 'ONLINE' | 'ANY';

type Grants = Readonly<Partial<Record<CommandType, Relation>>>;

/**
 * The table. A role not listed for a command may not give it (ACCESS.ROLE_MAY_NOT).
 *
 * `requestPickup` is the one-stop officer's of the receiving unit only: it makes the dossier a
 * POSTAL one, and the portal's right is to ONLINE dossiers. The portal may register for any unit
 * because `register` does not carry the channel: its ONLINE-only right is checked on the command
 * that fixes the channel (`submit`, ONLINE only), and it may not `requestPickup`, so a dossier the
 * portal registers can only be opened ONLINE. (The API opens a dossier with `register` and its
 * first command together; it checks both before it starts the workflow.)
 */
export const MAY = {
  ONE_STOP_OFFICER: {
    register: 'RECEIVING_UNIT',
    requestPickup: 'RECEIVING_UNIT',
    submit: 'RECEIVING_UNIT',
    requestIntakeSupplement: 'RECEIVING_UNIT',
    refuseIntake: 'RECEIVING_UNIT',
    accept: 'RECEIVING_UNIT',
    supplement: 'RECEIVING_UNIT',
    withdraw: 'RECEIVING_UNIT',
    return: 'RECEIVING_UNIT',
    // The applicant's rating, given at the counter.
    rate: 'RECEIVING_UNIT',
  },
  AGENCY_OFFICER: {
    appraise: 'ROUTE_AGENCY',
    complete: 'ROUTE_AGENCY',
    requestSupplement: 'ROUTE_AGENCY',
    reject: 'ROUTE_AGENCY',
    stop: 'ROUTE_AGENCY',
    consult: 'ROUTE_AGENCY',
    answerConsultation: 'CONSULTED_AGENCY',
  },
  AGENCY_HEAD: {
    complete: 'ROUTE_AGENCY',
    requestSupplement: 'ROUTE_AGENCY',
    reject: 'ROUTE_AGENCY',
    stop: 'ROUTE_AGENCY',
    consult: 'ROUTE_AGENCY',
    answerConsultation: 'CONSULTED_AGENCY',
    // Form 04 is signed by the head of the agency that is late [Decree 61/2018 Art. 19(8)].
    apologize: 'ROUTE_AGENCY',
    // Its head assigns an officer, a leader approves [ONE-STOP.md §1, §3 step 4].
    assign: 'ROUTE_AGENCY',
    appraise: 'ROUTE_AGENCY',
    approve: 'ROUTE_AGENCY',
  },
  PORTAL: {
    register: 'ANY',
    submit: 'ONLINE',
    // The applicant's rating, given on the portal with the dossier's code, whatever the channel.
    rate: 'ANY',
  },
  POSTAL_OPERATOR: {
    postalPickedUp: 'ANY',
    postalHandover: 'ANY',
    postalDeliveryFailed: 'ANY',
    postalDelivered: 'ANY',
    postalReturnedToSender: 'ANY',
  },
  OPERATIONS: {},
  AUDITOR: {},
  // The catalog and the registry of units and agencies: no dossier command.
  ADMIN: {},
  // Timers raise alerts through the dossier's clock, not through commands.
  SYSTEM: {},
} as const satisfies Record<Role, Grants>;

/** Commands only the engine gives itself, that no role's row may grant: the postal operator's answers to its orders. */
export const ENGINE_ONLY = ['postalOrderPlaced', 'postalOrderRefused', 'postalOrderCancelled'] as const satisfies readonly CommandType[];

// Compile-time exhaustiveness: `satisfies Record<Role, …>` above lists every role; this fails to
// compile, naming the command, when a command type is granted to no role and is not engine-only
// (a new command must be given to someone, or declared the engine's, before it can ship).
type Granted = { [R in Role]: keyof (typeof MAY)[R] }[Role];
type Ungranted = Exclude<CommandType, Granted | (typeof ENGINE_ONLY)[number]>;
const _everyCommandIsGranted: [Ungranted] extends [never] ? true : `no role may give: ${Ungranted}` = true;

const TABLE: Record<Role, Grants> = MAY;

/** The roles that may give a command to some dossier: the API chooses a token's acting role with it, before it reads the dossier. */
export function rolesThatMay(type: CommandType): Role[] {
  return ROLES.filter((r) => TABLE[r][type] !== undefined);
}

/** The relation a role needs to give a command, or undefined when the role may not give it at all. */
export function relationFor(role: string, type: CommandType): Relation | undefined {
  return isRole(role) ? TABLE[role][type] : undefined;
}

/**
 * May `actor` give `command` to the dossier in `state`? null, or the FORBIDDEN refusal naming the
 * rule. In order: a command that names an agency other than the actor's (the agency comes from the
 * token, never from the body), a role that may not give the command, then the relation the table
 * asks for. A dossier not yet registered has no unit and no route, so no one stands in a relation
 * to it and only `register` can be authorized.
 *
 * Run by `Dossier.check` before `decide`, never by `Dossier.execute` (see there why).
 */
export function authorize(actor: Actor, command: DossierCommand, state: DossierState): Refusal | null {
  if ('agency' in command && command.agency !== actor.agency) {
    return refusal(
      'ACCESS.AGENCY_MISMATCH',
      `${command.type} names agency ${command.agency}, but the actor acts for ${actor.agency ?? 'no agency'}`,
    );
  }
  const relation = relationFor(actor.role, command.type);
  if (relation === undefined) {
    const may = rolesThatMay(command.type);
    return refusal(
      'ACCESS.ROLE_MAY_NOT',
      `role ${actor.role} may not ${command.type}${may.length ? ` (it is for: ${may.join(', ')})` : ''}`,
    );
  }
  switch (relation) {
    case 'ANY':
      return null;
    case 'ONLINE':
      return 'channel' in command && command.channel === 'ONLINE'
        ? null
        : refusal('ACCESS.ONLINE_ONLY', `role ${actor.role} may ${command.type} only for the ONLINE channel`);
    case 'RECEIVING_UNIT': {
      const unit = command.type === 'register' ? command.unit : state.unit;
      return unit !== null && actor.agency === unit
        ? null
        : refusal(
            'ACCESS.NOT_THE_RECEIVING_UNIT',
            `${command.type}: ${unit === null ? 'the dossier is not registered' : `the dossier's receiving unit is ${unit}`}; the actor acts for ${actor.agency ?? 'no unit'}`,
          );
    }
    case 'ROUTE_AGENCY':
      return actor.agency !== null && state.members.some((m) => m.agency === actor.agency)
        ? null
        : refusal(
            'ACCESS.NOT_ON_ROUTE',
            `${command.type}: ${actor.agency ?? 'no agency'} is not on the route of dossier ${state.code ?? '(not registered)'}`,
          );
    case 'CONSULTED_AGENCY':
      return actor.agency !== null && state.consultations.some((c) => c.to === actor.agency)
        ? null
        : refusal('ACCESS.NOT_CONSULTED', `${command.type}: ${actor.agency ?? 'no agency'} was not consulted on dossier ${state.code ?? '(not registered)'}`);
  }
}

/**
 * Reads are scoped too: a dossier and its events are visible to its receiving unit's one-stop
 * officers, the officers and heads of the agencies on its route (all of its stages, past and to
 * come, not only the holders) and of the agencies consulted on it, operations and auditors. The portal, the post, the admin and the
 * engine read no dossier through this.
 */
export type ReadScope =
  | { readonly kind: 'ALL' }
  | { readonly kind: 'RECEIVING_UNIT'; readonly unit: string }
  | { readonly kind: 'ROUTE_AGENCY'; readonly agency: string }
  | { readonly kind: 'NONE' };

const READS: Record<Role, ReadScope['kind']> = {
  ONE_STOP_OFFICER: 'RECEIVING_UNIT',
  AGENCY_OFFICER: 'ROUTE_AGENCY',
  AGENCY_HEAD: 'ROUTE_AGENCY',
  OPERATIONS: 'ALL',
  AUDITOR: 'ALL',
  PORTAL: 'NONE',
  POSTAL_OPERATOR: 'NONE',
  ADMIN: 'NONE',
  SYSTEM: 'NONE',
};

/** What `actor` may read, as a filter: the dossier list is this scope (unit = …, route includes …, all, nothing). */
export function readScope(actor: Actor): ReadScope {
  const kind = isRole(actor.role) ? READS[actor.role] : 'NONE';
  if (kind === 'ALL') return { kind };
  if (kind === 'RECEIVING_UNIT' && actor.agency !== null) return { kind, unit: actor.agency };
  if (kind === 'ROUTE_AGENCY' && actor.agency !== null) return { kind, agency: actor.agency };
  return { kind: 'NONE' };
}

/**
 * The statutory reports (Form II.06a, Decision 766, Circular 01/2018) count every agency's
 * dossiers: CONTRACTS "Identity and access" gives them to operations, and to auditors as
 * operations; no agency role reads them, not even for its own agency.
 */
const READS_REPORTS: Record<Role, boolean> = {
  ONE_STOP_OFFICER: false,
  AGENCY_OFFICER: false,
  AGENCY_HEAD: false,
  OPERATIONS: true,
  AUDITOR: true,
  PORTAL: false,
  POSTAL_OPERATOR: false,
  ADMIN: false,
  SYSTEM: false,
};

/** The roles that may read the statutory reports. */
export const REPORT_READERS: readonly Role[] = ROLES.filter((r) => READS_REPORTS[r]);

export function mayReadReports(role: string): boolean {
  return isRole(role) && READS_REPORTS[role];
}

/** May `actor` read this dossier and its events? From the state or from its view (which lists every stage's agency). */
export function mayRead(actor: Actor, dossier: DossierState | DossierView): boolean {
  const scope = readScope(actor);
  switch (scope.kind) {
    case 'ALL':
      return true;
    case 'NONE':
      return false;
    case 'RECEIVING_UNIT':
      return dossier.unit === scope.unit;
    case 'ROUTE_AGENCY':
      return routeAgencies(dossier).includes(scope.agency);
  }
}

/** The agencies of the route, and those consulted on the dossier (they read what they are asked about). */
function routeAgencies(d: DossierState | DossierView): string[] {
  const route = 'members' in d ? d.members.map((m) => m.agency) : d.stages.map((s) => s.agency);
  // Views of dossiers from before consultations existed may lack the field.
  return [...route, ...(d.consultations ?? []).map((c) => c.to)];
}

/**
 * The actor the table asks for, for a command given on a dossier of `unit`: what the scenario
 * runner (and its twin through the domain, the scenario harness) acts as, so that simulated
 * dossiers pass authorization as real ones must. One-stop actions: a one-stop officer of the unit;
 * an agency's actions: an officer of the agency the command names, its head for an apology, an
 * assignment or an approval; the
 * post's reports: the postal operator; an ONLINE submission: the portal.
 */
export function requiredActor(id: string, command: { type: CommandType; agency?: unknown; channel?: unknown }, unit: string): Actor {
  const agency = typeof command.agency === 'string' ? command.agency : null;
  if (command.type === 'apologize' || command.type === 'assign' || command.type === 'approve') return { id, role: 'AGENCY_HEAD', agency };
  if (relationFor('AGENCY_OFFICER', command.type)) return { id, role: 'AGENCY_OFFICER', agency };
  if (relationFor('POSTAL_OPERATOR', command.type)) return { id, role: 'POSTAL_OPERATOR', agency: POSTAL_PARTNER };
  if (command.type === 'submit' && command.channel === 'ONLINE') return { id, role: 'PORTAL', agency: null };
  return { id, role: 'ONE_STOP_OFFICER', agency: unit };
}

/** The public postal operator (Vietnam Post), the agency its reports are given for. */
export const POSTAL_PARTNER = 'VNPOST';
