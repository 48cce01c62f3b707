/**
 * Authorization, kept apart from behaviour.
 *
 * 1. The table (authorization.ts, CONTRACTS.md "Identity and access"): for every role × command ×
 *    relation of the actor to the dossier, allowed or refused with the rule, from `authorize`
 *    alone. The expected grid below is written out by hand from the client's role table, not
 *    derived from the code's.
 * 2. Reads: who may see a dossier and its events.
 * 3. Holding stays a state rule: an agency of the route acting on a dossier it does not hold is
 *    refused — complete, requestSupplement, apologize, reject — in every state, and nothing about
 *    the dossier changes (ONE-STOP.md §3: "acting for an agency that does not hold the dossier ...
 *    is rejected with a clear error naming the rule, and nothing about the dossier changes";
 *    scenario README: "holds" means the agency has an unfinished part of the current stage). Where
 *    the state itself forbids the action (before acceptance, while waiting for a supplement, after
 *    the end) the lifecycle rule is the one named; inside IN_PROCESSING it is the route rule. Each
 *    case also checks that the holding agency, if any, could act at that moment, so a refusal here
 *    is about who acts and not about something else. An agency not on the route at all is refused
 *    by authorization (ACCESS.NOT_ON_ROUTE, 403) whatever the state.
 *
 * Random actors, commands and states: authorization.properties.spec.ts.
 */
import { calendarFor, type TimeLimit } from '@motcua/calendar';
import type { RouteStage } from '@motcua/contracts';
import type { Actor } from './actor';
import { authorize, ENGINE_ONLY, MAY, mayRead, mayReadReports, readScope, REPORT_READERS, rolesThatMay, ROLES, type Role } from './authorization';
import type { CommandType, DossierCommand } from './commands';
import { Dossier } from './dossier';
import { isRefusal, RULE_KINDS, RULES, type RuleCode } from './rules';
import { EMPTY_DOSSIER, holders } from './state';
import { at, COMMAND_TYPES, commandOf, procedure, UNIT } from './testing/commands';
import { toView } from './view';

const WD = (amount: number): TimeLimit => ({ amount, unit: 'WORKING_DAYS' });
const ONE_STOP: Actor = { id: 'officer-1', role: 'ONE_STOP_OFFICER', agency: UNIT };
const officerOf = (agency: string): Actor => ({ id: `officer@${agency}`, role: 'AGENCY_OFFICER', agency });
const headOf = (agency: string): Actor => ({ id: `head@${agency}`, role: 'AGENCY_HEAD', agency });

// Limit 5 WD; A 1 WD, then [B 1 WD ‖ C 2 WD], then D 1 WD (critical path 4 WD).
const ROUTE: RouteStage[] = [
  { agency: 'A', allotted: WD(1) },
  { parallel: [{ agency: 'B', allotted: WD(1) }, { agency: 'C', allotted: WD(2) }] },
  { agency: 'D', allotted: WD(1) },
];

function dossierFor(route: RouteStage[], limit: TimeLimit): Dossier {
  const d = new Dossier(calendarFor);
  const register = commandOf('register', ONE_STOP, at('2026-03-02 08:30'), { procedure: procedure(route, { timeLimit: limit }) });
  const r = d.check(register) ?? d.execute(register);
  if (isRefusal(r)) throw new Error(r.message);
  return d;
}

function run(d: Dossier, ...commands: DossierCommand[]): void {
  for (const c of commands) {
    const r = d.check(c) ?? d.execute(c);
    if (isRefusal(r)) throw new Error(`${c.type} refused: ${r.rule} — ${r.message}`);
  }
}

// ---------------------------------------------------------------------------------------------
// 1. The table
// ---------------------------------------------------------------------------------------------

