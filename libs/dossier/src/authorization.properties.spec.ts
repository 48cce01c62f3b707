/**
 * Authorization over random actors, commands and reachable states (fast-check): the dossiers are
 * built by running random sequences of commands through `Dossier` (each given by the actor the
 * table asks for; `check` first, as the workflow's validator does), so every state is one a real
 * dossier can be in. Bounded and seeded: the same cases on every run, in a few seconds, and a
 * failure prints a counterexample that reproduces.
 */
import fc from 'fast-check';
import { calendarFor } from '@motcua/calendar';
import { stageMembers, type RouteStage, type TimeLimit } from '@motcua/contracts';
import type { Actor } from './actor';
import { authorize, MAY, mayRead, requiredActor, rolesThatMay, ROLES, type Relation, type Role } from './authorization';
import type { CommandType } from './commands';
import { decide } from './decide';
import { Dossier } from './dossier';
import { isRefusal } from './rules';
import type { DossierState } from './state';
import { AGENCY_COMMANDS, at, COMMAND_TYPES, commandOf, procedure, UNIT, VN_GOV } from './testing/commands';
import { toView } from './view';

const RUNS = { numRuns: 300, seed: 20260302 };
const WD = (amount: number): TimeLimit => ({ amount, unit: 'WORKING_DAYS' });
const OTHER_UNIT = '000.00.00.H26';
const STRANGER = 'X';

/** Routes of every shape: one agency, a parallel group between two stages, an agency in two stages; with and without the post. */
const PROCEDURES = [
  procedure([{ agency: 'A', allotted: WD(2) }], { timeLimit: WD(3) }),
  procedure(
    [
      { agency: 'A', allotted: WD(1) },
      { parallel: [{ agency: 'B', allotted: WD(1) }, { agency: 'C', allotted: WD(2) }] },
      { agency: 'D', allotted: WD(1) },
    ],
    { timeLimit: WD(5), supplementsAllowed: 2 },
  ),
  procedure(
    [
      { agency: 'L', allotted: WD(2) },
      { agency: 'T', allotted: WD(1) },
      { agency: 'L', allotted: WD(3) },
    ],
    { timeLimit: WD(6), postal: false },
  ),
];
const routeOf = (route: readonly RouteStage[]): string[] => route.flatMap((s) => stageMembers(s).map((m) => m.agency));

/** The commands a walk tries, weighted towards progress so that walks reach stages, results, returns and deliveries. */
const WALK: readonly CommandType[] = [
  ...COMMAND_TYPES.filter((t) => t !== 'register'),
  ...(['submit', 'accept', 'accept', 'complete', 'complete', 'complete', 'complete', 'complete', 'return', 'return', 'postalDeliveryFailed'] as const),
];

const ENDINGS: readonly CommandType[] = ['withdraw', 'refuseIntake', 'reject', 'stop'];

const step = fc.record({
  /** Which of the commands the dossier takes at this step is given. */
  pick: fc.nat(),
  /** One step in eight may end the dossier early (withdraw, refuse, reject, stop): otherwise most walks would end there. */
  mayEnd: fc.nat(7).map((n) => n === 0),
  member: fc.nat(9),
  channel: fc.constantFrom('COUNTER', 'ONLINE', 'POSTAL'),
  gapMinutes: fc.constantFrom(5, 30, 240, 24 * 60, 3 * 24 * 60),
  apologyDays: fc.integer({ min: 1, max: 8 }),
});

/**
 * A reachable dossier: registered, then a random walk of valid commands, each given by the actor
 * the table asks for: every step gives one of the WALK commands the dossier takes at that moment
 * (`check`, then `execute`, as the workflow does); a walk ends early at a dead end.
 */
const reachable = fc
  .record({ procedure: fc.nat(PROCEDURES.length - 1), steps: fc.array(step, { maxLength: 30 }) })
  .map(({ procedure: p, steps }) => {
    const d = new Dossier(calendarFor);
    const registration = commandOf('register', requiredActor('walk', { type: 'register' }, UNIT), at('2026-03-02 08:30'), { procedure: PROCEDURES[p] });
    const registered = d.check(registration) ?? d.execute(registration);
    if (isRefusal(registered)) throw new Error(registered.message);
    const route = routeOf(PROCEDURES[p].route);
    let t = at('2026-03-02 08:30');
    for (const s of steps) {
      t += s.gapMinutes * 60_000;
      d.raiseDueAlerts(t - 1);
      const fields = {
        agency: route[s.member % route.length],
        channel: s.channel,
        newAppointment: `${VN_GOV.localDate(t + s.apologyDays * 86_400_000)}T16:00:00+07:00`,
      };
      const valid = WALK.filter((type) => s.mayEnd || !ENDINGS.includes(type))
        // Consultations go to CONSULTED, an agency off the route, which answers them.
        .map((type) => ({ type, f: type === 'answerConsultation' ? { ...fields, agency: 'CONSULTED' } : fields }))
        .map(({ type, f }) => commandOf(type, requiredActor('walk', { type, ...f }, UNIT), t, f))
        .filter((c) => d.check(c) === null);
      if (valid.length === 0) break;
      d.execute(valid[s.pick % valid.length]);
    }
    return d;
  });

