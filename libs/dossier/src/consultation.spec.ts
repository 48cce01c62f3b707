/**
 * Consultations (ONE-STOP.md §4 "Consultation"): the lead agency asks other agencies for opinions,
 * each with its own working-time deadline; an answer, a late answer and a missing answer are events;
 * a missing answer at the deadline is escalated to the head of the one-stop unit (an alert); the
 * dossier's legal clock never stops for them. Instants computed by hand on VN-GOV (March 2026 has
 * no holiday).
 */
import { calendarFor, parseInstant, toLocalIso } from '@motcua/calendar';
import type { Actor } from './actor';
import type { DossierCommand } from './commands';
import { Dossier } from './dossier';
import type { DossierEvent } from './events';
import { isRefusal } from './rules';
import { appointmentOf } from './state';
import { armedTimers } from './timers';
import { procedure, UNIT } from './testing/commands';
import { toView } from './view';

const at = (local: string): number => parseInstant(`${local.replace(' ', 'T')}:00+07:00`);
const ONE_STOP: Actor = { id: 'officer-1', role: 'ONE_STOP_OFFICER', agency: UNIT };
const officerOf = (agency: string): Actor => ({ id: `officer@${agency}`, role: 'AGENCY_OFFICER', agency });

/** Accepted Mon 2/3/2026 09:30: 5 WD → Mon 9/3 17:00; DIA_CHINH holds (3 WD → Thu 5/3 17:00). */
function accepted(): Dossier {
  const d = new Dossier(calendarFor);
  run(
    d,
    {
      type: 'register',
      at: at('2026-03-02 09:00'),
      by: ONE_STOP,
      code: `${UNIT}-260302-0001`,
      unit: UNIT,
      procedure: procedure(
        [
          { agency: 'DIA_CHINH', allotted: { amount: 3, unit: 'WORKING_DAYS' } },
          { agency: 'THUE', allotted: { amount: 2, unit: 'WORKING_DAYS' } },
        ],
        { timeLimit: { amount: 5, unit: 'WORKING_DAYS' } },
      ),
      ruleSet: 'ND118-2025',
      calendar: { id: 'VN-GOV', version: calendarFor('VN-GOV').version },
      applicantRef: null,
    },
    { type: 'submit', at: at('2026-03-02 09:00'), by: ONE_STOP, channel: 'COUNTER' },
    { type: 'accept', at: at('2026-03-02 09:30'), by: ONE_STOP },
  );
  return d;
}

function run(d: Dossier, ...commands: DossierCommand[]): DossierEvent[] {
  const events: DossierEvent[] = [];
  for (const c of commands) {
    const r = d.check(c) ?? d.execute(c);
    if (isRefusal(r)) throw new Error(`${c.type} refused: ${r.rule} — ${r.message}`);
    events.push(...r.map((x) => x.event));
  }
  return events;
}

const consult = (t: string, to: string, amount = 1, unit: 'WORKING_DAYS' | 'WORKING_HOURS' = 'WORKING_DAYS', by = 'DIA_CHINH'): DossierCommand => ({
  type: 'consult',
  at: at(t),
  by: officerOf(by),
  agency: by,
  to,
  allotted: { amount, unit },
});
const answer = (t: string, agency: string): DossierCommand => ({ type: 'answerConsultation', at: at(t), by: officerOf(agency), agency });

