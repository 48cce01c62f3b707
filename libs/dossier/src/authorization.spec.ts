/**
 * Authorization, kept apart from behaviour: an agency acting on a dossier it does not hold is
 * refused — complete, requestSupplement, apologize, reject — in every state, and nothing about the
 * dossier changes (ONE-STOP.md §3: "acting for an agency that does not hold the dossier ... is
 * rejected with a clear error naming the rule, and nothing about the dossier changes"; scenario
 * README: "holds" means the agency has an unfinished part of the current stage).
 *
 * Where the state itself forbids the action (before acceptance, while waiting for a supplement,
 * after the end) the lifecycle rule is the one named; inside IN_PROCESSING it is the route rule.
 * Each case also checks that the holding agency, if any, could act at that moment, so a refusal
 * here is about who acts and not about something else.
 */
import { calendarFor, parseInstant, type TimeLimit } from '@motcua/calendar';
import type { RouteStage } from '@motcua/contracts';
import type { Actor } from './actor';
import type { DossierCommand } from './commands';
import { Dossier } from './dossier';
import type { ProcedureVersion } from './events';
import { isRefusal, type RuleCode } from './rules';
import { holders } from './state';

const at = (local: string): number => parseInstant(`${local.replace(' ', 'T')}:00+07:00`);
const WD = (amount: number): TimeLimit => ({ amount, unit: 'WORKING_DAYS' });
const officerOf = (agency: string): Actor => ({ id: `officer@${agency}`, role: 'AGENCY_OFFICER', agency });
const APPLICANT: Actor = { id: 'applicant-7', role: 'APPLICANT', agency: null };
const ONE_STOP: Actor = { id: 'officer-1', role: 'ONE_STOP_OFFICER', agency: '000.00.00.H42' };

function dossierFor(route: RouteStage[], limit: TimeLimit): Dossier {
  const procedure: ProcedureVersion = { code: 'T.AUTH.01', name: 'Thủ tục liên thông', version: 'v1', timeLimit: limit, route };
  const d = new Dossier(calendarFor);
  const r = d.execute({
    type: 'register',
    at: at('2026-03-02 08:30'),
    by: ONE_STOP,
    code: '000.00.00.H42-260302-0001',
    unit: '000.00.00.H42',
    procedure,
    ruleSet: 'ND118-2025',
    calendar: { id: 'VN-GOV', version: calendarFor('VN-GOV').version },
    applicantRef: null,
  });
  if (isRefusal(r)) throw new Error(r.message);
  return d;
}

function run(d: Dossier, ...commands: DossierCommand[]): void {
  for (const c of commands) {
    const r = d.execute(c);
    if (isRefusal(r)) throw new Error(`${c.type} refused: ${r.rule} — ${r.message}`);
  }
}

const submit = (t: string): DossierCommand => ({ type: 'submit', at: at(t), by: APPLICANT, channel: 'COUNTER' });
const accept = (t: string): DossierCommand => ({ type: 'accept', at: at(t), by: ONE_STOP });
const supplement = (t: string): DossierCommand => ({ type: 'supplement', at: at(t), by: APPLICANT });

/** The four agency actions, by `agency` at instant `t`. */
const ACTIONS = {
  complete: (t: string, agency: string): DossierCommand => ({ type: 'complete', at: at(t), by: officerOf(agency), agency }),
  requestSupplement: (t: string, agency: string): DossierCommand => ({ type: 'requestSupplement', at: at(t), by: officerOf(agency), agency }),
  apologize: (t: string, agency: string): DossierCommand => ({
    type: 'apologize',
    at: at(t),
    by: officerOf(agency),
    agency,
    newAppointment: '2026-03-13T17:00:00+07:00', // later than every case's appointment, within its bound (APOLOGY.BEYOND_BOUND)
  }),
  reject: (t: string, agency: string): DossierCommand => ({ type: 'reject', at: at(t), by: officerOf(agency), agency }),
};
type ActionKey = keyof typeof ACTIONS;
const ACTION_KEYS = Object.keys(ACTIONS) as ActionKey[];

