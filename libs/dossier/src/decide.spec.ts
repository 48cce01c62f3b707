/**
 * Behaviour tests of the dossier domain, in the style of Zeebe's engine tests: commands are given
 * to a Dossier under a controlled clock (every command carries its own instant) and the tests
 * assert the exact sequence of recorded events and their key fields — not just where the dossier
 * ends up. Every expected instant was computed by hand from ONE-STOP.md §3–§6 (the working-day
 * counts are written next to it) on the VN-GOV calendar.
 */
import { calendarFor, parseInstant, toLocalIso, type TimeLimit } from '@motcua/calendar';
import type { Channel, RouteStage } from '@motcua/contracts';
import type { Actor } from './actor';
import type { DossierCommand } from './commands';
import { Dossier } from './dossier';
import type { DossierEvent, EventOf, ProcedureVersion, RecordedEvent } from './events';
import { isRefusal, type RuleCode } from './rules';
import { appointmentOf, finalAppointmentOf, holders } from './state';
import { armedTimers } from './timers';
import { toView } from './view';

// ---------------------------------------------------------------------------------------------
// Clock, actors, procedures
// ---------------------------------------------------------------------------------------------

const VN_GOV = calendarFor('VN-GOV');

/** '2026-03-02 09:20' (Vietnam time) → epoch ms. */
const at = (local: string): number => parseInstant(`${local.replace(' ', 'T')}:00+07:00`);
/** '2026-03-02 09:20' → '2026-03-02T09:20:00+07:00', the form the domain reports. */
const vn = (local: string): string => toLocalIso(at(local));
const iso = (instant: number | null | undefined): string | null => (instant === null || instant === undefined ? null : toLocalIso(instant));

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const WD = (amount: number): TimeLimit => ({ amount, unit: 'WORKING_DAYS' });
const WH = (amount: number): TimeLimit => ({ amount, unit: 'WORKING_HOURS' });
const SAME_DAY: TimeLimit = { amount: 1, unit: 'SAME_DAY' };
const member = (agency: string, allotted: TimeLimit): RouteStage => ({ agency, allotted });
const parallel = (...members: [string, TimeLimit][]): RouteStage => ({ parallel: members.map(([agency, allotted]) => ({ agency, allotted })) });

function procedure(timeLimit: TimeLimit, route: RouteStage[], extra: Partial<ProcedureVersion> = {}): ProcedureVersion {
  return { code: 'T.TEST.01', name: 'Thủ tục thử nghiệm', version: 'v1', timeLimit, route, ...extra };
}

const UNIT = '000.00.00.H42';
// Each command is given by the actor the authorization table asks for (authorization.ts), so that
// what these tests see is behaviour; who may act is tested apart (authorization.spec.ts).
const ONE_STOP: Actor = { id: 'officer-1', role: 'ONE_STOP_OFFICER', agency: UNIT };
const PORTAL: Actor = { id: 'portal', role: 'PORTAL', agency: null };
const POST: Actor = { id: 'vnpost-api', role: 'POSTAL_OPERATOR', agency: 'VNPOST' };
const officerOf = (agency: string): Actor => ({ id: `officer@${agency}`, role: 'AGENCY_OFFICER', agency });
const headOf = (agency: string): Actor => ({ id: `head@${agency}`, role: 'AGENCY_HEAD', agency });

// ---------------------------------------------------------------------------------------------
// Commands (instants in Vietnam local time)
// ---------------------------------------------------------------------------------------------

const cmd = {
  requestPickup: (t: string): DossierCommand => ({ type: 'requestPickup', at: at(t), by: ONE_STOP }),
  pickedUp: (t: string, waybill = 'EB000000001VN'): DossierCommand => ({ type: 'postalPickedUp', at: at(t), by: POST, waybill }),
  submit: (t: string, channel: 'COUNTER' | 'ONLINE' = 'COUNTER'): DossierCommand => ({
    type: 'submit',
    at: at(t),
    by: channel === 'ONLINE' ? PORTAL : ONE_STOP,
    channel,
  }),
  handover: (t: string, waybill = 'EB000000001VN'): DossierCommand => ({ type: 'postalHandover', at: at(t), by: POST, waybill }),
  intakeSupplement: (t: string): DossierCommand => ({ type: 'requestIntakeSupplement', at: at(t), by: ONE_STOP, missing: ['BAN_SAO_CCCD'] }),
  refuseIntake: (t: string): DossierCommand => ({ type: 'refuseIntake', at: at(t), by: ONE_STOP, reasons: ['NOT_COMPETENT'] }),
  accept: (t: string): DossierCommand => ({ type: 'accept', at: at(t), by: ONE_STOP }),
  complete: (t: string, agency: string): DossierCommand => ({ type: 'complete', at: at(t), by: officerOf(agency), agency }),
  requestSupplement: (t: string, agency: string): DossierCommand => ({
    type: 'requestSupplement',
    at: at(t),
    by: officerOf(agency),
    agency,
    missing: ['BAN_VE'],
  }),
  supplement: (t: string): DossierCommand => ({ type: 'supplement', at: at(t), by: ONE_STOP }),
  apologize: (t: string, agency: string, newAppointment: string): DossierCommand => ({
    type: 'apologize',
    at: at(t),
    by: headOf(agency),
    agency,
    newAppointment: vn(newAppointment),
  }),
  reject: (t: string, agency: string): DossierCommand => ({ type: 'reject', at: at(t), by: officerOf(agency), agency, reasons: ['NOT_ELIGIBLE'] }),
  withdraw: (t: string): DossierCommand => ({ type: 'withdraw', at: at(t), by: ONE_STOP, reason: 'APPLICANT_REQUEST' }),
  stop: (t: string, agency: string): DossierCommand => ({ type: 'stop', at: at(t), by: officerOf(agency), agency, reasons: ['DUPLICATE_DOSSIER'] }),
  return: (t: string, channel: Channel): DossierCommand => ({ type: 'return', at: at(t), by: ONE_STOP, channel }),
  deliveryFailed: (t: string): DossierCommand => ({ type: 'postalDeliveryFailed', at: at(t), by: POST }),
  delivered: (t: string): DossierCommand => ({ type: 'postalDelivered', at: at(t), by: POST }),
};

// ---------------------------------------------------------------------------------------------
// The dossier under test
// ---------------------------------------------------------------------------------------------

const CODE = `${UNIT}-260101-0001`;

/** A registered dossier; `registeredAt` is its first instant (the code is reserved then). */
function dossierFor(p: ProcedureVersion, registeredAt: string): Dossier {
  const d = new Dossier(calendarFor);
  const r = d.execute({
    type: 'register',
    at: at(registeredAt),
    by: ONE_STOP,
    code: CODE,
    unit: UNIT,
    procedure: p,
    ruleSet: 'ND118-2025',
    calendar: { id: VN_GOV.id, version: VN_GOV.version },
    applicantRef: null,
  });
  if (isRefusal(r)) throw new Error(r.message);
  return d;
}

/** Executes commands that must succeed; returns the events recorded by the last one. */
function run(d: Dossier, ...commands: DossierCommand[]): RecordedEvent[] {
  let recorded: RecordedEvent[] = [];
  for (const c of commands) {
    const r = d.execute(c);
    if (isRefusal(r)) throw new Error(`${c.type} at ${iso(c.at)} refused: ${r.rule} — ${r.message}`);
    recorded = r;
  }
  return recorded;
}

/**
 * Gives a command that must be refused: check() and execute() agree, and nothing changes. A
 * FORBIDDEN refusal is check()'s alone (execute() does not authorize: see Dossier.execute).
 */
function refused(d: Dossier, c: DossierCommand): RuleCode {
  const state = d.state;
  const log = JSON.stringify(d.events);
  const checked = d.check(c);
  if (checked?.kind === 'FORBIDDEN') {
    expect(d.state).toBe(state);
    expect(JSON.stringify(d.events)).toBe(log);
    return checked.rule;
  }
  const r = d.execute(c);
  if (!isRefusal(r)) throw new Error(`${c.type} at ${iso(c.at)} was not refused: ${types(r).join(', ')}`);
  expect(checked).toEqual(r);
  expect(d.state).toBe(state);
  expect(JSON.stringify(d.events)).toBe(log);
  return r.rule;
}

const types = (events: readonly RecordedEvent[]): string[] => events.map((e) => e.event.type);

/** Event types, with an alert's kind, scope, agency and instant: 'AlertRaised:NEAR_DUE/STAGE/B@…'. */
const seq = (events: readonly RecordedEvent[]): string[] =>
  events.map(({ event: e }) =>
    e.type === 'AlertRaised' ? `AlertRaised:${e.alert}/${e.scope}/${e.agency ?? '-'}@${iso(e.at)}` : e.type,
  );

const only = <T extends DossierEvent['type']>(events: readonly RecordedEvent[], type: T): EventOf<T> => {
  const found = events.filter((e) => e.event.type === type);
  expect(found).toHaveLength(1);
  return found[0].event as EventOf<T>;
};

/** The timers the dossier's state arms now, as 'TYPE/SCOPE/agency@instant', in firing order. */
const armed = (d: Dossier): string[] => armedTimers(d.state).map((t) => `${t.type}/${t.scope}/${t.agency ?? '-'}@${iso(t.at)}`);

const alert = (type: string, scope: string, agency: string | null, local: string) => `${type}/${scope}/${agency ?? '-'}@${vn(local)}`;
const raisedAlerts = (d: Dossier): string[] =>
  d.state.alerts.map((a) => `${a.type}/${a.scope}/${a.agency ?? '-'}@${iso(a.at)}`).sort();

const member$ = (d: Dossier, index: number) => d.state.members[index];

// ---------------------------------------------------------------------------------------------
// §3 intake
// ---------------------------------------------------------------------------------------------