/** Who an actor is relative to a dossier: its role (some outside the table) and its agency. */
const actorSpec = fc.record({
  role: fc.constantFrom<string>(...ROLES, 'APPLICANT', 'unidentified'),
  agency: fc.constantFrom('unit', 'route', 'stranger', 'otherUnit', 'post', 'none'),
  member: fc.nat(9),
});
type ActorSpec = typeof actorSpec extends fc.Arbitrary<infer T> ? T : never;

function agencyFor(kind: string, member: number, s: DossierState): string | null {
  const route = s.members.map((m) => m.agency);
  switch (kind) {
    case 'unit':
      return s.unit;
    case 'route':
      return route[member % route.length];
    case 'stranger':
      return STRANGER;
    case 'otherUnit':
      return OTHER_UNIT;
    case 'post':
      return 'VNPOST';
    default:
      return null;
  }
}
const actorOf = (a: ActorSpec, s: DossierState): Actor => ({ id: 'someone', role: a.role, agency: agencyFor(a.agency, a.member, s) });

/** A command of any type, naming any agency, for either channel, at a time after the dossier's last event. */
const commandSpec = fc.record({
  type: fc.constantFrom(...COMMAND_TYPES),
  agency: fc.constantFrom('unit', 'route', 'stranger', 'none'),
  member: fc.nat(9),
  channel: fc.constantFrom('COUNTER', 'ONLINE', 'POSTAL'),
  registerFor: fc.constantFrom(UNIT, OTHER_UNIT),
});
type CommandSpec = typeof commandSpec extends fc.Arbitrary<infer T> ? T : never;

function commandFor(c: CommandSpec, by: Actor, s: DossierState) {
  const named = agencyFor(c.agency, c.member, s) ?? 'A';
  return commandOf(c.type, by, (s.lastEventAt ?? at('2026-03-02 08:30')) + 60_000, {
    agency: named,
    channel: c.channel,
    unit: c.registerFor,
    procedure: PROCEDURES[1],
  });
}

/** The client's table, read independently of authorize: the route from the procedure, not from the state's members. */
function tableAllows(actor: Actor, command: ReturnType<typeof commandFor>, s: DossierState): boolean {
  if ('agency' in command && command.agency !== actor.agency) return false;
  if (!Object.prototype.hasOwnProperty.call(MAY, actor.role)) return false;
  const relation = (MAY as Record<string, Partial<Record<CommandType, Relation>>>)[actor.role][command.type];
  if (relation === undefined) return false;
  switch (relation) {
    case 'ANY':
      return true;
    case 'ONLINE':
      return command.type === 'submit' && command.channel === 'ONLINE';
    case 'RECEIVING_UNIT':
      return actor.agency !== null && actor.agency === (command.type === 'register' ? command.unit : s.unit);
    case 'ROUTE_AGENCY':
      return s.procedure !== null && actor.agency !== null && routeOf(s.procedure.route).includes(actor.agency);
    case 'CONSULTED_AGENCY':
      return actor.agency !== null && s.consultations.some((x) => x.to === actor.agency);
  }
}