describe('who may give which command (authorize, apart from behaviour)', () => {
  /**
   * One row per command (submit twice: its channel matters to the portal), one cell per role, one
   * character per relation of the actor's agency to the dossier, in this order:
   *   unit  — the dossier's receiving unit (for register: the unit it is registered under)
   *   route — an agency on the dossier's route (A)
   *   other — neither (X)
   *   none  — no agency (null)
   * A command that names an agency names the actor's own (so "none" names A: a mismatch).
   * `+` allowed; `r` ACCESS.ROLE_MAY_NOT; `u` ACCESS.NOT_THE_RECEIVING_UNIT; `o` ACCESS.NOT_ON_ROUTE;
   * `n` ACCESS.ONLINE_ONLY; `a` ACCESS.AGENCY_MISMATCH; `c` ACCESS.NOT_CONSULTED (X, not on the
   * route, is the agency consulted on the dossier). "unknown" is any role outside the table
   * (APPLICANT, the API's "unidentified", the old scenario harness's OFFICER).
   */
  const GRID = `
                          ONE_STOP_OFFICER AGENCY_OFFICER AGENCY_HEAD PORTAL POSTAL_OPERATOR OPERATIONS AUDITOR ADMIN SYSTEM unknown
register                  +uuu             rrrr           rrrr        ++++   rrrr            rrrr       rrrr    rrrr  rrrr   rrrr
requestPickup             +uuu             rrrr           rrrr        rrrr   rrrr            rrrr       rrrr    rrrr  rrrr   rrrr
submit/COUNTER            +uuu             rrrr           rrrr        nnnn   rrrr            rrrr       rrrr    rrrr  rrrr   rrrr
submit/ONLINE             +uuu             rrrr           rrrr        ++++   rrrr            rrrr       rrrr    rrrr  rrrr   rrrr
postalPickedUp            rrrr             rrrr           rrrr        rrrr   ++++            rrrr       rrrr    rrrr  rrrr   rrrr
postalHandover            rrrr             rrrr           rrrr        rrrr   ++++            rrrr       rrrr    rrrr  rrrr   rrrr
requestIntakeSupplement   +uuu             rrrr           rrrr        rrrr   rrrr            rrrr       rrrr    rrrr  rrrr   rrrr
refuseIntake              +uuu             rrrr           rrrr        rrrr   rrrr            rrrr       rrrr    rrrr  rrrr   rrrr
accept                    +uuu             rrrr           rrrr        rrrr   rrrr            rrrr       rrrr    rrrr  rrrr   rrrr
complete                  rrra             o+oa           o+oa        rrra   rrra            rrra       rrra    rrra  rrra   rrra
requestSupplement         rrra             o+oa           o+oa        rrra   rrra            rrra       rrra    rrra  rrra   rrra
supplement                +uuu             rrrr           rrrr        rrrr   rrrr            rrrr       rrrr    rrrr  rrrr   rrrr
apologize                 rrra             rrra           o+oa        rrra   rrra            rrra       rrra    rrra  rrra   rrra
assign                    rrra             rrra           o+oa        rrra   rrra            rrra       rrra    rrra  rrra   rrra
appraise                  rrra             o+oa           o+oa        rrra   rrra            rrra       rrra    rrra  rrra   rrra
approve                   rrra             rrra           o+oa        rrra   rrra            rrra       rrra    rrra  rrra   rrra
reject                    rrra             o+oa           o+oa        rrra   rrra            rrra       rrra    rrra  rrra   rrra
stop                      rrra             o+oa           o+oa        rrra   rrra            rrra       rrra    rrra  rrra   rrra
withdraw                  +uuu             rrrr           rrrr        rrrr   rrrr            rrrr       rrrr    rrrr  rrrr   rrrr
return                    +uuu             rrrr           rrrr        rrrr   rrrr            rrrr       rrrr    rrrr  rrrr   rrrr
postalDeliveryFailed      rrrr             rrrr           rrrr        rrrr   ++++            rrrr       rrrr    rrrr  rrrr   rrrr
postalDelivered           rrrr             rrrr           rrrr        rrrr   ++++            rrrr       rrrr    rrrr  rrrr   rrrr
postalReturnedToSender    rrrr             rrrr           rrrr        rrrr   ++++            rrrr       rrrr    rrrr  rrrr   rrrr
consult                   rrra             o+oa           o+oa        rrra   rrra            rrra       rrra    rrra  rrra   rrra
answerConsultation        rrra             cc+a           cc+a        rrra   rrra            rrra       rrra    rrra  rrra   rrra
rate                      +uuu             rrrr           rrrr        ++++   rrrr            rrrr       rrrr    rrrr  rrrr   rrrr
`;
  const lines = GRID.trim().split('\n').map((l) => l.trim().split(/\s+/));
  const [header, ...rows] = lines;
  const CODE: Record<string, RuleCode | null> = {
    '+': null,
    r: 'ACCESS.ROLE_MAY_NOT',
    u: 'ACCESS.NOT_THE_RECEIVING_UNIT',
    o: 'ACCESS.NOT_ON_ROUTE',
    n: 'ACCESS.ONLINE_ONLY',
    a: 'ACCESS.AGENCY_MISMATCH',
    c: 'ACCESS.NOT_CONSULTED',
  };
  const CHAR = Object.fromEntries(Object.entries(CODE).map(([c, rule]) => [String(rule), c]));
  const RELATIONS: Record<string, string | null> = { unit: UNIT, route: 'A', other: 'X', none: null };
  const UNKNOWN_ROLES = ['APPLICANT', 'unidentified', 'OFFICER'];

  // A registered dossier (its status does not matter to authorization: the properties vary it).
  const plain = dossierFor(ROUTE, WD(5)).state;
  // …on which X, an agency off the route, was consulted (consultations are not reachable before acceptance).
  const registered = {
    ...plain,
    consultations: [{ consultation: 0, agency: 'A', to: 'X', requestedAt: at('2026-03-02 08:40'), dueAt: at('2026-03-03 17:00'), answeredAt: null, outcome: null }],
  };

  /** The grid `authorize` gives, written as GRID is. */
  function actualCell(row: string, role: string): string {
    const [type, channel] = row.split('/') as [CommandType, 'COUNTER' | 'ONLINE' | undefined];
    return Object.values(RELATIONS)
      .map((agency) => {
        const actor: Actor = { id: 'someone', role, agency };
        const command = commandOf(type, actor, at('2026-03-02 09:00'), { agency: agency ?? 'A', channel, unit: UNIT });
        const r = authorize(actor, command, type === 'register' ? EMPTY_DOSSIER : registered);
        return CHAR[String(r?.rule ?? null)] ?? `?${r?.rule}`;
      })
      .join('');
  }

  it('the grid has a row for every command and a column for every role', () => {
    expect(new Set(rows.map((r) => r[0].split('/')[0]))).toEqual(new Set(COMMAND_TYPES));
    expect(header).toEqual([...ROLES, 'unknown']);
  });

  it('authorize gives exactly the grid', () => {
    const expected = rows.map(([row, ...cells]) => `${row} ${cells.join(' ')}`);
    const actual = rows.map(([row]) => `${row} ${ROLES.map((role) => actualCell(row, role)).join(' ')} ${actualCell(row, UNKNOWN_ROLES[0])}`);
    expect(actual).toEqual(expected);
  });

  it.each(UNKNOWN_ROLES)('a role outside the table (%s) may give nothing', (role) => {
    for (const [row, ...cells] of rows) expect([row, actualCell(row, role)]).toEqual([row, cells[cells.length - 1]]);
  });

  it('every refusal of authorization is FORBIDDEN (403), and only those', () => {
    const access = (Object.keys(RULES) as RuleCode[]).filter((r) => r.startsWith('ACCESS.'));
    expect(access.sort()).toEqual(Object.values(CODE).filter((r): r is RuleCode => r !== null).sort());
    for (const rule of Object.keys(RULE_KINDS) as RuleCode[]) expect([rule, RULE_KINDS[rule] === 'FORBIDDEN']).toEqual([rule, access.includes(rule)]);
  });

  it('names, for each command, the roles that may give it (the API picks a token\'s acting role with it)', () => {
    const byCommand = Object.fromEntries(COMMAND_TYPES.map((t) => [t, rolesThatMay(t)]));
    expect(byCommand).toEqual({
      register: ['ONE_STOP_OFFICER', 'PORTAL'],
      requestPickup: ['ONE_STOP_OFFICER'],
      postalPickedUp: ['POSTAL_OPERATOR'],
      postalReturnedToSender: ['POSTAL_OPERATOR'],
      submit: ['ONE_STOP_OFFICER', 'PORTAL'],
      postalHandover: ['POSTAL_OPERATOR'],
      requestIntakeSupplement: ['ONE_STOP_OFFICER'],
      refuseIntake: ['ONE_STOP_OFFICER'],
      accept: ['ONE_STOP_OFFICER'],
      complete: ['AGENCY_OFFICER', 'AGENCY_HEAD'],
      requestSupplement: ['AGENCY_OFFICER', 'AGENCY_HEAD'],
      supplement: ['ONE_STOP_OFFICER'],
      apologize: ['AGENCY_HEAD'],
      assign: ['AGENCY_HEAD'],
      appraise: ['AGENCY_OFFICER', 'AGENCY_HEAD'],
      approve: ['AGENCY_HEAD'],
      reject: ['AGENCY_OFFICER', 'AGENCY_HEAD'],
      stop: ['AGENCY_OFFICER', 'AGENCY_HEAD'],
      withdraw: ['ONE_STOP_OFFICER'],
      return: ['ONE_STOP_OFFICER'],
      consult: ['AGENCY_OFFICER', 'AGENCY_HEAD'],
      answerConsultation: ['AGENCY_OFFICER', 'AGENCY_HEAD'],
      rate: ['ONE_STOP_OFFICER', 'PORTAL'],
      postalDeliveryFailed: ['POSTAL_OPERATOR'],
      postalDelivered: ['POSTAL_OPERATOR'],
    });
    // Every role is a row of the table; the engine alone records the postal operator's answers to its orders.
    expect(Object.keys(MAY).sort()).toEqual([...ROLES].sort());
    expect(ENGINE_ONLY).toEqual(['postalOrderPlaced', 'postalOrderRefused', 'postalOrderCancelled']);
  });

  it('an agency the command names must be the actor\'s own, whatever the role', () => {
    for (const role of [...ROLES, ...UNKNOWN_ROLES]) {
      for (const type of ['complete', 'requestSupplement', 'apologize', 'assign', 'appraise', 'approve', 'reject', 'stop'] as const) {
        const actor: Actor = { id: 'someone', role, agency: 'B' };
        expect([role, type, authorize(actor, commandOf(type, actor, at('2026-03-02 09:00'), { agency: 'A' }), registered)?.rule]).toEqual([
          role,
          type,
          'ACCESS.AGENCY_MISMATCH',
        ]);
      }
    }
  });

  it('a dossier not yet registered has no unit and no route: no relation to it holds, and the state rules refuse the rest', () => {
    const unregistered = new Dossier(calendarFor);
    for (const type of COMMAND_TYPES.filter((t) => t !== 'register')) {
      for (const role of rolesThatMay(type)) {
        const actor: Actor = { id: 'someone', role, agency: 'A' };
        const command = commandOf(type, actor, at('2026-03-02 09:00'), { agency: 'A', channel: 'ONLINE' });
        // The post's reports and the portal's ONLINE submission need no relation to the dossier.
        const relationFree = role === 'POSTAL_OPERATOR' || role === 'PORTAL';
        const expected = relationFree
          ? null
          : role === 'ONE_STOP_OFFICER'
            ? 'ACCESS.NOT_THE_RECEIVING_UNIT'
            : type === 'answerConsultation'
              ? 'ACCESS.NOT_CONSULTED'
              : 'ACCESS.NOT_ON_ROUTE';
        expect([type, role, authorize(actor, command, EMPTY_DOSSIER)?.rule ?? null]).toEqual([type, role, expected]);
        expect([type, role, unregistered.check(command)?.rule]).toEqual([type, role, expected ?? 'LIFECYCLE.ACTION_NOT_ALLOWED']);
      }
    }
  });

  it('check() authorizes before it decides: a forbidden actor gets 403 even where the state would refuse too, and nothing changes', () => {
    const d = dossierFor(ROUTE, WD(5));
    run(d, commandOf('submit', ONE_STOP, at('2026-03-02 09:00')));
    const state = d.state;
    const log = JSON.stringify(d.events);
    const otherUnit: Actor = { id: 'officer-9', role: 'ONE_STOP_OFFICER', agency: '000.00.00.H26' };
    // The state alone would accept it: the FORBIDDEN refusal is what stops it.
    expect(d.check(commandOf('accept', ONE_STOP, at('2026-03-02 09:10')))).toBeNull();
    expect(d.check(commandOf('accept', otherUnit, at('2026-03-02 09:10')))).toMatchObject({ rule: 'ACCESS.NOT_THE_RECEIVING_UNIT', kind: 'FORBIDDEN' });
    // …and where the state refuses too, who acts is answered first.
    expect(d.check(commandOf('return', otherUnit, at('2026-03-02 09:10')))).toMatchObject({ rule: 'ACCESS.NOT_THE_RECEIVING_UNIT' });
    expect(d.check(commandOf('return', ONE_STOP, at('2026-03-02 09:10')))).toMatchObject({ rule: 'LIFECYCLE.ACTION_NOT_ALLOWED', kind: 'INVALID_STATE' });
    expect(d.state).toBe(state);
    expect(JSON.stringify(d.events)).toBe(log);
  });

  it('execute() does not authorize: a history an older version let through replays as it happened', () => {
    const d = dossierFor(ROUTE, WD(5));
    const applicant: Actor = { id: 'applicant-7', role: 'APPLICANT', agency: null };
    const submit = commandOf('submit', applicant, at('2026-03-02 09:00'));
    expect(d.check(submit)).toMatchObject({ rule: 'ACCESS.ROLE_MAY_NOT' });
    const recorded = d.execute(submit);
    expect(isRefusal(recorded) ? recorded.rule : recorded.map((r) => [r.event.type, r.event.by])).toEqual([['DossierSubmitted', applicant]]);
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Reads
// ---------------------------------------------------------------------------------------------

describe('who may read a dossier and its events', () => {
  /** Per role, per agency of the reader: the unit, A (first stage), D (last stage, not started), X (neither), none. */
  const READS: Record<Role | 'unknown', string> = {
    ONE_STOP_OFFICER: '+----',
    AGENCY_OFFICER: '-++--',
    AGENCY_HEAD: '-++--',
    PORTAL: '-----',
    POSTAL_OPERATOR: '-----',
    OPERATIONS: '+++++',
    AUDITOR: '+++++',
    ADMIN: '-----',
    SYSTEM: '-----',
    unknown: '-----',
  };
  const AGENCIES = [UNIT, 'A', 'D', 'X', null];

  it.each(Object.entries(READS))('%s', (role, expected) => {
    const d = dossierFor(ROUTE, WD(5));
    run(d, commandOf('submit', ONE_STOP, at('2026-03-02 09:00')), commandOf('accept', ONE_STOP, at('2026-03-02 09:10')));
    const view = toView(d.state, at('2026-03-02 09:10'));
    const fromState = AGENCIES.map((agency) => (mayRead({ id: 'r', role: role === 'unknown' ? 'APPLICANT' : role, agency }, d.state) ? '+' : '-')).join('');
    const fromView = AGENCIES.map((agency) => (mayRead({ id: 'r', role: role === 'unknown' ? 'APPLICANT' : role, agency }, view) ? '+' : '-')).join('');
    expect([fromState, fromView]).toEqual([expected, expected]);
  });

  it('the list is filtered by the reader\'s scope', () => {
    expect(readScope({ id: 'r', role: 'ONE_STOP_OFFICER', agency: UNIT })).toEqual({ kind: 'RECEIVING_UNIT', unit: UNIT });
    expect(readScope({ id: 'r', role: 'AGENCY_HEAD', agency: 'A' })).toEqual({ kind: 'ROUTE_AGENCY', agency: 'A' });
    expect(readScope({ id: 'r', role: 'AUDITOR', agency: null })).toEqual({ kind: 'ALL' });
    expect(readScope({ id: 'r', role: 'AGENCY_OFFICER', agency: null })).toEqual({ kind: 'NONE' });
    expect(readScope({ id: 'r', role: 'PORTAL', agency: null })).toEqual({ kind: 'NONE' });
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Holding: a state rule, apart from authorization
// ---------------------------------------------------------------------------------------------

const submit = (t: string): DossierCommand => ({ type: 'submit', at: at(t), by: ONE_STOP, channel: 'COUNTER' });
const accept = (t: string): DossierCommand => ({ type: 'accept', at: at(t), by: ONE_STOP });
const supplement = (t: string): DossierCommand => ({ type: 'supplement', at: at(t), by: ONE_STOP });

/** The four agency actions, by `agency` at instant `t`, each given by the role the table asks for. */
const ACTIONS = {
  complete: (t: string, agency: string): DossierCommand => ({ type: 'complete', at: at(t), by: officerOf(agency), agency }),
  requestSupplement: (t: string, agency: string): DossierCommand => ({ type: 'requestSupplement', at: at(t), by: officerOf(agency), agency }),
  apologize: (t: string, agency: string): DossierCommand => ({
    type: 'apologize',
    at: at(t),
    by: headOf(agency),
    agency,
    newAppointment: '2026-03-13T17:00:00+07:00', // later than every case's appointment, within its bound (APOLOGY.BEYOND_BOUND)
  }),
  reject: (t: string, agency: string): DossierCommand => ({ type: 'reject', at: at(t), by: officerOf(agency), agency }),
};
type ActionKey = keyof typeof ACTIONS;
const ACTION_KEYS = Object.keys(ACTIONS) as ActionKey[];
const complete = ACTIONS.complete;

interface Case {
  /** Builds the dossier in the state under test (all commands before 2026-03-06 10:00). */
  build: () => Dossier;
  status: string;
  /** Agencies of the route that must be refused, and the (state) rule named. */
  outsiders: string[];
  rule: RuleCode;
  /** Agencies that hold the dossier now and may act. */
  holders: string[];
}

const CASES: Record<string, Case> = {
  'registered, nothing submitted yet': {
    build: () => dossierFor(ROUTE, WD(5)),
    status: 'NEW',
    outsiders: ['A', 'B', 'C', 'D'],
    rule: 'LIFECYCLE.ACTION_NOT_ALLOWED',
    holders: [],
  },
  'submitted, before acceptance': {
    build: () => {
      const d = dossierFor(ROUTE, WD(5));
      run(d, submit('2026-03-02 09:00'));
      return d;
    },
    status: 'SUBMITTED',
    outsiders: ['A', 'B', 'C', 'D'],
    rule: 'LIFECYCLE.ACTION_NOT_ALLOWED',
    holders: [],
  },
  'incomplete at intake': {
    build: () => {
      const d = dossierFor(ROUTE, WD(5));
      run(d, submit('2026-03-02 09:00'), { type: 'requestIntakeSupplement', at: at('2026-03-02 09:10'), by: ONE_STOP });
      return d;
    },
    status: 'INTAKE_SUPPLEMENT',
    outsiders: ['A', 'B', 'C', 'D'],
    rule: 'LIFECYCLE.ACTION_NOT_ALLOWED',
    holders: [],
  },
  'first stage: another stage\'s agencies': {
    build: () => {
      const d = dossierFor(ROUTE, WD(5));
      run(d, submit('2026-03-02 09:00'), accept('2026-03-02 09:10'));
      return d;
    },
    status: 'IN_PROCESSING',
    outsiders: ['B', 'C', 'D'],
    rule: 'ROUTE.AGENCY_DOES_NOT_HOLD',
    holders: ['A'],
  },
  'parallel group: the finished previous stage, the next stage': {
    build: () => {
      const d = dossierFor(ROUTE, WD(5));
      run(d, submit('2026-03-02 09:00'), accept('2026-03-02 09:10'), complete('2026-03-02 15:00', 'A'));
      return d;
    },
    status: 'IN_PROCESSING',
    outsiders: ['A', 'D'],
    rule: 'ROUTE.AGENCY_DOES_NOT_HOLD',
    holders: ['B', 'C'],
  },
  'parallel group: a member that finished its own part': {
    build: () => {
      const d = dossierFor(ROUTE, WD(5));
      run(d, submit('2026-03-02 09:00'), accept('2026-03-02 09:10'), complete('2026-03-02 15:00', 'A'), complete('2026-03-03 10:00', 'B'));
      return d;
    },
    status: 'IN_PROCESSING',
    outsiders: ['B', 'A', 'D'],
    rule: 'ROUTE.AGENCY_DOES_NOT_HOLD',
    holders: ['C'],
  },
  'last stage: every earlier agency': {
    build: () => {
      const d = dossierFor(ROUTE, WD(5));
      run(
        d,
        submit('2026-03-02 09:00'),
        accept('2026-03-02 09:10'),
        complete('2026-03-02 15:00', 'A'),
        complete('2026-03-03 10:00', 'B'),
        complete('2026-03-03 11:00', 'C'),
      );
      return d;
    },
    status: 'IN_PROCESSING',
    outsiders: ['A', 'B', 'C'],
    rule: 'ROUTE.AGENCY_DOES_NOT_HOLD',
    holders: ['D'],
  },
  'waiting for a supplement (even the agency that asked)': {
    build: () => {
      const d = dossierFor(ROUTE, WD(5));
      run(d, submit('2026-03-02 09:00'), accept('2026-03-02 09:10'), complete('2026-03-02 15:00', 'A'), ACTIONS.requestSupplement('2026-03-03 10:00', 'C'));
      return d;
    },
    status: 'SUPPLEMENT_PENDING',
    outsiders: ['A', 'B', 'C', 'D'],
    rule: 'LIFECYCLE.ACTION_NOT_ALLOWED',
    holders: [],
  },
  'result ready': {
    build: () => {
      const d = dossierFor(ROUTE, WD(5));
      run(
        d,
        submit('2026-03-02 09:00'),
        accept('2026-03-02 09:10'),
        complete('2026-03-02 15:00', 'A'),
        complete('2026-03-03 10:00', 'B'),
        complete('2026-03-03 11:00', 'C'),
        complete('2026-03-04 10:00', 'D'),
      );
      return d;
    },
    status: 'RESULT_READY',
    outsiders: ['A', 'B', 'C', 'D'],
    rule: 'LIFECYCLE.ACTION_NOT_ALLOWED',
    holders: [],
  },
  'rejected by one member of the group': {
    build: () => {
      const d = dossierFor(ROUTE, WD(5));
      run(d, submit('2026-03-02 09:00'), accept('2026-03-02 09:10'), complete('2026-03-02 15:00', 'A'), ACTIONS.reject('2026-03-03 10:00', 'B'));
      return d;
    },
    status: 'REJECTED',
    outsiders: ['A', 'B', 'C', 'D'],
    rule: 'LIFECYCLE.ACTION_NOT_ALLOWED',
    holders: [],
  },
  withdrawn: {
    build: () => {
      const d = dossierFor(ROUTE, WD(5));
      run(d, submit('2026-03-02 09:00'), accept('2026-03-02 09:10'), { type: 'withdraw', at: at('2026-03-02 10:00'), by: ONE_STOP });
      return d;
    },
    status: 'WITHDRAWN',
    outsiders: ['A', 'B', 'C', 'D'],
    rule: 'LIFECYCLE.ACTION_NOT_ALLOWED',
    holders: [],
  },
};

const NOW = '2026-03-06 10:00';

describe('an agency that does not hold the dossier cannot act on it', () => {
  describe.each(Object.entries(CASES))('%s', (_name, c) => {
    it(`is in ${c.status}, held by [${c.holders.join(', ')}]`, () => {
      const d = c.build();
      expect(d.state.status).toBe(c.status);
      // holders() lists the unfinished members of the current stage; they may act only IN_PROCESSING.
      if (c.status === 'IN_PROCESSING') expect(holders(d.state).map((m) => m.agency).sort()).toEqual([...c.holders].sort());
    });

    it.each(ACTION_KEYS)('%s is refused for each agency of the route that does not hold it, naming the rule, and nothing changes', (action) => {
      const d = c.build();
      for (const agency of c.outsiders) {
        const state = d.state;
        const log = JSON.stringify(d.events);
        const command = ACTIONS[action](NOW, agency);
        const checked = d.check(command);
        const result = d.execute(command);
        expect(isRefusal(result) ? result.rule : `accepted for ${agency}`).toBe(c.rule);
        expect(result).toMatchObject({ kind: 'INVALID_STATE' });
        expect(checked).toEqual(result);
        expect(d.state).toBe(state);
        expect(JSON.stringify(d.events)).toBe(log);
      }
    });

    it.each(ACTION_KEYS)('%s by an agency not on the route at all is forbidden (403), whatever the state, and nothing changes', (action) => {
      const d = c.build();
      const state = d.state;
      const log = JSON.stringify(d.events);
      expect(d.check(ACTIONS[action](NOW, 'X'))).toMatchObject({ rule: 'ACCESS.NOT_ON_ROUTE', kind: 'FORBIDDEN' });
      expect(d.state).toBe(state);
      expect(JSON.stringify(d.events)).toBe(log);
    });

    if (c.holders.length > 0) {
      it.each(ACTION_KEYS)('%s is open to the holders at that moment (control)', (action) => {
        const d = c.build();
        for (const agency of c.holders) expect(d.check(ACTIONS[action](NOW, agency))).toBeNull();
      });
    }
  });

  it('an agency in two stages holds it only while its own stage runs', () => {
    // Limit 6 WD: L 2 WD, T 1 WD, L 3 WD.
    const d = dossierFor(
      [
        { agency: 'L', allotted: WD(2) },
        { agency: 'T', allotted: WD(1) },
        { agency: 'L', allotted: WD(3) },
      ],
      WD(6),
    );
    run(d, submit('2026-03-02 09:00'), accept('2026-03-02 09:10'), complete('2026-03-03 10:00', 'L'));
    for (const action of ACTION_KEYS) {
      const before = d.state;
      const command = ACTIONS[action]('2026-03-03 11:00', 'L');
      expect(d.check(command)).toMatchObject({ rule: 'ROUTE.AGENCY_DOES_NOT_HOLD' });
      const r = d.execute(command);
      expect(isRefusal(r) && r.rule).toBe('ROUTE.AGENCY_DOES_NOT_HOLD');
      expect(d.state).toBe(before);
    }
    run(d, complete('2026-03-04 10:00', 'T'));
    for (const action of ACTION_KEYS) expect(d.check(ACTIONS[action]('2026-03-04 11:00', 'L'))).toBeNull();
    expect(holders(d.state).map((m) => m.member)).toEqual([2]);
  });

  it('after a supplement, only the unfinished members of the current stage hold it again', () => {
    const d = dossierFor(ROUTE, WD(5));
    run(
      d,
      submit('2026-03-02 09:00'),
      accept('2026-03-02 09:10'),
      complete('2026-03-02 15:00', 'A'),
      complete('2026-03-03 10:00', 'B'),
      ACTIONS.requestSupplement('2026-03-03 11:00', 'C'),
      supplement('2026-03-05 09:00'),
    );
    expect(holders(d.state).map((m) => m.agency)).toEqual(['C']);
    for (const agency of ['A', 'B', 'D']) {
      const command = ACTIONS.complete('2026-03-05 10:00', agency);
      expect(d.check(command)).toMatchObject({ rule: 'ROUTE.AGENCY_DOES_NOT_HOLD' });
      const r = d.execute(command);
      expect(isRefusal(r) && r.rule).toBe('ROUTE.AGENCY_DOES_NOT_HOLD');
    }
  });
});

describe('who may read the statutory reports', () => {
  it('operations and auditors only', () => {
    expect(REPORT_READERS).toEqual(['OPERATIONS', 'AUDITOR']);
    for (const role of ROLES) expect(mayReadReports(role)).toBe(role === 'OPERATIONS' || role === 'AUDITOR');
    expect(mayReadReports('REPORTER')).toBe(false);
  });
});