describe('intake (ONE-STOP.md §3 step 2)', () => {
  const P = procedure(WD(3), [member('A', WD(3))]);

  it('a supplement at intake runs no clock; the resubmission is accepted and starts the clock (Form 01)', () => {
    const d = dossierFor(P, '2026-03-02 09:00');

    expect(types(run(d, cmd.submit('2026-03-02 09:10')))).toEqual(['DossierSubmitted']);
    expect(d.state.status).toBe('SUBMITTED');

    expect(types(run(d, cmd.intakeSupplement('2026-03-02 09:20')))).toEqual(['IntakeSupplementRequested']);
    expect(d.state.status).toBe('INTAKE_SUPPLEMENT');
    expect(d.state.clock).toBeNull();
    expect(appointmentOf(d.state)).toBeNull();
    expect(armed(d)).toEqual([]);
    expect(refused(d, cmd.accept('2026-03-02 09:30'))).toBe('LIFECYCLE.ACTION_NOT_ALLOWED');

    const resubmitted = run(d, cmd.submit('2026-03-04 14:00'));
    expect(types(resubmitted)).toEqual(['DossierSubmitted']);
    expect(iso(d.state.submittedAt)).toBe(vn('2026-03-04 14:00'));

    const accepted = run(d, cmd.accept('2026-03-04 14:10'));
    expect(types(accepted)).toEqual(['DossierAccepted', 'StageStarted', 'DossierHandedOff']);
    const a = only(accepted, 'DossierAccepted');
    // Wed 4/3 14:10 + 3 WD: Thu 5, Fri 6, Mon 9 → Mon 9/3 17:00; the day before is Fri 6/3.
    expect(iso(a.clockStartedAt)).toBe(vn('2026-03-04 14:10'));
    expect(iso(a.deadline.at)).toBe(vn('2026-03-09 17:00'));
    expect(iso(a.deadline.nearDueAt)).toBe(vn('2026-03-06 08:00'));
    expect(iso(a.deadline.apologyBy)).toBe(vn('2026-03-06 17:00'));
    expect(a.deadline.calendar).toBe(VN_GOV.version);
    const s = only(accepted, 'StageStarted');
    expect(s.stage).toBe(0);
    expect(iso(s.at)).toBe(vn('2026-03-04 14:10'));
    expect(s.members.map((m) => [m.member, m.agency, iso(m.deadline.at)])).toEqual([[0, 'A', vn('2026-03-09 17:00')]]);
    expect(d.state.status).toBe('IN_PROCESSING');
    expect(holders(d.state).map((m) => m.agency)).toEqual(['A']);
  });

  it('a refusal at intake is terminal and no clock ever ran', () => {
    const d = dossierFor(P, '2026-03-16 09:00');
    run(d, cmd.submit('2026-03-16 09:20'));
    const refusedAtIntake = run(d, cmd.refuseIntake('2026-03-16 09:30'));
    expect(types(refusedAtIntake)).toEqual(['IntakeRefused']);
    expect(only(refusedAtIntake, 'IntakeRefused').reasons).toEqual(['NOT_COMPETENT']);
    expect(d.state.status).toBe('REFUSED');
    expect(d.state.clock).toBeNull();
    expect(d.state.acceptedAt).toBeNull();
    expect(d.nextTimerAt()).toBeNull();
    expect(toView(d.state, at('2026-04-30 09:00')).appointment).toBeNull();
    for (const c of [
      cmd.accept('2026-03-16 09:40'),
      cmd.submit('2026-03-16 09:40'),
      cmd.intakeSupplement('2026-03-16 09:40'),
      cmd.refuseIntake('2026-03-16 09:40'),
      cmd.withdraw('2026-03-16 09:40'),
      cmd.complete('2026-03-16 09:40', 'A'),
    ]) {
      expect(refused(d, c)).toBe('LIFECYCLE.ACTION_NOT_ALLOWED');
    }
  });

  it('intake decisions are only taken on a SUBMITTED dossier', () => {
    const d = dossierFor(P, '2026-03-02 09:00');
    expect(refused(d, cmd.accept('2026-03-02 09:05'))).toBe('LIFECYCLE.ACTION_NOT_ALLOWED');
    expect(refused(d, cmd.refuseIntake('2026-03-02 09:05'))).toBe('LIFECYCLE.ACTION_NOT_ALLOWED');
    run(d, cmd.submit('2026-03-02 09:10'), cmd.accept('2026-03-02 09:20'));
    expect(refused(d, cmd.refuseIntake('2026-03-02 09:30'))).toBe('LIFECYCLE.ACTION_NOT_ALLOWED');
    expect(refused(d, cmd.intakeSupplement('2026-03-02 09:30'))).toBe('LIFECYCLE.ACTION_NOT_ALLOWED');
    expect(refused(d, cmd.accept('2026-03-02 09:30'))).toBe('LIFECYCLE.ACTION_NOT_ALLOWED');
    expect(refused(d, cmd.submit('2026-03-02 09:30'))).toBe('LIFECYCLE.ACTION_NOT_ALLOWED');
  });
});

// ---------------------------------------------------------------------------------------------
// §5 postal intake: the clock starts at the handover
// ---------------------------------------------------------------------------------------------

describe('postal intake (ONE-STOP.md §5, §6 "the starting event")', () => {
  it('pickup, handover, acceptance: the clock starts at the signed handover, not at acceptance', () => {
    const P = procedure(SAME_DAY, [member('A', SAME_DAY)], { cutoff: '15:00' });
    const d = dossierFor(P, '2026-03-06 15:00');
    expect(types(run(d, cmd.requestPickup('2026-03-06 15:00')))).toEqual(['PostalPickupRequested']);
    expect(d.state.status).toBe('PICKUP_REQUESTED');
    expect(types(run(d, cmd.pickedUp('2026-03-09 08:10', 'EB123456785VN')))).toEqual(['PostalPickedUp']);
    expect(d.state.status).toBe('PICKED_UP');
    const handedOver = run(d, cmd.handover('2026-03-09 10:00', 'EB123456785VN'));
    expect(types(handedOver)).toEqual(['DossierSubmitted']);
    expect(only(handedOver, 'DossierSubmitted')).toMatchObject({ channel: 'POSTAL', waybill: 'EB123456785VN' });
    expect(armed(d)).toEqual([]);

    const accepted = run(d, cmd.accept('2026-03-09 15:30'));
    expect(types(accepted)).toEqual(['DossierAccepted', 'StageStarted', 'DossierHandedOff']);
    const a = only(accepted, 'DossierAccepted');
    // Handover Mon 10:00, before the 15:00 cut-off → due Mon 17:00 (acceptance at 15:30 would give Tue).
    expect(iso(a.at)).toBe(vn('2026-03-09 15:30'));
    expect(iso(a.clockStartedAt)).toBe(vn('2026-03-09 10:00'));
    expect(iso(a.deadline.at)).toBe(vn('2026-03-09 17:00'));
    // The working day before (Fri 6/3) is before the clock: no near-due, the apology deadline is the due instant.
    expect(a.deadline.nearDueAt).toBeNull();
    expect(iso(a.deadline.apologyBy)).toBe(vn('2026-03-09 17:00'));
    const s = only(accepted, 'StageStarted');
    expect(iso(s.at)).toBe(vn('2026-03-09 15:30'));
    expect(iso(s.members[0].deadline.at)).toBe(vn('2026-03-09 17:00'));
    expect(iso(d.state.clock!.firstStartedAt)).toBe(vn('2026-03-09 10:00'));
  });

  it('the same procedure at the counter, accepted at 15:30, is due the next working day (control)', () => {
    const d = dossierFor(procedure(SAME_DAY, [member('A', SAME_DAY)], { cutoff: '15:00' }), '2026-03-09 15:20');
    const accepted = run(d, cmd.submit('2026-03-09 15:20'), cmd.accept('2026-03-09 15:30'));
    expect(iso(only(accepted, 'DossierAccepted').deadline.at)).toBe(vn('2026-03-10 17:00'));
  });

  it('handed over on a Saturday with 1 working day: due Monday 17:00; processing time counts from the handover', () => {
    const d = dossierFor(procedure(WD(1), [member('A', WD(1))]), '2026-03-14 10:00');
    run(d, cmd.handover('2026-03-14 10:00'));
    const a = only(run(d, cmd.accept('2026-03-16 08:30')), 'DossierAccepted');
    expect(iso(a.clockStartedAt)).toBe(vn('2026-03-14 10:00'));
    expect(iso(a.deadline.at)).toBe(vn('2026-03-16 17:00'));
    expect(a.deadline.nearDueAt).toBeNull();
    const done = run(d, cmd.complete('2026-03-16 11:00', 'A'));
    expect(types(done)).toEqual(['StagePartCompleted', 'ResultReady', 'DossierHandedOff']);
    // Sat 10:00 → Mon 11:00 = 49 h (the metric clock counts from the legal clock's start).
    expect(only(done, 'ResultReady')).toMatchObject({ outcome: 'ON_TIME', processingMs: 49 * HOUR });
  });

  // §6: "The first stage starts at the same instant as the legal clock", which for the post is the
  // handover, although the StageStarted event itself is recorded at the acceptance.
  it('the first stage of a postal dossier starts (clockStartedAt) at the handover, like the legal clock', () => {
    const d = dossierFor(procedure(WD(3), [member('A', WD(3))]), '2026-03-06 16:00');
    run(d, cmd.handover('2026-03-06 16:00'), cmd.accept('2026-03-09 08:30'));
    expect(iso(member$(d, 0).clockStartedAt)).toBe(vn('2026-03-06 16:00'));
  });

  it('a procedure that needs the applicant in person refuses the post', () => {
    const d = dossierFor(procedure(WD(3), [member('A', WD(3))], { postal: false }), '2026-03-02 09:00');
    expect(refused(d, cmd.requestPickup('2026-03-02 09:05'))).toBe('POSTAL.NOT_FOR_PROCEDURE');
    expect(refused(d, cmd.handover('2026-03-02 09:05'))).toBe('POSTAL.NOT_FOR_PROCEDURE');
    run(d, cmd.submit('2026-03-02 09:10'), cmd.accept('2026-03-02 09:20'), cmd.complete('2026-03-03 10:00', 'A'));
    expect(refused(d, cmd.return('2026-03-03 11:00', 'POSTAL'))).toBe('POSTAL.NOT_FOR_PROCEDURE');
    expect(types(run(d, cmd.return('2026-03-03 11:00', 'COUNTER')))).toEqual(['ResultReturned']);
  });
});

// ---------------------------------------------------------------------------------------------
// §4 routes: sequential stages and a parallel group
// ---------------------------------------------------------------------------------------------