// Limit 5 WD; A 1 WD, then [B 1 WD ‖ C 2 WD], then D 1 WD (critical path 4 WD).
const ROUTE: RouteStage[] = [
  { agency: 'A', allotted: WD(1) },
  { parallel: [{ agency: 'B', allotted: WD(1) }, { agency: 'C', allotted: WD(2) }] },
  { agency: 'D', allotted: WD(1) },
];
const complete = ACTIONS.complete;

interface Case {
  /** Builds the dossier in the state under test (all commands before 2026-03-06 10:00). */
  build: () => Dossier;
  status: string;
  /** Agencies that must be refused, and the rule named. */
  outsiders: string[];
  rule: RuleCode;
  /** Agencies that hold the dossier now and may act. */
  holders: string[];
}

const CASES: Record<string, Case> = {
  'registered, nothing submitted yet': {
    build: () => dossierFor(ROUTE, WD(5)),
    status: 'NEW',
    outsiders: ['A', 'B', 'C', 'D', 'X'],
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
    outsiders: ['A', 'B', 'C', 'D', 'X'],
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
    outsiders: ['A', 'B', 'C', 'D', 'X'],
    rule: 'LIFECYCLE.ACTION_NOT_ALLOWED',
    holders: [],
  },
  'first stage: another stage\'s agencies and strangers': {
    build: () => {
      const d = dossierFor(ROUTE, WD(5));
      run(d, submit('2026-03-02 09:00'), accept('2026-03-02 09:10'));
      return d;
    },
    status: 'IN_PROCESSING',
    outsiders: ['B', 'C', 'D', 'X'],
    rule: 'ROUTE.AGENCY_DOES_NOT_HOLD',
    holders: ['A'],
  },
  'parallel group: the finished previous stage, the next stage, a stranger': {
    build: () => {
      const d = dossierFor(ROUTE, WD(5));
      run(d, submit('2026-03-02 09:00'), accept('2026-03-02 09:10'), complete('2026-03-02 15:00', 'A'));
      return d;
    },
    status: 'IN_PROCESSING',
    outsiders: ['A', 'D', 'X'],
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
    outsiders: ['B', 'A', 'D', 'X'],
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
    outsiders: ['A', 'B', 'C', 'X'],
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
    outsiders: ['A', 'B', 'C', 'D', 'X'],
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
    outsiders: ['A', 'B', 'C', 'D', 'X'],
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
    outsiders: ['A', 'B', 'C', 'D', 'X'],
    rule: 'LIFECYCLE.ACTION_NOT_ALLOWED',
    holders: [],
  },
  withdrawn: {
    build: () => {
      const d = dossierFor(ROUTE, WD(5));
      run(d, submit('2026-03-02 09:00'), accept('2026-03-02 09:10'), { type: 'withdraw', at: at('2026-03-02 10:00'), by: APPLICANT });
      return d;
    },
    status: 'WITHDRAWN',
    outsiders: ['A', 'B', 'C', 'D', 'X'],
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

    it.each(ACTION_KEYS)('%s is refused for each outsider, naming the rule, and nothing changes', (action) => {
      const d = c.build();
      for (const agency of c.outsiders) {
        const state = d.state;
        const log = JSON.stringify(d.events);
        const command = ACTIONS[action](NOW, agency);
        const checked = d.check(command);
        const result = d.execute(command);
        expect(isRefusal(result) ? result.rule : `accepted for ${agency}`).toBe(c.rule);
        expect(checked).toEqual(result);
        expect(d.state).toBe(state);
        expect(JSON.stringify(d.events)).toBe(log);
      }
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
      const r = d.execute(ACTIONS[action]('2026-03-03 11:00', 'L'));
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
      const r = d.execute(ACTIONS.complete('2026-03-05 10:00', agency));
      expect(isRefusal(r) && r.rule).toBe('ROUTE.AGENCY_DOES_NOT_HOLD');
    }
  });
});
