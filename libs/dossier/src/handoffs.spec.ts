/**
 * Handoffs as events and the control sheet (Form 05) they make (ONE-STOP.md §4), on a three-stage
 * inter-agency route with a parallel group and a vertical-sector agency: the Department of
 * Construction, then the provincial police (a central sector's office) beside the Department of
 * Agriculture and Environment, then the Department of Construction again; the result goes back to
 * the one-stop unit that received the dossier. Instants computed by hand on VN-GOV (March 2026 has
 * no holiday).
 */
import { calendarFor, parseInstant, toLocalIso } from '@motcua/calendar';
import type { Actor } from './actor';
import type { DossierCommand } from './commands';
import { controlSheet } from './control-sheet';
import { Dossier } from './dossier';
import type { EventOf, ProcedureVersion, RecordedEvent } from './events';
import { isRefusal } from './rules';

const VN_GOV = calendarFor('VN-GOV');
const at = (local: string): number => parseInstant(`${local.replace(' ', 'T')}:00+07:00`);
const vn = (local: string): string => toLocalIso(at(local));
const UNIT = '000.00.00.H26';
const CODE = `${UNIT}-260302-0001`;
const ONE_STOP: Actor = { id: 'mc-1', role: 'ONE_STOP_OFFICER', agency: UNIT };
const officer = (agency: string): Actor => ({ id: `cb@${agency}`, role: 'AGENCY_OFFICER', agency });
const head = (agency: string): Actor => ({ id: `ld@${agency}`, role: 'AGENCY_HEAD', agency });
const WD = (amount: number) => ({ amount, unit: 'WORKING_DAYS' as const });

const PERMIT: ProcedureVersion = {
  code: 'XD-GIAY-PHEP-CONG-TRINH',
  name: 'Cấp giấy phép xây dựng công trình',
  version: 'v1',
  timeLimit: WD(20),
  route: [
    { agency: 'SO_XAY_DUNG', allotted: WD(12) },
    { parallel: [{ agency: 'CONG_AN_TINH', allotted: WD(5) }, { agency: 'SO_NONG_NGHIEP_MT', allotted: WD(5) }] },
    { agency: 'SO_XAY_DUNG', allotted: WD(3) },
  ],
};

function dossier(options?: { recordHandoffs: boolean }): Dossier {
  const d = new Dossier(calendarFor, undefined, options);
  give(d, {
    type: 'register',
    at: at('2026-03-02 08:50'),
    by: ONE_STOP,
    code: CODE,
    unit: UNIT,
    procedure: PERMIT,
    ruleSet: 'ND118-2025',
    calendar: { id: VN_GOV.id, version: VN_GOV.version },
    applicantRef: null,
  });
  return d;
}

/** Checked as the API and the workflow's validator check it (authorization first), then executed. */
function give(d: Dossier, c: DossierCommand): RecordedEvent[] {
  const refused = d.check(c);
  if (refused) throw new Error(`${c.type}: ${refused.rule} ${refused.message}`);
  const r = d.execute(c);
  if (isRefusal(r)) throw new Error(r.message);
  return r;
}

const handedOff = (r: readonly RecordedEvent[]) =>
  r.filter((x): x is RecordedEvent & { event: EventOf<'DossierHandedOff'> } => x.event.type === 'DossierHandedOff').map((x) => x.event);

/** The trip to the end, with the optional steps inside the first agency. */
function tripOf(d: Dossier): Record<string, RecordedEvent[]> {
  const t = (local: string) => at(local);
  return {
    submitted: give(d, { type: 'submit', at: t('2026-03-02 08:55'), by: ONE_STOP, channel: 'COUNTER' }),
    accepted: give(d, { type: 'accept', at: t('2026-03-02 09:00'), by: ONE_STOP }),
    assigned: give(d, { type: 'assign', at: t('2026-03-03 08:30'), by: head('SO_XAY_DUNG'), agency: 'SO_XAY_DUNG', officer: 'cb-xd-2' }),
    appraised: give(d, { type: 'appraise', at: t('2026-03-05 14:00'), by: { ...officer('SO_XAY_DUNG'), id: 'cb-xd-2' }, agency: 'SO_XAY_DUNG' }),
    approved: give(d, { type: 'approve', at: t('2026-03-06 09:30'), by: head('SO_XAY_DUNG'), agency: 'SO_XAY_DUNG' }),
    first: give(d, { type: 'complete', at: t('2026-03-06 10:00'), by: { ...officer('SO_XAY_DUNG'), id: 'cb-xd-2' }, agency: 'SO_XAY_DUNG' }),
    police: give(d, { type: 'complete', at: t('2026-03-12 15:00'), by: officer('CONG_AN_TINH'), agency: 'CONG_AN_TINH' }),
    join: give(d, { type: 'complete', at: t('2026-03-16 09:00'), by: officer('SO_NONG_NGHIEP_MT'), agency: 'SO_NONG_NGHIEP_MT' }),
    last: give(d, { type: 'complete', at: t('2026-03-19 10:00'), by: officer('SO_XAY_DUNG'), agency: 'SO_XAY_DUNG' }),
    returned: give(d, { type: 'return', at: t('2026-03-20 09:00'), by: ONE_STOP, channel: 'COUNTER' }),
  };
}