describe('inter-agency route (ONE-STOP.md §4)', () => {
  // Limit 4 WD; critical path 1 + 1.5 + 1 = 3.5 WD.
  const P = procedure(WD(4), [member('A', WD(1)), parallel(['B', WH(4)], ['C', WD(1.5)]), member('D', WD(1))]);

  it('a parallel group completes only when every member has; the next stage starts at that instant; the result is ready after the last', () => {
    const d = dossierFor(P, '2026-07-06 09:10');
    run(d, cmd.submit('2026-07-06 09:10'));
    const accepted = run(d, cmd.accept('2026-07-06 09:30'));
    // Mon 6/7 09:30 + 4 WD → Fri 10/7 17:00; A: 1 WD → Tue 7/7 17:00.
    expect(iso(only(accepted, 'DossierAccepted').deadline.at)).toBe(vn('2026-07-10 17:00'));
    expect(iso(only(accepted, 'StageStarted').members[0].deadline.at)).toBe(vn('2026-07-07 17:00'));

    const afterA = run(d, cmd.complete('2026-07-07 10:10', 'A'));
    expect(seq(afterA)).toEqual(['StagePartCompleted', 'StageStarted', 'DossierHandedOff', 'DossierHandedOff']);
    expect(only(afterA, 'StagePartCompleted')).toMatchObject({ member: 0, agency: 'A', outcome: 'ON_TIME' });
    const group = only(afterA, 'StageStarted');
    expect(group.stage).toBe(1);
    expect(iso(group.at)).toBe(vn('2026-07-07 10:10'));
    // B: 4 office hours from Tue 10:10 (1 h 50 before noon, 2 h 10 after) → 15:10.
    // C: 1.5 WD → Wed 8/7 17:00 + 4 h → Thu 9/7 12:00.
    expect(group.members.map((m) => [m.member, m.agency, iso(m.deadline.at)])).toEqual([
      [1, 'B', vn('2026-07-07 15:10')],
      [2, 'C', vn('2026-07-09 12:00')],
    ]);
    expect(holders(d.state).map((m) => m.agency)).toEqual(['B', 'C']);

    // C finishes first: the group is not complete. B's overdue (Tue 15:10) and C's near-due
    // (Wed 08:00) are recorded first, at their own instants.
    const afterC = run(d, cmd.complete('2026-07-08 09:10', 'C'));
    expect(seq(afterC)).toEqual([
      `AlertRaised:OVERDUE/STAGE/B@${vn('2026-07-07 15:10')}`,
      `AlertRaised:NEAR_DUE/STAGE/C@${vn('2026-07-08 08:00')}`,
      'StagePartCompleted',
    ]);
    expect(only(afterC, 'StagePartCompleted')).toMatchObject({ agency: 'C', outcome: 'EARLY' });
    expect(d.state.status).toBe('IN_PROCESSING');
    expect(d.state.currentStage).toBe(1);
    expect(holders(d.state).map((m) => m.agency)).toEqual(['B']);
    expect(member$(d, 3).startedAt).toBeNull();

    // B finishes last (late): the next stage starts at that very instant.
    const afterB = run(d, cmd.complete('2026-07-09 09:20', 'B'));
    // The join: each member of the group hands its part to the next stage.
    expect(seq(afterB)).toEqual([
      `AlertRaised:NEAR_DUE/DOSSIER/-@${vn('2026-07-09 08:00')}`,
      'StagePartCompleted',
      'StageStarted',
      'DossierHandedOff',
      'DossierHandedOff',
    ]);
    expect(only(afterB, 'StagePartCompleted')).toMatchObject({ agency: 'B', outcome: 'LATE' });
    const last = only(afterB, 'StageStarted');
    expect([last.stage, iso(last.at)]).toEqual([2, vn('2026-07-09 09:20')]);
    expect(last.members.map((m) => [m.member, m.agency, iso(m.deadline.at)])).toEqual([[3, 'D', vn('2026-07-10 17:00')]]);
    expect(iso(member$(d, 3).startedAt)).toBe(vn('2026-07-09 09:20'));

    const done = run(d, cmd.complete('2026-07-10 11:00', 'D'));
    expect(seq(done)).toEqual(['StagePartCompleted', 'ResultReady', 'DossierHandedOff']);
    // Mon 09:30 → Fri 11:00 = 4 days 1.5 h, no waiting.
    expect(only(done, 'ResultReady')).toMatchObject({ outcome: 'ON_TIME', processingMs: 4 * DAY + 1.5 * HOUR });
    expect(d.state.status).toBe('RESULT_READY');
    expect(iso(d.state.finishedAt)).toBe(vn('2026-07-10 11:00'));
    expect(d.state.members.map((m) => m.outcome)).toEqual(['ON_TIME', 'LATE', 'EARLY', 'ON_TIME']);
    expect(armed(d)).toEqual([]);
  });

  it('a member cannot complete twice, and the next stage cannot act before its turn', () => {
    const d = dossierFor(P, '2026-07-06 09:10');
    run(d, cmd.submit('2026-07-06 09:10'), cmd.accept('2026-07-06 09:30'));
    expect(refused(d, cmd.complete('2026-07-06 10:00', 'B'))).toBe('ROUTE.AGENCY_DOES_NOT_HOLD');
    expect(refused(d, cmd.complete('2026-07-06 10:00', 'D'))).toBe('ROUTE.AGENCY_DOES_NOT_HOLD');
    run(d, cmd.complete('2026-07-07 10:10', 'A'), cmd.complete('2026-07-07 11:00', 'C'));
    expect(refused(d, cmd.complete('2026-07-07 11:10', 'C'))).toBe('ROUTE.AGENCY_DOES_NOT_HOLD');
    expect(refused(d, cmd.complete('2026-07-07 11:10', 'A'))).toBe('ROUTE.AGENCY_DOES_NOT_HOLD');
  });

  it('an agency in two stages is two members, each with its own deadline and outcome', () => {
    const d = dossierFor(procedure(WD(6), [member('L', WD(2)), member('T', WD(1)), member('L', WD(3))]), '2026-03-02 09:00');
    run(d, cmd.submit('2026-03-02 09:00'), cmd.accept('2026-03-02 09:10'));
    run(d, cmd.complete('2026-03-03 10:00', 'L')); // Mon + 2 WD → Wed 4/3: EARLY
    expect(refused(d, cmd.complete('2026-03-03 11:00', 'L'))).toBe('ROUTE.AGENCY_DOES_NOT_HOLD');
    const next = run(d, cmd.complete('2026-03-04 10:00', 'T')); // Tue 10:00 + 1 WD → Wed 4/3 17:00
    expect(only(next, 'StageStarted').members.map((m) => [m.member, m.agency, iso(m.deadline.at)])).toEqual([
      [2, 'L', vn('2026-03-09 17:00')], // Wed 4/3 + 3 WD: Thu, Fri, Mon
    ]);
    run(d, cmd.complete('2026-03-09 16:00', 'L'));
    expect(d.state.members.map((m) => [m.agency, m.outcome])).toEqual([
      ['L', 'EARLY'],
      ['T', 'ON_TIME'],
      ['L', 'ON_TIME'],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// §3 step 4: supplement after appraisal
// ---------------------------------------------------------------------------------------------

describe('supplement requested after appraisal (ONE-STOP.md §3 step 4, Art. 19(4))', () => {
  const P = procedure(WD(10), [member('A', WD(10))]);
  const accepted = (submitAt: string, acceptAt: string, p = P) => {
    const d = dossierFor(p, submitAt);
    run(d, cmd.submit(submitAt), cmd.accept(acceptAt));
    return d;
  };

  it('within 3 working days of receipt: recorded, not flagged; the dossier waits', () => {
    const d = accepted('2026-03-02 09:10', '2026-03-02 09:20');
    const requested = run(d, cmd.requestSupplement('2026-03-05 16:00', 'A')); // Mon → Thu = 3
    expect(types(requested)).toEqual(['SupplementRequested']);
    expect(only(requested, 'SupplementRequested')).toMatchObject({ member: 0, agency: 'A', workingDaysSinceReceipt: 3, late: false, missing: ['BAN_VE'] });
    expect(d.state.status).toBe('SUPPLEMENT_PENDING');
    expect([d.state.supplementRequests, d.state.lateSupplementRequests]).toEqual([1, 0]);
  });

  it('more than 3 working days after receipt: still recorded (not refused), flagged late: true', () => {
    const d = accepted('2026-03-02 09:10', '2026-03-02 09:20');
    const requested = run(d, cmd.requestSupplement('2026-03-06 09:00', 'A')); // Mon → Fri = 4
    expect(only(requested, 'SupplementRequested')).toMatchObject({ workingDaysSinceReceipt: 4, late: true });
    expect(d.state.status).toBe('SUPPLEMENT_PENDING');
    expect([d.state.supplementRequests, d.state.lateSupplementRequests]).toEqual([1, 1]);
  });

  it('the 3 working days skip the weekend (Fri → Wed is 3)', () => {
    const d = accepted('2026-03-06 09:50', '2026-03-06 10:00');
    expect(only(run(d, cmd.requestSupplement('2026-03-11 16:00', 'A')), 'SupplementRequested')).toMatchObject({ workingDaysSinceReceipt: 3, late: false });
    const e = accepted('2026-03-06 09:50', '2026-03-06 10:00');
    expect(only(run(e, cmd.requestSupplement('2026-03-12 08:30', 'A')), 'SupplementRequested')).toMatchObject({ workingDaysSinceReceipt: 4, late: true });
  });

  it('a later stage counts from its own handoff, not from the acceptance', () => {
    const d = accepted('2026-03-02 09:10', '2026-03-02 09:20', procedure(WD(10), [member('A', WD(1)), member('B', WD(9))]));
    run(d, cmd.complete('2026-03-03 10:00', 'A'));
    // B received it Tue 3/3: Wed, Thu, Fri = 3 (from the acceptance it would be 4).
    expect(only(run(d, cmd.requestSupplement('2026-03-06 15:00', 'B')), 'SupplementRequested')).toMatchObject({ agency: 'B', workingDaysSinceReceipt: 3, late: false });
  });

  it('nothing but the supplement (or a withdrawal) moves a waiting dossier', () => {
    const d = accepted('2026-03-02 09:10', '2026-03-02 09:20');
    run(d, cmd.requestSupplement('2026-03-03 10:00', 'A'));
    for (const c of [
      cmd.complete('2026-03-04 10:00', 'A'),
      cmd.reject('2026-03-04 10:00', 'A'),
      cmd.requestSupplement('2026-03-04 10:00', 'A'),
      cmd.apologize('2026-03-04 10:00', 'A', '2026-03-31 17:00'),
      cmd.return('2026-03-04 10:00', 'COUNTER'),
    ]) {
      expect(refused(d, c)).toBe('LIFECYCLE.ACTION_NOT_ALLOWED');
    }
    expect(refused(d, cmd.supplement('2026-03-02 09:00'))).toBe('LIFECYCLE.TIME_OUT_OF_ORDER');
  });

  it('a supplement is refused unless the dossier waits for one', () => {
    const d = accepted('2026-03-02 09:10', '2026-03-02 09:20');
    expect(refused(d, cmd.supplement('2026-03-03 10:00'))).toBe('LIFECYCLE.ACTION_NOT_ALLOWED');
  });

  it('the dossier and the current stage\'s unfinished members restart from the arrival; finished members keep theirs', () => {
    // Limit 5 WD; [B 2 WD ‖ C 3 WD] then D 2 WD.
    const d = accepted('2026-07-06 09:10', '2026-07-06 09:30', procedure(WD(5), [parallel(['B', WD(2)], ['C', WD(3)]), member('D', WD(2))]));
    expect(iso(appointmentOf(d.state))).toBe(vn('2026-07-13 17:00'));
    expect(seq(run(d, cmd.complete('2026-07-07 10:00', 'B')))).toEqual([`AlertRaised:NEAR_DUE/STAGE/B@${vn('2026-07-07 08:00')}`, 'StagePartCompleted']);
    expect(only(run(d, cmd.requestSupplement('2026-07-07 11:00', 'C')), 'SupplementRequested')).toMatchObject({ agency: 'C', workingDaysSinceReceipt: 1, late: false });
    expect(armed(d)).toEqual([]);

    // Fri 10/7 14:00. While waiting, C's near-due (Wed 8/7 08:00) and overdue (Thu 9/7 17:00)
    // and the dossier's near-due (Fri 10/7 08:00) passed without firing.
    const arrived = run(d, cmd.supplement('2026-07-10 14:00'));
    expect(seq(arrived)).toEqual(['SupplementReceived']);
    const r = only(arrived, 'SupplementReceived');
    // Dossier: 5 WD from Fri 10/7 → Mon 13, Tue 14, Wed 15, Thu 16, Fri 17 → Fri 17/7 17:00.
    expect(iso(r.deadline.at)).toBe(vn('2026-07-17 17:00'));
    expect(iso(r.deadline.nearDueAt)).toBe(vn('2026-07-16 08:00'));
    expect(iso(r.deadline.apologyBy)).toBe(vn('2026-07-16 17:00'));
    // Only C restarts: 3 WD → Wed 15/7 17:00. B is finished and keeps its due and outcome.
    expect(r.restarted.map((m) => [m.member, m.agency, iso(m.deadline.at)])).toEqual([[1, 'C', vn('2026-07-15 17:00')]]);
    expect(r.waitedMs).toBe(3 * DAY + 3 * HOUR);
    expect(d.state.status).toBe('IN_PROCESSING');
    expect(iso(d.state.clock!.startedAt)).toBe(vn('2026-07-10 14:00'));
    expect(iso(d.state.clock!.firstStartedAt)).toBe(vn('2026-07-06 09:30'));
    expect([iso(member$(d, 0).deadline!.at), member$(d, 0).outcome]).toEqual([vn('2026-07-08 17:00'), 'EARLY']);
    expect(iso(member$(d, 1).clockStartedAt)).toBe(vn('2026-07-10 14:00'));
    expect(armed(d)).toEqual([
      alert('NEAR_DUE', 'STAGE', 'C', '2026-07-14 08:00'),
      alert('OVERDUE', 'STAGE', 'C', '2026-07-15 17:00'),
      alert('NEAR_DUE', 'DOSSIER', null, '2026-07-16 08:00'),
      alert('OVERDUE', 'DOSSIER', null, '2026-07-17 17:00'),
      alert('APOLOGY_MISSED', 'DOSSIER', null, '2026-07-17 17:00'),
    ]);

    const afterC = run(d, cmd.complete('2026-07-14 10:00', 'C'));
    expect(seq(afterC)).toEqual([`AlertRaised:NEAR_DUE/STAGE/C@${vn('2026-07-14 08:00')}`, 'StagePartCompleted', 'StageStarted', 'DossierHandedOff', 'DossierHandedOff']);
    expect(only(afterC, 'StagePartCompleted').outcome).toBe('EARLY');
    expect(only(afterC, 'StageStarted').members.map((m) => iso(m.deadline.at))).toEqual([vn('2026-07-16 17:00')]); // Tue + 2 WD

    // The metric clock (Decision 766): Mon 6/7 09:30 → Thu 16/7 11:00 is 10 d 1.5 h, less 3 d 3 h waited.
    const done = run(d, cmd.complete('2026-07-16 11:00', 'D'));
    expect(seq(done)).toEqual([
      `AlertRaised:NEAR_DUE/STAGE/D@${vn('2026-07-15 08:00')}`,
      `AlertRaised:NEAR_DUE/DOSSIER/-@${vn('2026-07-16 08:00')}`,
      'StagePartCompleted',
      'ResultReady',
      'DossierHandedOff',
    ]);
    expect(only(done, 'ResultReady')).toMatchObject({ outcome: 'EARLY', processingMs: 10 * DAY + 1.5 * HOUR - (3 * DAY + 3 * HOUR) });
    expect(d.state.waitedMs).toBe(3 * DAY + 3 * HOUR);
    expect(toView(d.state, at('2026-07-16 11:00')).metric).toEqual({ processingMs: 7 * DAY - 1.5 * HOUR, waitedMs: 3 * DAY + 3 * HOUR });
  });

  it('the metric clock adds up several waits', () => {
    const d = accepted('2026-03-02 09:10', '2026-03-02 09:20', procedure(WD(10), [member('A', WD(10))], { supplementsAllowed: 2 }));
    run(d, cmd.requestSupplement('2026-03-03 09:20', 'A'), cmd.supplement('2026-03-04 09:20')); // 1 day
    run(d, cmd.requestSupplement('2026-03-05 09:20', 'A'), cmd.supplement('2026-03-05 11:20')); // 2 h
    const done = run(d, cmd.complete('2026-03-06 09:20', 'A')); // 4 days after the start
    expect(only(done, 'ResultReady').processingMs).toBe(4 * DAY - DAY - 2 * HOUR);
    expect(d.state.waitedMs).toBe(DAY + 2 * HOUR);
  });

  describe('how many requests (product decision: one unless the procedure allows more)', () => {
    it('default: a second request is refused', () => {
      const d = accepted('2026-03-02 09:10', '2026-03-02 09:20');
      run(d, cmd.requestSupplement('2026-03-03 10:00', 'A'), cmd.supplement('2026-03-04 10:00'));
      expect(refused(d, cmd.requestSupplement('2026-03-05 10:00', 'A'))).toBe('SUPPLEMENT.LIMIT_REACHED');
    });

    it('supplementsAllowed: 2 allows a second request and refuses a third', () => {
      const d = accepted('2026-03-02 09:10', '2026-03-02 09:20', procedure(WD(10), [member('A', WD(10))], { supplementsAllowed: 2 }));
      run(d, cmd.requestSupplement('2026-03-03 10:00', 'A'), cmd.supplement('2026-03-04 10:00'));
      const second = run(d, cmd.requestSupplement('2026-03-05 10:00', 'A'));
      expect(types(second)).toEqual(['SupplementRequested']);
      expect(d.state.supplementRequests).toBe(2);
      run(d, cmd.supplement('2026-03-06 10:00'));
      expect(refused(d, cmd.requestSupplement('2026-03-09 10:00', 'A'))).toBe('SUPPLEMENT.LIMIT_REACHED');
    });

    it('supplementsAllowed: 0 refuses the first request', () => {
      const d = accepted('2026-03-02 09:10', '2026-03-02 09:20', procedure(WD(10), [member('A', WD(10))], { supplementsAllowed: 0 }));
      expect(refused(d, cmd.requestSupplement('2026-03-03 10:00', 'A'))).toBe('SUPPLEMENT.LIMIT_REACHED');
      expect(d.state.status).toBe('IN_PROCESSING');
    });
  });
});

// ---------------------------------------------------------------------------------------------
// §3 step 4: refused after appraisal
// ---------------------------------------------------------------------------------------------

describe('refusal after appraisal (ONE-STOP.md §3 step 4)', () => {
  // Limit 4 WD; A 1 WD, then [B 2 WD ‖ C 3 WD].
  const P = procedure(WD(4), [member('A', WD(1)), parallel(['B', WD(2)], ['C', WD(3)])]);
  const inGroup = () => {
    const d = dossierFor(P, '2026-07-06 09:10');
    run(d, cmd.submit('2026-07-06 09:10'), cmd.accept('2026-07-06 09:30'), cmd.complete('2026-07-07 10:00', 'A'));
    // From Tue 10:00: B → Thu 9/7 17:00, C → Fri 10/7 17:00; dossier → Fri 10/7 17:00.
    return d;
  };

  it('one member rejects: REJECTED, that member finished with its own outcome, the others left unfinished', () => {
    const d = inGroup();
    const rejected = run(d, cmd.reject('2026-07-08 15:00', 'B'));
    expect(seq(rejected)).toEqual([`AlertRaised:NEAR_DUE/STAGE/B@${vn('2026-07-08 08:00')}`, 'DossierRejected', 'DossierHandedOff']);
    expect(only(rejected, 'DossierRejected')).toMatchObject({
      member: 1,
      agency: 'B',
      memberOutcome: 'EARLY',
      outcome: 'EARLY',
      processingMs: 2 * DAY + 5.5 * HOUR,
      reasons: ['NOT_ELIGIBLE'],
    });
    expect(d.state.status).toBe('REJECTED');
    expect(d.state.outcome).toBe('EARLY');
    expect(iso(d.state.finishedAt)).toBe(vn('2026-07-08 15:00'));
    expect(d.state.members.map((m) => [m.agency, iso(m.finishedAt), m.outcome])).toEqual([
      ['A', vn('2026-07-07 10:00'), 'ON_TIME'],
      ['B', vn('2026-07-08 15:00'), 'EARLY'],
      ['C', null, null],
    ]);
    expect(iso(member$(d, 2).deadline!.at)).toBe(vn('2026-07-10 17:00'));
    expect(armed(d)).toEqual([]);
    // Terminal: no return step, nothing else.
    expect(refused(d, cmd.complete('2026-07-08 15:30', 'C'))).toBe('LIFECYCLE.ACTION_NOT_ALLOWED');
    expect(refused(d, cmd.return('2026-07-08 15:30', 'COUNTER'))).toBe('LIFECYCLE.ACTION_NOT_ALLOWED');
    expect(refused(d, cmd.withdraw('2026-07-08 15:30'))).toBe('LIFECYCLE.ACTION_NOT_ALLOWED');
  });

  it('a rejection after the appointment is LATE for the dossier, and for the member against its own allotment', () => {
    const d = inGroup();
    run(d, cmd.complete('2026-07-08 11:00', 'B'));
    const rejected = run(d, cmd.reject('2026-07-13 10:00', 'C'));
    expect(types(rejected).slice(-2)).toEqual(['DossierRejected', 'DossierHandedOff']);
    expect(only(rejected, 'DossierRejected')).toMatchObject({ agency: 'C', memberOutcome: 'LATE', outcome: 'LATE' });
    expect(raisedAlerts(d)).toEqual(
      [
        alert('NEAR_DUE', 'STAGE', 'B', '2026-07-08 08:00'),
        alert('NEAR_DUE', 'STAGE', 'C', '2026-07-09 08:00'),
        alert('NEAR_DUE', 'DOSSIER', null, '2026-07-09 08:00'),
        alert('OVERDUE', 'STAGE', 'C', '2026-07-10 17:00'),
        alert('OVERDUE', 'DOSSIER', null, '2026-07-10 17:00'),
        alert('APOLOGY_MISSED', 'DOSSIER', null, '2026-07-10 17:00'),
      ].sort(),
    );
    expect(d.state.members.map((m) => m.outcome)).toEqual(['ON_TIME', 'EARLY', 'LATE']);
  });
});

// ---------------------------------------------------------------------------------------------
// §6 apology (Form 04)
// ---------------------------------------------------------------------------------------------

describe('apology with a new appointment (ONE-STOP.md §6, Form 04)', () => {
  // Limit 5 WD from Mon 2/3/2026 09:20 → Mon 9/3 17:00; apology deadline Fri 6/3 17:00. A 2 WD → Wed 4/3.
  const P = procedure(WD(5), [member('A', WD(2)), member('B', WD(3))]);
  const accepted = (p = P) => {
    const d = dossierFor(p, '2026-03-02 09:10');
    run(d, cmd.submit('2026-03-02 09:10'), cmd.accept('2026-03-02 09:20'));
    return d;
  };

  it('only the holding agency may apologise', () => {
    const d = accepted();
    expect(refused(d, cmd.apologize('2026-03-03 10:00', 'B', '2026-03-11 17:00'))).toBe('ROUTE.AGENCY_DOES_NOT_HOLD');
    // An agency not on the route at all is not an agency that does not hold: it may not act (403).
    expect(refused(d, cmd.apologize('2026-03-03 10:00', 'X', '2026-03-11 17:00'))).toBe('ACCESS.NOT_ON_ROUTE');
    run(d, cmd.complete('2026-03-03 11:00', 'A'));
    expect(refused(d, cmd.apologize('2026-03-03 12:00', 'A', '2026-03-11 17:00'))).toBe('ROUTE.AGENCY_DOES_NOT_HOLD');
    expect(types(run(d, cmd.apologize('2026-03-03 12:00', 'B', '2026-03-11 17:00')))).toEqual(['ApologyIssued']);
  });

  it('only while IN_PROCESSING', () => {
    const d = dossierFor(P, '2026-03-02 09:10');
    run(d, cmd.submit('2026-03-02 09:10'));
    expect(refused(d, cmd.apologize('2026-03-02 09:15', 'A', '2026-03-11 17:00'))).toBe('LIFECYCLE.ACTION_NOT_ALLOWED');
    run(d, cmd.accept('2026-03-02 09:20'), cmd.requestSupplement('2026-03-02 10:00', 'A'));
    expect(refused(d, cmd.apologize('2026-03-02 11:00', 'A', '2026-03-11 17:00'))).toBe('LIFECYCLE.ACTION_NOT_ALLOWED');
    run(d, cmd.supplement('2026-03-03 09:00'), cmd.complete('2026-03-03 10:00', 'A'), cmd.complete('2026-03-04 10:00', 'B'));
    expect(d.state.status).toBe('RESULT_READY');
    expect(refused(d, cmd.apologize('2026-03-04 11:00', 'B', '2026-03-11 17:00'))).toBe('LIFECYCLE.ACTION_NOT_ALLOWED');
  });

  it('the new appointment must be later than the final appointment and than the command\'s own instant', () => {
    const d = accepted();
    expect(refused(d, cmd.apologize('2026-03-03 10:00', 'A', '2026-03-09 17:00'))).toBe('APOLOGY.NOT_LATER_THAN_APPOINTMENT');
    expect(refused(d, cmd.apologize('2026-03-03 10:00', 'A', '2026-03-09 16:59'))).toBe('APOLOGY.NOT_LATER_THAN_APPOINTMENT');
    expect(refused(d, cmd.apologize('2026-03-03 10:00', 'A', '2026-03-05 17:00'))).toBe('APOLOGY.NOT_LATER_THAN_APPOINTMENT');

    // Past the appointment: later than it but already past → not in the future.
    const late = accepted(procedure(WD(5), [member('A', WD(5))]));
    expect(refused(late, cmd.apologize('2026-03-10 10:00', 'A', '2026-03-10 09:00'))).toBe('APOLOGY.NOT_IN_FUTURE');
    expect(refused(late, cmd.apologize('2026-03-10 10:00', 'A', '2026-03-10 10:00'))).toBe('APOLOGY.NOT_IN_FUTURE');
    const given = run(late, cmd.apologize('2026-03-10 10:00', 'A', '2026-03-12 17:00'));
    expect(seq(given).slice(-1)).toEqual(['ApologyIssued']);
    expect(only(given, 'ApologyIssued')).toMatchObject({ agency: 'A', byDeadline: false });
  });

  it('at most one: a second apology is refused, whoever gives it', () => {
    const d = accepted();
    const given = run(d, cmd.apologize('2026-03-03 10:00', 'A', '2026-03-11 17:00'));
    // A (2 WD → Wed 4/3) had its near-due at Tue 3/3 08:00: recorded first.
    expect(seq(given)).toEqual([`AlertRaised:NEAR_DUE/STAGE/A@${vn('2026-03-03 08:00')}`, 'ApologyIssued']);
    const e = only(given, 'ApologyIssued');
    expect([e.agency, iso(e.newAppointment), e.byDeadline]).toEqual(['A', vn('2026-03-11 17:00'), true]);
    expect(iso(appointmentOf(d.state))).toBe(vn('2026-03-09 17:00'));
    expect(iso(finalAppointmentOf(d.state))).toBe(vn('2026-03-11 17:00'));
    // The envelope (§7) carries the current due instant and the final one.
    const envelope = given[given.length - 1];
    expect([iso(envelope.dueAt), iso(envelope.finalDueAt)]).toEqual([vn('2026-03-09 17:00'), vn('2026-03-11 17:00')]);

    expect(refused(d, cmd.apologize('2026-03-03 11:00', 'A', '2026-03-13 17:00'))).toBe('APOLOGY.ALREADY_GIVEN');
    run(d, cmd.complete('2026-03-04 10:00', 'A'));
    expect(refused(d, cmd.apologize('2026-03-04 11:00', 'B', '2026-03-13 17:00'))).toBe('APOLOGY.ALREADY_GIVEN');
    expect(toView(d.state, at('2026-03-04 11:00')).apologies).toBe(1);
  });

  it('a supplement after an apology resets the final appointment to the restarted one; the apology still counts', () => {
    const d = accepted(procedure(WD(5), [member('A', WD(5))]));
    run(d, cmd.apologize('2026-03-03 10:00', 'A', '2026-03-11 17:00'));
    expect(armed(d)).toContain(alert('RESCHEDULE_MISSED', 'DOSSIER', null, '2026-03-11 17:00'));
    run(d, cmd.requestSupplement('2026-03-04 10:00', 'A'));
    const arrived = run(d, cmd.supplement('2026-03-10 09:00'));
    expect(types(arrived)).toEqual(['SupplementReceived']);
    // Tue 10/3 + 5 WD: Wed 11, Thu 12, Fri 13, Mon 16, Tue 17 → Tue 17/3 17:00.
    expect(iso(appointmentOf(d.state))).toBe(vn('2026-03-17 17:00'));
    expect(iso(finalAppointmentOf(d.state))).toBe(vn('2026-03-17 17:00'));
    expect(arrived[0].finalDueAt).toBe(at('2026-03-17 17:00'));
    expect(toView(d.state, at('2026-03-10 09:00')).apologies).toBe(1);
    expect(refused(d, cmd.apologize('2026-03-10 10:00', 'A', '2026-03-20 17:00'))).toBe('APOLOGY.ALREADY_GIVEN');
    // Re-armed from the restarted clocks, without a RESCHEDULE_MISSED for the old 11/3 17:00.
    // Reading of README "unless an apology was made by the apology deadline": the apology (3/3)
    // was made before the restarted apology deadline (Mon 16/3 17:00), so no APOLOGY_MISSED either.
    expect(armed(d)).toEqual([
      alert('NEAR_DUE', 'DOSSIER', null, '2026-03-16 08:00'),
      alert('NEAR_DUE', 'STAGE', 'A', '2026-03-16 08:00'),
      alert('OVERDUE', 'DOSSIER', null, '2026-03-17 17:00'),
      alert('OVERDUE', 'STAGE', 'A', '2026-03-17 17:00'),
    ]);
    expect(types(d.raiseDueAlerts(at('2026-03-12 09:00')))).toEqual([]);
  });

  /** The refusal check() gives (execute() gives the same, and changes nothing: see refused()). */
  const refusalOf = (d: Dossier, c: DossierCommand) => {
    const rule = refused(d, c);
    return { rule, message: d.check(c)!.message };
  };
  const apologyTo = (t: string, agency: string, newAppointment: string): DossierCommand => ({
    type: 'apologize',
    at: at(t),
    by: headOf(agency),
    agency,
    newAppointment,
  });

  it('the new appointment must be a working-time instant of the dossier\'s calendar, the closes 12:00 and 17:00 included', () => {
    const d = accepted();
    // Sunday 15/3 and Saturday 14/3 are not working days; 12:30 is the lunch break; 07:59 and 17:01 are outside.
    expect(refusalOf(d, cmd.apologize('2026-03-03 10:00', 'A', '2026-03-15 03:00'))).toEqual({
      rule: 'APOLOGY.NOT_WORKING_TIME',
      message: 'the new appointment 2026-03-15T03:00:00+07:00 is outside office hours: 2026-03-15 is not a working day',
    });
    expect(refused(d, cmd.apologize('2026-03-03 10:00', 'A', '2026-03-14 10:00'))).toBe('APOLOGY.NOT_WORKING_TIME');
    expect(refusalOf(d, cmd.apologize('2026-03-03 10:00', 'A', '2026-03-10 12:30'))).toEqual({
      rule: 'APOLOGY.NOT_WORKING_TIME',
      message: 'the new appointment 2026-03-10T12:30:00+07:00 is outside office hours: on 2026-03-10 the office is open 08:00–12:00, 13:00–17:00',
    });
    for (const outside of ['2026-03-10 07:59', '2026-03-10 12:01', '2026-03-10 12:59', '2026-03-10 17:01', '2026-03-10 23:00']) {
      expect([outside, refused(d, cmd.apologize('2026-03-03 10:00', 'A', outside))]).toEqual([outside, 'APOLOGY.NOT_WORKING_TIME']);
    }
    expect(refused(d, apologyTo('2026-03-03 10:00', 'A', '2026-03-10T17:00:01+07:00'))).toBe('APOLOGY.NOT_WORKING_TIME');
    expect(toView(d.state, at('2026-03-03 10:00')).apologies).toBe(0);

    for (const open of ['2026-03-10 08:00', '2026-03-10 12:00', '2026-03-10 13:00', '2026-03-10 17:00', '2026-03-13 15:45']) {
      const e = only(run(accepted(), cmd.apologize('2026-03-03 10:00', 'A', open)), 'ApologyIssued');
      expect(iso(e.newAppointment)).toBe(vn(open));
    }
  });

  it('at most double the legal time: no later than the appointment extended by the procedure\'s own limit (product decision)', () => {
    // Appointment Mon 9/3 17:00; + 5 WD from it: Tue 10, Wed 11, Thu 12, Fri 13, Mon 16 → bound Mon 16/3 17:00.
    const d = accepted();
    const beyond = {
      rule: 'APOLOGY.BEYOND_BOUND',
      message:
        'the new appointment may be at most 2026-03-16T17:00:00+07:00 (Vietnam time): the appointment 2026-03-09T17:00:00+07:00 extended by the procedure\'s time limit of 5 working day(s)',
    };
    expect(refusalOf(d, cmd.apologize('2026-03-03 10:00', 'A', '2026-03-17 08:00'))).toEqual(beyond);
    expect(refusalOf(d, apologyTo('2026-03-03 10:00', 'A', '2026-03-16T17:00:01+07:00'))).toEqual(beyond);
    // What the wire refuses is refused here too, should a command come by another way; the bound
    // comes first, so a date far out is never looked up in a calendar (nor written back).
    expect(refusalOf(d, apologyTo('2026-03-03 10:00', 'A', '9999-12-31T23:59:59Z'))).toEqual(beyond);
    expect(refusalOf(d, apologyTo('2026-03-03 10:00', 'A', '2100-01-01T08:00:00+07:00'))).toEqual(beyond);
    expect(refused(d, cmd.apologize('2026-03-03 10:00', 'A', '2026-03-22 03:00'))).toBe('APOLOGY.BEYOND_BOUND'); // a Sunday night, and too late
    expect(d.state.apology).toBeNull();

    const atBound = run(d, cmd.apologize('2026-03-03 10:00', 'A', '2026-03-16 17:00'));
    expect(iso(only(atBound, 'ApologyIssued').newAppointment)).toBe(vn('2026-03-16 17:00'));
    expect(iso(finalAppointmentOf(d.state))).toBe(vn('2026-03-16 17:00'));
  });

  it('the bound is counted with the dossier\'s calendar, across Tết 2026', () => {
    // Accepted Mon 2/2/2026 09:00, 5 WD: Tue 3, Wed 4, Thu 5, Fri 6, Mon 9 → 9/2 17:00.
    // Bound: Tue 10, Wed 11, Thu 12, Fri 13, (16–20/2 Tết and two weekends) Mon 23 → 23/2 17:00.
    const tet = () => {
      const d = dossierFor(P, '2026-02-02 08:50');
      run(d, cmd.submit('2026-02-02 08:50'), cmd.accept('2026-02-02 09:00'));
      expect(iso(appointmentOf(d.state))).toBe(vn('2026-02-09 17:00'));
      return d;
    };
    expect(refusalOf(tet(), cmd.apologize('2026-02-03 10:00', 'A', '2026-02-24 08:00')).message).toMatch(/at most 2026-02-23T17:00:00\+07:00/);
    expect(refusalOf(tet(), cmd.apologize('2026-02-03 10:00', 'A', '2026-02-18 10:00'))).toEqual({
      rule: 'APOLOGY.NOT_WORKING_TIME',
      message: 'the new appointment 2026-02-18T10:00:00+07:00 is outside office hours: 2026-02-18 is not a working day',
    });
    expect(types(run(tet(), cmd.apologize('2026-02-03 10:00', 'A', '2026-02-23 17:00')))).toContain('ApologyIssued');
  });

  it('the bound follows the procedure\'s unit: working hours, and the same day', () => {
    // 4 WH from Mon 2/3 09:20: 2 h 40 to 12:00, 1 h 20 from 13:00 → 14:20; bound + 4 WH: 2 h 40 to 17:00, 1 h 20 → Tue 3/3 09:20.
    const hours = () => accepted(procedure(WH(4), [member('A', WH(4))]));
    expect(iso(appointmentOf(hours().state))).toBe(vn('2026-03-02 14:20'));
    expect(refusalOf(hours(), cmd.apologize('2026-03-02 10:00', 'A', '2026-03-03 09:21'))).toEqual({
      rule: 'APOLOGY.BEYOND_BOUND',
      message:
        'the new appointment may be at most 2026-03-03T09:20:00+07:00 (Vietnam time): the appointment 2026-03-02T14:20:00+07:00 extended by the procedure\'s time limit of 4 working hour(s)',
    });
    expect(types(run(hours(), cmd.apologize('2026-03-02 10:00', 'A', '2026-03-03 09:20')))).toContain('ApologyIssued');

    // SAME_DAY, accepted Mon 09:20 → Mon 17:00; from that close (after the 15:00 cut-off) → Tue 3/3 17:00.
    const sameDay = () => accepted(procedure(SAME_DAY, [member('A', SAME_DAY)], { cutoff: '15:00' }));
    expect(refusalOf(sameDay(), cmd.apologize('2026-03-02 10:00', 'A', '2026-03-04 08:00')).message).toMatch(
      /at most 2026-03-03T17:00:00\+07:00 .*the same day$/,
    );
    expect(types(run(sameDay(), cmd.apologize('2026-03-02 10:00', 'A', '2026-03-03 17:00')))).toContain('ApologyIssued');
  });

  it('after a supplement, the bound is counted from the restarted appointment', () => {
    const d = accepted(procedure(WD(5), [member('A', WD(5))]));
    run(d, cmd.requestSupplement('2026-03-03 10:00', 'A'), cmd.supplement('2026-03-10 09:00'));
    // Restarted: Wed 11, Thu 12, Fri 13, Mon 16, Tue 17 → 17/3 17:00; bound: Wed 18, Thu 19, Fri 20, Mon 23, Tue 24 → 24/3 17:00.
    expect(iso(appointmentOf(d.state))).toBe(vn('2026-03-17 17:00'));
    expect(refusalOf(d, cmd.apologize('2026-03-10 10:00', 'A', '2026-03-25 08:00')).message).toMatch(
      /at most 2026-03-24T17:00:00\+07:00 \(Vietnam time\): the appointment 2026-03-17T17:00:00\+07:00/,
    );
    expect(iso(only(run(d, cmd.apologize('2026-03-10 10:00', 'A', '2026-03-24 17:00')), 'ApologyIssued').newAppointment)).toBe(vn('2026-03-24 17:00'));
  });
});

// ---------------------------------------------------------------------------------------------
// §6 SLA timers
// ---------------------------------------------------------------------------------------------

describe('SLA timers (ONE-STOP.md §6)', () => {
  // 3 WD from Mon 2/3/2026 09:20 → Thu 5/3 17:00; near-due Wed 4/3 08:00; apology deadline Wed 4/3 17:00.
  const P = procedure(WD(3), [member('A', WD(3))]);
  const accepted = () => {
    const d = dossierFor(P, '2026-03-02 09:10');
    run(d, cmd.submit('2026-03-02 09:10'));
    expect(armed(d)).toEqual([]);
    run(d, cmd.accept('2026-03-02 09:20'));
    return d;
  };

  it('IN_PROCESSING arms near-due, overdue and apology-missed for the dossier and near-due, overdue for each holder', () => {
    const d = accepted();
    expect(armed(d)).toEqual([
      alert('NEAR_DUE', 'DOSSIER', null, '2026-03-04 08:00'),
      alert('NEAR_DUE', 'STAGE', 'A', '2026-03-04 08:00'),
      alert('OVERDUE', 'DOSSIER', null, '2026-03-05 17:00'),
      alert('APOLOGY_MISSED', 'DOSSIER', null, '2026-03-05 17:00'),
      alert('OVERDUE', 'STAGE', 'A', '2026-03-05 17:00'),
    ]);
    expect(iso(d.nextTimerAt())).toBe(vn('2026-03-04 08:00'));
  });

  it('alerts fire at their own instants, once, whenever the engine wakes up', () => {
    const d = accepted();
    expect(d.raiseDueAlerts(at('2026-03-04 07:59'))).toEqual([]);
    expect(seq(d.raiseDueAlerts(at('2026-03-04 08:00')))).toEqual([
      `AlertRaised:NEAR_DUE/DOSSIER/-@${vn('2026-03-04 08:00')}`,
      `AlertRaised:NEAR_DUE/STAGE/A@${vn('2026-03-04 08:00')}`,
    ]);
    expect(d.raiseDueAlerts(at('2026-03-04 12:00'))).toEqual([]);
    expect(iso(d.nextTimerAt())).toBe(vn('2026-03-05 17:00'));
    // Woken up late (Mon 9/3): the alerts still carry the due instant.
    const late = d.raiseDueAlerts(at('2026-03-09 10:00'));
    expect(late.map((e) => iso(e.event.at))).toEqual([vn('2026-03-05 17:00'), vn('2026-03-05 17:00'), vn('2026-03-05 17:00')]);
    expect(late.map((e) => (e.event as EventOf<'AlertRaised'>).alert).sort()).toEqual(['APOLOGY_MISSED', 'OVERDUE', 'OVERDUE']);
    expect(d.nextTimerAt()).toBeNull();
    expect(toView(d.state, at('2026-03-09 10:00')).overdue).toBe(true);
  });

  it('none while SUPPLEMENT_PENDING; re-armed from the restarted clocks on arrival', () => {
    const d = accepted();
    run(d, cmd.requestSupplement('2026-03-03 10:00', 'A'));
    expect(armed(d)).toEqual([]);
    expect(d.nextTimerAt()).toBeNull();
    expect(d.raiseDueAlerts(at('2026-03-20 10:00'))).toEqual([]);
    run(d, cmd.supplement('2026-03-20 10:00'));
    // Fri 20/3 + 3 WD: Mon 23, Tue 24, Wed 25.
    expect(armed(d)).toEqual([
      alert('NEAR_DUE', 'DOSSIER', null, '2026-03-24 08:00'),
      alert('NEAR_DUE', 'STAGE', 'A', '2026-03-24 08:00'),
      alert('OVERDUE', 'DOSSIER', null, '2026-03-25 17:00'),
      alert('APOLOGY_MISSED', 'DOSSIER', null, '2026-03-25 17:00'),
      alert('OVERDUE', 'STAGE', 'A', '2026-03-25 17:00'),
    ]);
  });

  it('none after finishing, withdrawing or being refused', () => {
    const done = accepted();
    run(done, cmd.complete('2026-03-03 10:00', 'A'));
    expect(armed(done)).toEqual([]);
    const withdrawn = accepted();
    run(withdrawn, cmd.withdraw('2026-03-03 10:00'));
    expect(armed(withdrawn)).toEqual([]);
    const rejected = accepted();
    run(rejected, cmd.reject('2026-03-03 10:00', 'A'));
    expect(armed(rejected)).toEqual([]);
    expect(rejected.raiseDueAlerts(at('2026-03-31 10:00'))).toEqual([]);
  });

  it('an apology made by 17:00 of the working day before the due date suppresses APOLOGY_MISSED', () => {
    const d = accepted();
    const given = run(d, cmd.apologize('2026-03-04 17:00', 'A', '2026-03-09 17:00'));
    expect(only(given, 'ApologyIssued').byDeadline).toBe(true);
    expect(seq(d.raiseDueAlerts(at('2026-03-06 09:00'))).sort()).toEqual(
      [`AlertRaised:OVERDUE/DOSSIER/-@${vn('2026-03-05 17:00')}`, `AlertRaised:OVERDUE/STAGE/A@${vn('2026-03-05 17:00')}`].sort(),
    );
    // RESCHEDULE_MISSED at the new appointment, if still unfinished.
    expect(d.raiseDueAlerts(at('2026-03-09 16:59'))).toEqual([]);
    expect(seq(d.raiseDueAlerts(at('2026-03-09 17:00')))).toEqual([`AlertRaised:RESCHEDULE_MISSED/DOSSIER/-@${vn('2026-03-09 17:00')}`]);
  });

  it('an apology one minute after that deadline does not: APOLOGY_MISSED fires at the due instant', () => {
    const d = accepted();
    const given = run(d, cmd.apologize('2026-03-04 17:01', 'A', '2026-03-09 17:00'));
    expect(seq(given)).toEqual([
      `AlertRaised:NEAR_DUE/DOSSIER/-@${vn('2026-03-04 08:00')}`,
      `AlertRaised:NEAR_DUE/STAGE/A@${vn('2026-03-04 08:00')}`,
      'ApologyIssued',
    ]);
    expect(only(given, 'ApologyIssued').byDeadline).toBe(false);
    expect(armed(d)).toContain(alert('APOLOGY_MISSED', 'DOSSIER', null, '2026-03-05 17:00'));
    expect(armed(d)).toContain(alert('RESCHEDULE_MISSED', 'DOSSIER', null, '2026-03-09 17:00'));
  });

  it('when the working day before the due date precedes the clock, the apology deadline is the due instant itself', () => {
    // SAME_DAY accepted online on Saturday 14/3/2026 → due Mon 16/3 17:00; Fri 13/3 is before the clock.
    const d = dossierFor(procedure(SAME_DAY, [member('A', SAME_DAY)]), '2026-03-14 10:00');
    const accepted = run(d, cmd.submit('2026-03-14 10:00', 'ONLINE'), cmd.accept('2026-03-14 10:05'));
    const deadline = only(accepted, 'DossierAccepted').deadline;
    expect([iso(deadline.at), deadline.nearDueAt, iso(deadline.apologyBy)]).toEqual([vn('2026-03-16 17:00'), null, vn('2026-03-16 17:00')]);
    expect(only(run(d, cmd.apologize('2026-03-16 16:40', 'A', '2026-03-17 12:00')), 'ApologyIssued').byDeadline).toBe(true);
    expect(armed(d)).toEqual([
      alert('OVERDUE', 'DOSSIER', null, '2026-03-16 17:00'),
      alert('OVERDUE', 'STAGE', 'A', '2026-03-16 17:00'),
      alert('RESCHEDULE_MISSED', 'DOSSIER', null, '2026-03-17 12:00'),
    ]);
  });

  it('SAME_DAY: accepted at 14:59 → that day 17:00; at 15:00 (not before the cut-off) → next working day', () => {
    // §6 "before the cut-off" is strict; §4's sample text says "next working day if received after
    // 15:00", which would keep 15:00 itself on the same day (ambiguity, reported).
    const sameDay = procedure(SAME_DAY, [member('A', SAME_DAY)]);
    const early = dossierFor(sameDay, '2026-03-06 14:50');
    expect(iso(only(run(early, cmd.submit('2026-03-06 14:50'), cmd.accept('2026-03-06 14:59')), 'DossierAccepted').deadline.at)).toBe(vn('2026-03-06 17:00'));
    const cutoff = dossierFor(sameDay, '2026-03-06 14:50');
    // Fri 15:00 → Mon 9/3 17:00.
    expect(iso(only(run(cutoff, cmd.submit('2026-03-06 14:50'), cmd.accept('2026-03-06 15:00')), 'DossierAccepted').deadline.at)).toBe(vn('2026-03-09 17:00'));
  });

  it('WORKING_HOURS started outside office hours count from the next opening; a count ending at 12:00 ends there', () => {
    const d = dossierFor(procedure(WH(4), [member('A', WH(4))]), '2026-03-06 17:30');
    const accepted = run(d, cmd.submit('2026-03-06 17:30', 'ONLINE'), cmd.accept('2026-03-06 17:40'));
    // Fri 17:40 → Mon 9/3 08:00 + 4 h = 12:00; near-due Fri 6/3 08:00 is before the clock.
    const deadline = only(accepted, 'DossierAccepted').deadline;
    expect([iso(deadline.at), deadline.nearDueAt, iso(deadline.apologyBy)]).toEqual([vn('2026-03-09 12:00'), null, vn('2026-03-09 12:00')]);
  });

  it('SAME_DAY accepted on a make-up Saturday (26/4/2025) is due that Saturday', () => {
    const d = dossierFor(procedure(SAME_DAY, [member('A', SAME_DAY)]), '2025-04-26 09:00');
    const accepted = run(d, cmd.submit('2025-04-26 09:00', 'ONLINE'), cmd.accept('2025-04-26 09:10'));
    expect(iso(only(accepted, 'DossierAccepted').deadline.at)).toBe(vn('2025-04-26 17:00'));
  });

  it('no RESCHEDULE_MISSED when the dossier finishes before the new appointment', () => {
    const d = accepted();
    run(d, cmd.apologize('2026-03-04 10:00', 'A', '2026-03-09 17:00'), cmd.complete('2026-03-06 10:00', 'A'));
    expect(d.state.outcome).toBe('LATE'); // against the appointment (Thu 5/3 17:00), not the new one
    expect(armed(d)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// §3 step 6, §5: returning the result
// ---------------------------------------------------------------------------------------------

describe('return of the result (ONE-STOP.md §3 step 6, §5)', () => {
  const P = procedure(WD(1), [member('A', WD(1))]);
  const ready = (acceptDay = '2026-03-02') => {
    const d = dossierFor(P, `${acceptDay} 09:00`);
    run(d, cmd.submit(`${acceptDay} 09:00`), cmd.accept(`${acceptDay} 09:10`), cmd.complete(`${acceptDay} 15:00`, 'A'));
    expect(d.state.status).toBe('RESULT_READY');
    return d;
  };

  it.each([
    ['COUNTER', 'ResultReturned', 'RETURNED'],
    ['ONLINE', 'ResultReturned', 'RETURNED'],
    ['POSTAL', 'ResultHandedToPost', 'OUT_FOR_DELIVERY'],
  ] as const)('at the %s', (channel, event, status) => {
    const d = ready();
    const returned = run(d, cmd.return('2026-03-03 09:00', channel));
    expect(types(returned)).toEqual([event]);
    if (event === 'ResultReturned') expect(only(returned, 'ResultReturned').channel).toBe(channel);
    expect(d.state.status).toBe(status);
  });

  it('not before the result is ready, and only once', () => {
    const d = dossierFor(P, '2026-03-02 09:00');
    run(d, cmd.submit('2026-03-02 09:00'), cmd.accept('2026-03-02 09:10'));
    expect(refused(d, cmd.return('2026-03-02 10:00', 'COUNTER'))).toBe('LIFECYCLE.ACTION_NOT_ALLOWED');
    run(d, cmd.complete('2026-03-02 15:00', 'A'), cmd.return('2026-03-02 16:00', 'COUNTER'));
    expect(refused(d, cmd.return('2026-03-02 16:30', 'COUNTER'))).toBe('LIFECYCLE.ACTION_NOT_ALLOWED');
  });

  it('failed deliveries count 2 working days apart across a weekend; the second counted sends it back', () => {
    const d = ready('2026-03-04');
    run(d, cmd.return('2026-03-05 09:00', 'POSTAL'));
    const first = run(d, cmd.deliveryFailed('2026-03-06 10:00')); // Fri
    expect(types(first)).toEqual(['DeliveryAttemptFailed']);
    expect(only(first, 'DeliveryAttemptFailed')).toMatchObject({ counted: true, countedAttempts: 1 });
    const monday = run(d, cmd.deliveryFailed('2026-03-09 10:00')); // Fri → Mon = 1 working day
    expect(only(monday, 'DeliveryAttemptFailed')).toMatchObject({ counted: false, countedAttempts: 1 });
    expect(d.state.status).toBe('OUT_FOR_DELIVERY');
    const tuesday = run(d, cmd.deliveryFailed('2026-03-10 10:00')); // Fri → Tue = 2 (measured from the last counted one)
    expect(types(tuesday)).toEqual(['DeliveryAttemptFailed', 'ResultBackAtUnit']);
    expect(only(tuesday, 'DeliveryAttemptFailed')).toMatchObject({ counted: true, countedAttempts: 2 });
    expect(only(tuesday, 'ResultBackAtUnit').reason).toBe('DELIVERY_FAILED');
    expect(d.state.status).toBe('AWAITING_COLLECTION');
    expect(d.state.deliveryAttempts).toBe(3);
  });

  it('across the 30/4–1/5/2026 holidays, then collected at the counter only', () => {
    const d = dossierFor(P, '2026-04-28 09:00');
    run(d, cmd.submit('2026-04-28 09:00'), cmd.accept('2026-04-28 09:10'), cmd.complete('2026-04-28 15:00', 'A'));
    run(d, cmd.return('2026-04-28 16:00', 'POSTAL'));
    expect(only(run(d, cmd.deliveryFailed('2026-04-29 10:00')), 'DeliveryAttemptFailed').counted).toBe(true);
    // Wed 29/4 → Mon 4/5: Thu 30/4, Fri 1/5 off, weekend → 1 working day.
    expect(only(run(d, cmd.deliveryFailed('2026-05-04 10:00')), 'DeliveryAttemptFailed').counted).toBe(false);
    expect(types(run(d, cmd.deliveryFailed('2026-05-05 10:00')))).toEqual(['DeliveryAttemptFailed', 'ResultBackAtUnit']);
    expect(refused(d, cmd.return('2026-05-05 14:00', 'ONLINE'))).toBe('RETURN.CHANNEL_NOT_ALLOWED');
    expect(refused(d, cmd.return('2026-05-05 14:00', 'POSTAL'))).toBe('RETURN.CHANNEL_NOT_ALLOWED');
    expect(refused(d, cmd.delivered('2026-05-05 14:00'))).toBe('POSTAL.STATE_CONTRADICTS');
    expect(refused(d, cmd.deliveryFailed('2026-05-05 14:00'))).toBe('POSTAL.STATE_CONTRADICTS');
    const collected = run(d, cmd.return('2026-05-06 09:00', 'COUNTER'));
    expect(types(collected)).toEqual(['ResultReturned']);
    expect(d.state.status).toBe('RETURNED');
  });

  it('delivered by the post: DELIVERED, terminal', () => {
    const d = ready();
    run(d, cmd.return('2026-03-03 09:00', 'POSTAL'), cmd.deliveryFailed('2026-03-04 10:00'));
    expect(types(run(d, cmd.delivered('2026-03-05 10:00')))).toEqual(['ResultDelivered']);
    expect(d.state.status).toBe('DELIVERED');
    expect(refused(d, cmd.delivered('2026-03-05 11:00'))).toBe('POSTAL.STATE_CONTRADICTS');
    expect(refused(d, cmd.return('2026-03-05 11:00', 'COUNTER'))).toBe('LIFECYCLE.ACTION_NOT_ALLOWED');
  });
});

// ---------------------------------------------------------------------------------------------
// §5 postal callbacks that arrive late or out of order
// ---------------------------------------------------------------------------------------------

describe('late or contradicting postal callbacks (ONE-STOP.md §5)', () => {
  const P = procedure(WD(3), [member('A', WD(3))]);

  it('a pickup reported after the handover is recorded and changes nothing', () => {
    const d = dossierFor(P, '2026-03-02 08:00');
    run(d, cmd.requestPickup('2026-03-02 08:00'), cmd.handover('2026-03-02 10:00', 'EB111111111VN'), cmd.accept('2026-03-02 11:00'));
    const before = d.state;
    const late = run(d, cmd.pickedUp('2026-03-02 11:30', 'EB111111111VN'));
    expect(types(late)).toEqual(['PostalPickedUp']);
    const after = d.state;
    expect(after.status).toBe('IN_PROCESSING');
    expect([after.submittedAt, after.acceptedAt, after.waybill, after.channel]).toEqual([before.submittedAt, before.acceptedAt, before.waybill, before.channel]);
    expect(after.clock).toEqual(before.clock);
    expect(after.members).toEqual(before.members);
    expect(armed(d)).toEqual(armedTimers(before).map((t) => `${t.type}/${t.scope}/${t.agency ?? '-'}@${iso(t.at)}`));
  });

  it('a pickup reported late carries its own (earlier) instant and is still recorded', () => {
    const d = dossierFor(P, '2026-03-02 08:00');
    run(d, cmd.requestPickup('2026-03-02 08:00'), cmd.handover('2026-03-02 10:00'), cmd.accept('2026-03-02 11:00'));
    const late = run(d, cmd.pickedUp('2026-03-02 09:00'));
    expect(seq(late)).toEqual(['PostalPickedUp']);
    expect(iso(late[0].event.at)).toBe(vn('2026-03-02 09:00'));
    expect(d.state.status).toBe('IN_PROCESSING');
  });

  // A late pickup report is recorded at its own, earlier instant; it must not move the dossier's
  // "last event" back, or a later command could be recorded out of time order.
  it('after a late pickup report, a command earlier than the acceptance is still refused (TIME_OUT_OF_ORDER)', () => {
    const d = dossierFor(P, '2026-03-02 08:00');
    run(d, cmd.requestPickup('2026-03-02 08:00'), cmd.handover('2026-03-02 10:00'), cmd.accept('2026-03-02 11:00'));
    run(d, cmd.pickedUp('2026-03-02 09:00'));
    expect(refused(d, cmd.withdraw('2026-03-02 09:30'))).toBe('LIFECYCLE.TIME_OUT_OF_ORDER');
  });

  // §5: "one already implied by the dossier's state ... is recorded without changing anything".
  it('a "returned to sender" report after the result is already back at the unit is recorded', () => {
    const d = dossierFor(P, '2026-03-02 09:00');
    run(d, cmd.submit('2026-03-02 09:00'), cmd.accept('2026-03-02 09:10'), cmd.complete('2026-03-02 15:00', 'A'));
    run(d, cmd.return('2026-03-03 09:00', 'POSTAL'), cmd.deliveryFailed('2026-03-03 10:00'), cmd.deliveryFailed('2026-03-05 10:00'));
    expect(d.state.status).toBe('AWAITING_COLLECTION');
    const recorded = run(d, { type: 'postalReturnedToSender', at: at('2026-03-05 11:00'), by: POST });
    expect(types(recorded)).toHaveLength(1);
    expect(d.state.status).toBe('AWAITING_COLLECTION');
  });

  it('a "returned to sender" report sends a result out for delivery back to the unit', () => {
    const d = dossierFor(P, '2026-03-02 09:00');
    run(d, cmd.submit('2026-03-02 09:00'), cmd.accept('2026-03-02 09:10'), cmd.complete('2026-03-02 15:00', 'A'), cmd.return('2026-03-03 09:00', 'POSTAL'));
    const back = run(d, { type: 'postalReturnedToSender', at: at('2026-03-04 11:00'), by: POST });
    expect(types(back)).toEqual(['ResultBackAtUnit']);
    expect(only(back, 'ResultBackAtUnit').reason).toBe('RETURNED_TO_SENDER');
    expect(d.state.status).toBe('AWAITING_COLLECTION');
  });

  it('a delivery report when nothing was handed to the post is refused', () => {
    const d = dossierFor(P, '2026-03-02 09:00');
    run(d, cmd.submit('2026-03-02 09:00'), cmd.accept('2026-03-02 09:10'));
    expect(refused(d, cmd.delivered('2026-03-02 10:00'))).toBe('POSTAL.STATE_CONTRADICTS');
    expect(refused(d, cmd.deliveryFailed('2026-03-02 10:00'))).toBe('POSTAL.STATE_CONTRADICTS');
    run(d, cmd.complete('2026-03-03 10:00', 'A'));
    expect(refused(d, cmd.delivered('2026-03-03 11:00'))).toBe('POSTAL.STATE_CONTRADICTS');
    run(d, cmd.return('2026-03-03 11:00', 'COUNTER'));
    expect(refused(d, cmd.delivered('2026-03-03 12:00'))).toBe('POSTAL.STATE_CONTRADICTS');
  });

  it('a pickup report before any pickup was requested is refused', () => {
    const d = dossierFor(P, '2026-03-02 09:00');
    expect(refused(d, cmd.pickedUp('2026-03-02 09:00'))).toBe('POSTAL.STATE_CONTRADICTS');
  });

  // §5: a callback "that contradicts the state ... is refused": a dossier handed in at the counter
  // was never with the post.
  it('a pickup report for a dossier submitted at the counter contradicts the state and is refused', () => {
    const d = dossierFor(P, '2026-03-02 09:00');
    run(d, cmd.submit('2026-03-02 09:00'), cmd.accept('2026-03-02 09:10'));
    expect(refused(d, cmd.pickedUp('2026-03-02 10:00', 'EB999999999VN'))).toBe('POSTAL.STATE_CONTRADICTS');
  });
});

// ---------------------------------------------------------------------------------------------
// §3 step 7: withdrawal
// ---------------------------------------------------------------------------------------------

describe('withdrawal (ONE-STOP.md §3 step 7)', () => {
  const P = procedure(WD(3), [member('A', WD(3))]);
  const setups: Record<string, (d: Dossier) => void> = {
    PICKUP_REQUESTED: (d) => run(d, cmd.requestPickup('2026-03-02 09:00')),
    PICKED_UP: (d) => run(d, cmd.requestPickup('2026-03-02 09:00'), cmd.pickedUp('2026-03-02 09:30')),
    SUBMITTED: (d) => run(d, cmd.submit('2026-03-02 09:00')),
    INTAKE_SUPPLEMENT: (d) => run(d, cmd.submit('2026-03-02 09:00'), cmd.intakeSupplement('2026-03-02 09:30')),
    IN_PROCESSING: (d) => run(d, cmd.submit('2026-03-02 09:00'), cmd.accept('2026-03-02 09:30')),
    SUPPLEMENT_PENDING: (d) => run(d, cmd.submit('2026-03-02 09:00'), cmd.accept('2026-03-02 09:30'), cmd.requestSupplement('2026-03-02 10:00', 'A')),
    RESULT_READY: (d) => run(d, cmd.submit('2026-03-02 09:00'), cmd.accept('2026-03-02 09:30'), cmd.complete('2026-03-02 10:00', 'A')),
    OUT_FOR_DELIVERY: (d) => {
      setups.RESULT_READY(d);
      run(d, cmd.return('2026-03-02 11:00', 'POSTAL'));
    },
    AWAITING_COLLECTION: (d) => {
      setups.OUT_FOR_DELIVERY(d);
      run(d, cmd.deliveryFailed('2026-03-03 10:00'), cmd.deliveryFailed('2026-03-05 10:00'));
    },
    RETURNED: (d) => {
      setups.RESULT_READY(d);
      run(d, cmd.return('2026-03-02 11:00', 'COUNTER'));
    },
    DELIVERED: (d) => {
      setups.OUT_FOR_DELIVERY(d);
      run(d, cmd.delivered('2026-03-03 10:00'));
    },
    REJECTED: (d) => run(d, cmd.submit('2026-03-02 09:00'), cmd.accept('2026-03-02 09:30'), cmd.reject('2026-03-02 10:00', 'A')),
    REFUSED: (d) => run(d, cmd.submit('2026-03-02 09:00'), cmd.refuseIntake('2026-03-02 09:30')),
    WITHDRAWN: (d) => run(d, cmd.submit('2026-03-02 09:00'), cmd.withdraw('2026-03-02 09:30')),
  };
  const inState = (status: string) => {
    const d = dossierFor(P, '2026-03-02 09:00');
    setups[status](d);
    expect(d.state.status).toBe(status);
    return d;
  };

  it.each(['PICKUP_REQUESTED', 'PICKED_UP', 'SUBMITTED', 'INTAKE_SUPPLEMENT', 'IN_PROCESSING', 'SUPPLEMENT_PENDING'])('allowed from %s: terminal, no timers', (status) => {
    const d = inState(status);
    const withdrawn = run(d, cmd.withdraw('2026-03-02 11:00'));
    expect(types(withdrawn)).toEqual(['DossierWithdrawn']);
    expect(only(withdrawn, 'DossierWithdrawn').reason).toBe('APPLICANT_REQUEST');
    expect(d.state.status).toBe('WITHDRAWN');
    expect(d.state.outcome).toBeNull();
    expect(armed(d)).toEqual([]);
    expect(refused(d, cmd.supplement('2026-03-02 11:30'))).toBe('LIFECYCLE.ACTION_NOT_ALLOWED');
    expect(d.raiseDueAlerts(at('2026-03-31 09:00'))).toEqual([]);
  });

  it.each(['RESULT_READY', 'OUT_FOR_DELIVERY', 'AWAITING_COLLECTION', 'RETURNED', 'DELIVERED', 'REJECTED', 'REFUSED', 'WITHDRAWN'])('refused from %s', (status) => {
    const d = inState(status);
    expect(refused(d, cmd.withdraw('2026-03-06 10:00'))).toBe('LIFECYCLE.ACTION_NOT_ALLOWED');
  });

  it('not before anything was submitted', () => {
    const d = dossierFor(P, '2026-03-02 09:00');
    expect(refused(d, cmd.withdraw('2026-03-02 09:10'))).toBe('LIFECYCLE.ACTION_NOT_ALLOWED');
  });

  it.each(Object.keys(setups).filter((s) => s !== 'IN_PROCESSING'))('SLA timers: %s arms none (only IN_PROCESSING does)', (status) => {
    const d = inState(status);
    expect(armed(d)).toEqual([]);
    expect(d.nextTimerAt()).toBeNull();
    expect(d.raiseDueAlerts(at('2026-04-30 09:00'))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Refusals change nothing; time order; the event log
// ---------------------------------------------------------------------------------------------

describe('refusals, time order and the event log (ONE-STOP.md §3 last paragraph, §7)', () => {
  const Q = procedure(WD(3), [member('A', WD(2)), member('B', WD(1))]);

  it('check() answers like execute() without recording anything, for an allowed command too', () => {
    const d = dossierFor(Q, '2026-03-02 09:00');
    run(d, cmd.submit('2026-03-02 09:00'));
    const state = d.state;
    expect(d.check(cmd.accept('2026-03-02 09:10'))).toBeNull();
    expect(d.state).toBe(state);
    expect(d.events).toHaveLength(2);
    expect(d.check(cmd.complete('2026-03-02 09:10', 'A'))).toMatchObject({ rule: 'LIFECYCLE.ACTION_NOT_ALLOWED' });
    expect(d.state).toBe(state);
  });

  it('a refused command records no alert either, even when timers are due before it', () => {
    const d = dossierFor(Q, '2026-03-02 09:00');
    run(d, cmd.submit('2026-03-02 09:00'), cmd.accept('2026-03-02 09:10'));
    const n = d.events.length;
    // Near-dues at Tue 3/3 08:00 (A) and Wed 4/3 08:00 (dossier) have passed by Thu.
    expect(refused(d, cmd.complete('2026-03-05 10:00', 'B'))).toBe('ROUTE.AGENCY_DOES_NOT_HOLD');
    expect(d.events).toHaveLength(n);
    expect(d.state.alerts).toEqual([]);
    // ...and the next allowed command records them first, in time order.
    expect(seq(run(d, cmd.complete('2026-03-05 10:00', 'A')))).toEqual([
      `AlertRaised:NEAR_DUE/STAGE/A@${vn('2026-03-03 08:00')}`,
      `AlertRaised:NEAR_DUE/DOSSIER/-@${vn('2026-03-04 08:00')}`,
      `AlertRaised:OVERDUE/STAGE/A@${vn('2026-03-04 17:00')}`,
      'StagePartCompleted',
      'StageStarted',
      'DossierHandedOff',
    ]);
  });

  it('a command earlier than the last event is refused; one at the same instant is not', () => {
    const d = dossierFor(Q, '2026-03-02 09:00');
    run(d, cmd.submit('2026-03-02 09:10'));
    expect(refused(d, cmd.accept('2026-03-02 09:09'))).toBe('LIFECYCLE.TIME_OUT_OF_ORDER');
    expect(types(run(d, cmd.accept('2026-03-02 09:10')))).toEqual(['DossierAccepted', 'StageStarted', 'DossierHandedOff']);
    d.raiseDueAlerts(at('2026-03-03 08:00')); // A's near-due
    expect(refused(d, cmd.complete('2026-03-03 07:59', 'A'))).toBe('LIFECYCLE.TIME_OUT_OF_ORDER');
    expect(types(run(d, cmd.complete('2026-03-03 08:00', 'A')))).toEqual(['StagePartCompleted', 'StageStarted', 'DossierHandedOff']);
  });

  it('event ids are <code>:<sequence>, 1, 2, 3… without gaps, across commands and timers; a replay rebuilds the same', () => {
    const d = dossierFor(Q, '2026-03-02 09:00');
    run(d, cmd.submit('2026-03-02 09:00'), cmd.accept('2026-03-02 09:10'));
    refused(d, cmd.complete('2026-03-02 09:20', 'B'));
    d.raiseDueAlerts(at('2026-03-03 09:00'));
    run(d, cmd.complete('2026-03-04 10:00', 'A'), cmd.complete('2026-03-05 10:00', 'B'), cmd.return('2026-03-05 11:00', 'ONLINE'));
    const n = d.events.length;
    // registered, submitted, accepted, stage 0, handed to A, alert, alert, done A, stage 1, A to B, done B, ready, B to the unit, returned
    expect(n).toBe(14);
    expect(d.events.map((e) => e.sequence)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(d.events.map((e) => e.id)).toEqual(Array.from({ length: n }, (_, i) => `${CODE}:${i + 1}`));
    expect(new Set(d.events.map((e) => e.code))).toEqual(new Set([CODE]));
    expect(d.state.sequence).toBe(n);
    const replayed = Dossier.fromLog(calendarFor, d.events);
    expect(replayed.events.map((e) => e.id)).toEqual(d.events.map((e) => e.id));
    expect(replayed.state).toEqual(d.state);
  });

  it('every recorded event carries the envelope of §7: code, sequence, status, channel, versions, current due instant', () => {
    const d = dossierFor(Q, '2026-03-02 09:00');
    const [accepted] = run(d, cmd.submit('2026-03-02 09:00', 'ONLINE'), cmd.accept('2026-03-02 09:10'));
    expect(accepted).toMatchObject({
      code: CODE,
      sequence: 3,
      status: 'IN_PROCESSING',
      channel: 'ONLINE',
      ruleSet: 'ND118-2025',
      procedure: { code: 'T.TEST.01', version: 'v1' },
      unit: UNIT,
    });
    expect([iso(accepted.dueAt), iso(accepted.finalDueAt)]).toEqual([vn('2026-03-05 17:00'), vn('2026-03-05 17:00')]);
    expect(accepted.event.by).toEqual(ONE_STOP);
  });

  it('a dossier is registered once', () => {
    const d = dossierFor(Q, '2026-03-02 09:00');
    const again = d.execute({
      type: 'register',
      at: at('2026-03-02 09:05'),
      by: ONE_STOP,
      code: CODE,
      unit: UNIT,
      procedure: Q,
      ruleSet: 'ND118-2025',
      calendar: { id: VN_GOV.id, version: VN_GOV.version },
      applicantRef: null,
    });
    expect(isRefusal(again) && again.rule).toBe('LIFECYCLE.ALREADY_REGISTERED');
    expect(d.events).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------------------
// The view (what officers, the API and the dossier list see)
// ---------------------------------------------------------------------------------------------

describe('the view', () => {
  const P = procedure(WD(4), [member('A', WD(1)), parallel(['B', WD(2)], ['C', WD(3)])]);

  it('lists the agencies that hold an IN_PROCESSING dossier', () => {
    const d = dossierFor(P, '2026-07-06 09:10');
    run(d, cmd.submit('2026-07-06 09:10'), cmd.accept('2026-07-06 09:30'), cmd.complete('2026-07-07 10:00', 'A'));
    expect(toView(d.state, at('2026-07-07 10:00')).holders).toEqual(['B', 'C']);
  });

  // "Holds" = an unfinished part of the current stage; an ended dossier has none, so it leaves
  // every agency's queue (MotcuaAgencies; GET /dossiers?agency=).
  it('nobody holds a rejected or a withdrawn dossier', () => {
    const rejected = dossierFor(P, '2026-07-06 09:10');
    run(rejected, cmd.submit('2026-07-06 09:10'), cmd.accept('2026-07-06 09:30'), cmd.complete('2026-07-07 10:00', 'A'));
    run(rejected, cmd.reject('2026-07-07 11:00', 'B'));
    expect(toView(rejected.state, at('2026-07-07 11:00')).holders).toEqual([]);
    const withdrawn = dossierFor(P, '2026-07-06 09:10');
    run(withdrawn, cmd.submit('2026-07-06 09:10'), cmd.accept('2026-07-06 09:30'), cmd.withdraw('2026-07-06 10:00'));
    expect(toView(withdrawn.state, at('2026-07-06 10:00')).holders).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Processing stopped by the agency (ONE-STOP.md §3.7: STOPPED, terminal, with reasons)
// ---------------------------------------------------------------------------------------------

describe('stop', () => {
  const P2 = procedure(WD(5), [member('A', WD(2)), member('B', WD(3))]);

  it('the holding agency stops the dossier: STOPPED, no timers left, nothing more happens', () => {
    const d = dossierFor(P2, '2026-03-02 09:00');
    run(d, cmd.submit('2026-03-02 09:00'), cmd.accept('2026-03-02 09:10'));
    // The near-due alert whose instant passed before the command is recorded first.
    expect(seq(run(d, cmd.stop('2026-03-03 10:00', 'A')))).toEqual(['AlertRaised:NEAR_DUE/STAGE/A@2026-03-03T08:00:00+07:00', 'DossierStopped']);
    expect(d.state.status).toBe('STOPPED');
    expect(d.nextTimerAt()).toBeNull();
    expect(toView(d.state, at('2026-03-03 10:00')).holders).toEqual([]);
    expect(refused(d, cmd.complete('2026-03-03 11:00', 'A'))).toBe('LIFECYCLE.ACTION_NOT_ALLOWED');
    expect(refused(d, cmd.withdraw('2026-03-03 11:00'))).toBe('LIFECYCLE.ACTION_NOT_ALLOWED');
  });

  it('also while the dossier waits for a supplement, by the agency that asked for it', () => {
    const d = dossierFor(P2, '2026-03-02 09:00');
    run(d, cmd.submit('2026-03-02 09:00'), cmd.accept('2026-03-02 09:10'), cmd.requestSupplement('2026-03-03 09:00', 'A'));
    expect(refused(d, cmd.stop('2026-03-20 09:00', 'B'))).toBe('ROUTE.AGENCY_DOES_NOT_HOLD');
    expect(seq(run(d, cmd.stop('2026-03-20 09:00', 'A')))).toEqual(['DossierStopped']);
  });

  it('is refused before acceptance and for an agency that does not hold the dossier', () => {
    const d = dossierFor(P2, '2026-03-02 09:00');
    run(d, cmd.submit('2026-03-02 09:00'));
    expect(refused(d, cmd.stop('2026-03-02 09:05', 'A'))).toBe('LIFECYCLE.ACTION_NOT_ALLOWED');
    run(d, cmd.accept('2026-03-02 09:10'));
    expect(refused(d, cmd.stop('2026-03-02 09:20', 'B'))).toBe('ROUTE.AGENCY_DOES_NOT_HOLD');
  });
});