describe('consultations', () => {
  it('records the request with its own working-time deadline (1 WD from Mon 14:00 → Tue 17:00; 4 WH from Mon 14:30 → Tue 09:30)', () => {
    const d = accepted();
    const [first] = run(d, consult('2026-03-02 14:00', 'CONG_AN'));
    expect(first).toMatchObject({ type: 'ConsultationRequested', consultation: 0, agency: 'DIA_CHINH', to: 'CONG_AN', dueAt: at('2026-03-03 17:00') });
    const [second] = run(d, consult('2026-03-02 14:30', 'XAY_DUNG', 4, 'WORKING_HOURS'));
    expect(second).toMatchObject({ type: 'ConsultationRequested', consultation: 1, to: 'XAY_DUNG', dueAt: at('2026-03-03 09:30') });
  });

  it('an answer in time is ON_TIME (or EARLY on an earlier date) and raises nothing', () => {
    const d = accepted();
    run(d, consult('2026-03-02 14:00', 'CONG_AN', 2));
    expect(run(d, answer('2026-03-03 10:00', 'CONG_AN'))).toEqual([
      expect.objectContaining({ type: 'ConsultationAnswered', consultation: 0, agency: 'CONG_AN', outcome: 'EARLY' }),
    ]);
    expect(d.state.alerts).toEqual([]);
    expect(armedTimers(d.state).some((t) => t.scope === 'CONSULTATION')).toBe(false);
  });

  it('a missing answer at its deadline is escalated (an alert event at the deadline); the late answer is recorded LATE after it', () => {
    const d = accepted();
    run(d, consult('2026-03-02 14:00', 'CONG_AN'));
    // The workflow's clock wakes at the deadline...
    const raised = d.raiseDueAlerts(at('2026-03-03 17:00')).map((r) => r.event);
    expect(raised).toEqual([
      expect.objectContaining({ type: 'AlertRaised', alert: 'CONSULTATION_OVERDUE', scope: 'CONSULTATION', agency: 'CONG_AN', member: null, at: at('2026-03-03 17:00'), dueAt: at('2026-03-03 17:00') }),
    ]);
    expect(run(d, answer('2026-03-04 07:30', 'CONG_AN'))).toEqual([expect.objectContaining({ type: 'ConsultationAnswered', outcome: 'LATE' })]);
  });

  it('a late answer escalates even when no timer woke the dossier first: the alert is recorded before the answer, at its own instant', () => {
    const d = accepted();
    run(d, consult('2026-03-02 14:00', 'CONG_AN'));
    const events = run(d, answer('2026-03-04 07:30', 'CONG_AN'));
    expect(events.map((e) => [e.type, e.at])).toEqual([
      ['AlertRaised', at('2026-03-03 17:00')],
      ['ConsultationAnswered', at('2026-03-04 07:30')],
    ]);
    expect(toView(d.state, at('2026-03-04 07:30')).consultations).toEqual([
      { agency: 'DIA_CHINH', to: 'CONG_AN', requestedAt: '2026-03-02T14:00:00+07:00', due: '2026-03-03T17:00:00+07:00', answeredAt: '2026-03-04T07:30:00+07:00', outcome: 'LATE' },
    ]);
  });

  it('never touches the legal clock or the stage clocks', () => {
    const plain = accepted();
    const consulted = accepted();
    run(consulted, consult('2026-03-02 14:00', 'CONG_AN'), answer('2026-03-04 10:00', 'CONG_AN'));
    expect(appointmentOf(consulted.state)).toBe(appointmentOf(plain.state));
    expect(consulted.state.members.map((m) => m.deadline)).toEqual(plain.state.members.map((m) => m.deadline));
    expect(consulted.state.status).toBe('IN_PROCESSING');
  });

  it('refuses consulting oneself, a second open consultation of the same agency, an agency that does not hold, and answers with none open', () => {
    const d = accepted();
    run(d, consult('2026-03-02 14:00', 'CONG_AN'));
    const refusedBy = (c: DossierCommand) => d.check(c)?.rule;
    expect(refusedBy(consult('2026-03-02 14:10', 'DIA_CHINH'))).toBe('CONSULTATION.OF_ITSELF');
    expect(refusedBy(consult('2026-03-02 14:10', 'CONG_AN'))).toBe('CONSULTATION.ALREADY_OPEN');
    expect(refusedBy(consult('2026-03-02 14:10', 'CONG_AN', 1, 'WORKING_DAYS', 'THUE'))).toBe('ROUTE.AGENCY_DOES_NOT_HOLD');
    expect(refusedBy(answer('2026-03-02 14:10', 'THUE'))).toBe('ACCESS.NOT_CONSULTED');
    run(d, answer('2026-03-02 15:00', 'CONG_AN'));
    expect(refusedBy(answer('2026-03-02 15:10', 'CONG_AN'))).toBe('CONSULTATION.NONE_OPEN');
  });

  it('ends with the processing: no escalation once the result is ready, and no answer taken', () => {
    const d = accepted();
    run(
      d,
      consult('2026-03-02 14:00', 'CONG_AN'),
      { type: 'complete', at: at('2026-03-02 15:00'), by: officerOf('DIA_CHINH'), agency: 'DIA_CHINH' },
      { type: 'complete', at: at('2026-03-03 10:00'), by: officerOf('THUE'), agency: 'THUE' },
    );
    expect(d.state.status).toBe('RESULT_READY');
    expect(armedTimers(d.state)).toEqual([]);
    expect(d.raiseDueAlerts(at('2026-03-04 10:00'))).toEqual([]);
    expect(d.check(answer('2026-03-04 10:00', 'CONG_AN'))?.rule).toBe('LIFECYCLE.ACTION_NOT_ALLOWED');
  });

  it('its instants are written in Vietnam time in the view', () => {
    const d = accepted();
    run(d, consult('2026-03-02 14:00', 'CONG_AN'));
    expect(toView(d.state, at('2026-03-02 14:00')).consultations[0].due).toBe(toLocalIso(at('2026-03-03 17:00')));
  });
});