describe('every transfer between units and agencies is a DossierHandedOff event', () => {
  const d = dossier();
  const trip = tripOf(d);

  it('the one-stop unit hands the dossier to the first stage at acceptance, with the stage deadline and the task', () => {
    expect(handedOff(trip.accepted)).toEqual([
      {
        type: 'DossierHandedOff',
        at: at('2026-03-02 09:00'),
        by: ONE_STOP,
        from: { unit: UNIT, officer: 'mc-1' },
        fromMember: null,
        to: { unit: 'SO_XAY_DUNG', officer: null },
        toMember: 0,
        // Tue 3/3 … 12 working days → Wed 18/3 17:00.
        dueAt: at('2026-03-18 17:00'),
        task: 'PROCESS',
      },
    ]);
  });

  it('fans out to each member of a parallel group, and joins: each member hands its part to the next stage', () => {
    expect(handedOff(trip.first).map((h) => [h.from, h.to.unit, h.toMember, toLocalIso(h.dueAt)])).toEqual([
      [{ unit: 'SO_XAY_DUNG', officer: 'cb-xd-2' }, 'CONG_AN_TINH', 1, vn('2026-03-13 17:00')],
      [{ unit: 'SO_XAY_DUNG', officer: 'cb-xd-2' }, 'SO_NONG_NGHIEP_MT', 2, vn('2026-03-13 17:00')],
    ]);
    expect(handedOff(trip.police)).toEqual([]); // the group is not finished yet
    expect(handedOff(trip.join).map((h) => [h.from, h.fromMember, h.to.unit, h.toMember, toLocalIso(h.at), toLocalIso(h.dueAt)])).toEqual([
      [{ unit: 'CONG_AN_TINH', officer: 'cb@CONG_AN_TINH' }, 1, 'SO_XAY_DUNG', 3, vn('2026-03-16 09:00'), vn('2026-03-19 17:00')],
      [{ unit: 'SO_NONG_NGHIEP_MT', officer: 'cb@SO_NONG_NGHIEP_MT' }, 2, 'SO_XAY_DUNG', 3, vn('2026-03-16 09:00'), vn('2026-03-19 17:00')],
    ]);
  });

  it('the last stage hands the result back to the originating one-stop unit, due at the appointment', () => {
    expect(handedOff(trip.last)).toEqual([
      expect.objectContaining({
        from: { unit: 'SO_XAY_DUNG', officer: 'cb@SO_XAY_DUNG' },
        fromMember: 3,
        to: { unit: UNIT, officer: null },
        toMember: null,
        // Mon 2/3 + 20 working days → Mon 30/3 17:00.
        dueAt: at('2026-03-30 17:00'),
        task: 'RETURN_RESULT',
      }),
    ]);
  });

  it('records assign → appraise → approve with their officers, each optional', () => {
    expect(trip.assigned.map((r) => r.event)).toEqual([
      { type: 'StagePartAssigned', at: at('2026-03-03 08:30'), by: head('SO_XAY_DUNG'), member: 0, agency: 'SO_XAY_DUNG', officer: 'cb-xd-2' },
    ]);
    expect(trip.appraised.map((r) => [r.event.type, r.event.by.id])).toEqual([['StagePartAppraised', 'cb-xd-2']]);
    expect(trip.approved.map((r) => [r.event.type, r.event.by.id])).toEqual([['StagePartApproved', 'ld@SO_XAY_DUNG']]);
    // The other agencies finished without any of them.
    expect(d.state.status).toBe('RETURNED');
  });

  it('the control sheet (Form 05) lists every handoff with its receiver, deadline, finish and result', () => {
    const sheet = controlSheet(CODE, d.events.map((r) => r.event));
    expect(sheet.code).toBe(CODE);
    expect(sheet.rows.map((r) => [r.from.unit, r.from.officer, r.to.unit, r.to.officer, r.handedOverAt, r.dueAt, r.finishedAt, r.outcome, r.task])).toEqual([
      [UNIT, 'mc-1', 'SO_XAY_DUNG', 'cb-xd-2', vn('2026-03-02 09:00'), vn('2026-03-18 17:00'), vn('2026-03-06 10:00'), 'EARLY', 'PROCESS'],
      ['SO_XAY_DUNG', 'cb-xd-2', 'CONG_AN_TINH', 'cb@CONG_AN_TINH', vn('2026-03-06 10:00'), vn('2026-03-13 17:00'), vn('2026-03-12 15:00'), 'EARLY', 'PROCESS'],
      ['SO_XAY_DUNG', 'cb-xd-2', 'SO_NONG_NGHIEP_MT', 'cb@SO_NONG_NGHIEP_MT', vn('2026-03-06 10:00'), vn('2026-03-13 17:00'), vn('2026-03-16 09:00'), 'LATE', 'PROCESS'],
      ['CONG_AN_TINH', 'cb@CONG_AN_TINH', 'SO_XAY_DUNG', 'cb@SO_XAY_DUNG', vn('2026-03-16 09:00'), vn('2026-03-19 17:00'), vn('2026-03-19 10:00'), 'ON_TIME', 'PROCESS'],
      ['SO_NONG_NGHIEP_MT', 'cb@SO_NONG_NGHIEP_MT', 'SO_XAY_DUNG', 'cb@SO_XAY_DUNG', vn('2026-03-16 09:00'), vn('2026-03-19 17:00'), vn('2026-03-19 10:00'), 'ON_TIME', 'PROCESS'],
      // Back at the one-stop unit: the dossier's result against its appointment; the officer who returned it.
      ['SO_XAY_DUNG', 'cb@SO_XAY_DUNG', UNIT, 'mc-1', vn('2026-03-19 10:00'), vn('2026-03-30 17:00'), vn('2026-03-19 10:00'), 'EARLY', 'RETURN_RESULT'],
    ]);
  });

  it('a row\'s deadline is the receiver\'s restarted one after a supplement; an unfinished row has no result yet', () => {
    const s = dossier();
    give(s, { type: 'submit', at: at('2026-03-02 08:55'), by: ONE_STOP, channel: 'COUNTER' });
    give(s, { type: 'accept', at: at('2026-03-02 09:00'), by: ONE_STOP });
    give(s, { type: 'requestSupplement', at: at('2026-03-03 10:00'), by: officer('SO_XAY_DUNG'), agency: 'SO_XAY_DUNG' });
    give(s, { type: 'supplement', at: at('2026-03-09 10:00'), by: ONE_STOP });
    // Restarted Mon 9/3 10:00: Tue 10/3 … 12 working days → Wed 25/3 17:00.
    expect(controlSheet(CODE, s.events.map((r) => r.event)).rows).toEqual([
      expect.objectContaining({ dueAt: vn('2026-03-25 17:00'), finishedAt: null, outcome: null, to: { unit: 'SO_XAY_DUNG', officer: null } }),
    ]);
  });

  it('a refusal after appraisal goes back to the one-stop unit, to be notified to the applicant', () => {
    const r = dossier();
    give(r, { type: 'submit', at: at('2026-03-02 08:55'), by: ONE_STOP, channel: 'COUNTER' });
    give(r, { type: 'accept', at: at('2026-03-02 09:00'), by: ONE_STOP });
    const rejected = give(r, { type: 'reject', at: at('2026-03-04 10:00'), by: officer('SO_XAY_DUNG'), agency: 'SO_XAY_DUNG' });
    expect(handedOff(rejected).map((h) => [h.from.unit, h.to.unit, h.task])).toEqual([['SO_XAY_DUNG', UNIT, 'RETURN_REFUSAL']]);
    expect(controlSheet(CODE, r.events.map((e) => e.event)).rows.map((x) => [x.to.unit, x.outcome])).toEqual([
      ['SO_XAY_DUNG', 'EARLY'],
      [UNIT, 'EARLY'],
    ]);
  });

  it('the steps are the holding agency\'s: an agency that does not hold the dossier is refused, nothing recorded', () => {
    const s = dossier();
    give(s, { type: 'submit', at: at('2026-03-02 08:55'), by: ONE_STOP, channel: 'COUNTER' });
    give(s, { type: 'accept', at: at('2026-03-02 09:00'), by: ONE_STOP });
    const n = s.events.length;
    const early: DossierCommand = { type: 'approve', at: at('2026-03-03 09:00'), by: head('CONG_AN_TINH'), agency: 'CONG_AN_TINH' };
    expect(s.check(early)?.rule).toBe('ROUTE.AGENCY_DOES_NOT_HOLD');
    // Assigning and approving are the head's; appraising is any officer's of the agency.
    const byOfficer: DossierCommand = { type: 'assign', at: at('2026-03-03 09:00'), by: officer('SO_XAY_DUNG'), agency: 'SO_XAY_DUNG', officer: 'x' };
    expect(s.check(byOfficer)?.rule).toBe('ACCESS.ROLE_MAY_NOT');
    expect(s.events).toHaveLength(n);
  });

  it('a dossier started before handoffs were events (recordHandoffs off) decides as it did: no handoff, an empty sheet', () => {
    const old = dossier({ recordHandoffs: false });
    tripOf(old);
    expect(old.events.filter((r) => r.event.type === 'DossierHandedOff')).toEqual([]);
    expect(old.state.status).toBe('RETURNED');
    expect(controlSheet(CODE, old.events.map((r) => r.event)).rows).toEqual([]);
  });
});