describe('authorization over random actors, commands and reachable states', () => {
  it('the random walks reach every kind of state (so the properties below range over them)', () => {
    const statuses = new Set(fc.sample(reachable, RUNS).map((d) => d.state.status));
    for (const status of ['NEW', 'PICKUP_REQUESTED', 'SUBMITTED', 'INTAKE_SUPPLEMENT', 'IN_PROCESSING', 'SUPPLEMENT_PENDING', 'RESULT_READY', 'RETURNED', 'OUT_FOR_DELIVERY']) {
      expect([status, statuses.has(status as never)]).toEqual([status, true]);
    }
    expect(statuses.size).toBeGreaterThanOrEqual(12);
  });

  it('(a) authorize never refuses an actor the table allows, and refuses every other with FORBIDDEN', () => {
    fc.assert(
      fc.property(reachable, actorSpec, commandSpec, (d, a, c) => {
        const s = c.type === 'register' ? new Dossier(calendarFor).state : d.state;
        const actor = actorOf(a, d.state);
        const command = commandFor(c, actor, d.state);
        const r = authorize(actor, command, s);
        expect(r === null).toBe(tableAllows(actor, command, s));
        if (r) expect(r.kind).toBe('FORBIDDEN');
      }),
      RUNS,
    );
  });

  it('(a) every role that may give a command is authorized when it stands as the table asks', () => {
    fc.assert(
      fc.property(reachable, commandSpec, fc.nat(9), fc.constantFrom<string | null>(UNIT, STRANGER, null), (d, c, member, anyAgency) => {
        const route = d.state.members.map((m) => m.agency);
        for (const role of rolesThatMay(c.type)) {
          const relation = (MAY[role] as Partial<Record<CommandType, Relation>>)[c.type]!;
          const consulted = d.state.consultations.map((x) => x.to);
          if (relation === 'CONSULTED_AGENCY' && consulted.length === 0) continue; // nobody stands so
          const agency =
            relation === 'RECEIVING_UNIT'
              ? c.type === 'register'
                ? c.registerFor
                : d.state.unit
              : relation === 'ROUTE_AGENCY'
                ? route[member % route.length]
                : relation === 'CONSULTED_AGENCY'
                  ? consulted[member % consulted.length]
                  : anyAgency;
          const actor: Actor = { id: 'someone', role, agency };
          const command = commandOf(c.type, actor, d.state.lastEventAt! + 60_000, { agency: agency ?? 'A', channel: relation === 'ONLINE' ? 'ONLINE' : c.channel, unit: c.registerFor });
          expect([role, c.type, authorize(actor, command, c.type === 'register' ? new Dossier(calendarFor).state : d.state)]).toEqual([role, c.type, null]);
        }
      }),
      RUNS,
    );
  });

  it('(b) a FORBIDDEN refusal changes nothing, and stops commands the state alone would take', () => {
    let stopped = 0;
    fc.assert(
      fc.property(reachable, actorSpec, commandSpec.filter((c) => c.type !== 'register'), (d, a, c) => {
        const actor = actorOf(a, d.state);
        const command = commandFor(c, actor, d.state);
        const state = d.state;
        const log = JSON.stringify(d.events);
        const r = d.check(command);
        if (r?.kind !== 'FORBIDDEN') return;
        expect(r).toEqual(authorize(actor, command, state));
        expect(d.state).toBe(state);
        expect(JSON.stringify(d.events)).toBe(log);
        if (!isRefusal(decide(state, command, calendarFor))) stopped++;
      }),
      RUNS,
    );
    // Not only commands the state would refuse anyway: authorization is what stops these.
    expect(stopped).toBeGreaterThan(10);
  });

  it('(c) an actor whose agency differs from the agency the command names is always refused with ACCESS.AGENCY_MISMATCH', () => {
    fc.assert(
      fc.property(
        reachable,
        actorSpec,
        fc.constantFrom(...AGENCY_COMMANDS),
        fc.constantFrom('unit', 'route', 'stranger'),
        fc.nat(9),
        (d, a, type, kind, member) => {
          const actor = actorOf(a, d.state);
          const named = agencyFor(kind, member, d.state)!;
          fc.pre(named !== actor.agency);
          const command = commandOf(type, actor, d.state.lastEventAt! + 60_000, { agency: named });
          expect(authorize(actor, command, d.state)).toMatchObject({ rule: 'ACCESS.AGENCY_MISMATCH', kind: 'FORBIDDEN' });
          expect(d.check(command)).toMatchObject({ rule: 'ACCESS.AGENCY_MISMATCH' });
        },
      ),
      RUNS,
    );
  });

  it('(d) mayRead is true exactly for the receiving unit, the agencies of the route, operations and auditors, from the state as from the view', () => {
    fc.assert(
      fc.property(reachable, actorSpec, (d, a) => {
        const actor = actorOf(a, d.state);
        const route = routeOf(d.state.procedure!.route);
        const role = actor.role as Role;
        const expected =
          (role === 'ONE_STOP_OFFICER' && actor.agency === d.state.unit) ||
          ((role === 'AGENCY_OFFICER' || role === 'AGENCY_HEAD') && actor.agency !== null && route.includes(actor.agency)) ||
          role === 'OPERATIONS' ||
          role === 'AUDITOR';
        expect(mayRead(actor, d.state)).toBe(expected);
        expect(mayRead(actor, toView(d.state, d.state.lastEventAt!))).toBe(expected);
      }),
      RUNS,
    );
  });

  it('the actor the scenario runner gives each command is one the table allows, in every state', () => {
    fc.assert(
      fc.property(reachable, commandSpec, (d, c) => {
        const s = c.type === 'register' ? new Dossier(calendarFor).state : d.state;
        // The runner's actor acts for the agency the command names; one not on the route is forbidden to anyone.
        fc.pre(c.agency === 'route' || !(AGENCY_COMMANDS as readonly string[]).includes(c.type));
        const named = agencyFor(c.agency, c.member, d.state) ?? 'A';
        // Only a consulted agency answers a consultation: the runner's scenarios answer theirs.
        fc.pre(c.type !== 'answerConsultation' || d.state.consultations.some((x) => x.to === named));
        const actor = requiredActor('scenario:x', { type: c.type, agency: named, channel: c.channel }, c.type === 'register' ? c.registerFor : d.state.unit!);
        expect(authorize(actor, commandFor(c, actor, d.state), s)).toBeNull();
      }),
      RUNS,
    );
  });
});
