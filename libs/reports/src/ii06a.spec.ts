import { ii06a, type Ii06aCounts } from './ii06a';
import { ii06aInvariants } from './invariants';
import { isPeriod, parsePeriod, type Period } from './period';
import type { ReportDossier } from './report-rows';
import { at, dossier } from './testing/dossier';

const period = (from: string, to: string): Period => {
  const p = parsePeriod(from, to);
  if (!isPeriod(p)) throw new Error(p.message);
  return p;
};
const october = period('2026-10-01', '2026-10-31');
const total = (ds: ReportDossier[], p = october): Ii06aCounts => {
  const r = ii06a(ds, p);
  expect(r.invariants).toEqual({ checked: expect.any(Number), holds: true, violations: [] });
  return r.total;
};

describe('received', () => {
  it('counts a dossier received in the period as new, by its channel (direct = COUNTER)', () => {
    const t = total([dossier({ code: 'a', channel: 'ONLINE' }), dossier({ code: 'b', channel: 'COUNTER' }), dossier({ code: 'c', channel: 'POSTAL' }), dossier({ code: 'd', channel: 'POSTAL' })]);
    expect(t.received).toEqual({ total: 4, carriedOver: 0, online: 1, direct: 1, postal: 2 });
  });

  it('carries over a dossier received before the period and not ended before it, whatever its channel', () => {
    const t = total([dossier({ clockStartedAt: at('2026-09-20 10:00'), channel: 'POSTAL' })]);
    expect(t.received).toEqual({ total: 1, carriedOver: 1, online: 0, direct: 0, postal: 0 });
  });

  it('leaves out a dossier finished, withdrawn or stopped before the period, and one received after it', () => {
    const before = at('2026-09-20 10:00');
    const t = total([
      dossier({ clockStartedAt: before, finishedAt: at('2026-09-30 16:00'), outcome: 'EARLY' }),
      dossier({ clockStartedAt: before, withdrawnAt: at('2026-09-30 23:59') }),
      dossier({ clockStartedAt: before, stoppedAt: at('2026-09-25 10:00') }),
      dossier({ clockStartedAt: at('2026-11-01 00:00') }),
      dossier({ clockStartedAt: null }),
    ]);
    expect(t.received.total).toBe(0);
  });

  it('draws the days in Vietnam time: 1/10 06:00 +07:00 (30/9 in UTC) is October\'s, 1/11 00:00 is not', () => {
    expect(total([dossier({ clockStartedAt: at('2026-10-01 06:00') })]).received.online).toBe(1);
    expect(total([dossier({ clockStartedAt: at('2026-10-01 00:00') })]).received.online).toBe(1);
    expect(total([dossier({ clockStartedAt: at('2026-09-30 23:59') })]).received.carriedOver).toBe(1);
    expect(total([dossier({ clockStartedAt: at('2026-11-01 00:00') })]).received.total).toBe(0);
  });

  it('never counts a dossier refused at intake as received: in its own column, in the period of its refusal', () => {
    const refused = dossier({ clockStartedAt: null, appointments: [], intakeRefusedAt: at('2026-10-05 10:00') });
    const t = total([refused]);
    expect(t.received.total).toBe(0);
    expect(t.refusedAtIntake).toBe(1);
    expect(total([refused], period('2026-11-01', '2026-11-30')).refusedAtIntake).toBe(0);
  });
});

describe('resolved', () => {
  it('splits the dossiers finished in the period by their classification', () => {
    const t = total([
      dossier({ finishedAt: at('2026-10-10 10:00'), outcome: 'EARLY' }),
      dossier({ finishedAt: at('2026-10-15 16:00'), outcome: 'ON_TIME' }),
      dossier({ finishedAt: at('2026-10-16 09:00'), outcome: 'LATE' }),
      dossier({ finishedAt: at('2026-10-16 09:00'), outcome: 'LATE' }),
    ]);
    expect(t.resolved).toEqual({ total: 4, early: 1, onTime: 1, late: 2 });
  });

  it('counts a dossier finished after the period as in progress in it', () => {
    const t = total([dossier({ finishedAt: at('2026-11-02 10:00'), outcome: 'LATE' })]);
    expect(t.resolved.total).toBe(0);
    expect(t.inProgress).toEqual({ total: 1, withinLimit: 0, overdue: 1 });
  });
});

it('counts withdrawn and stopped dossiers apart, in the period they ended', () => {
  const t = total([dossier({ withdrawnAt: at('2026-10-03 10:00') }), dossier({ stoppedAt: at('2026-10-04 10:00') }), dossier({ withdrawnAt: at('2026-11-03 10:00') })]);
  expect(t).toMatchObject({ withdrawn: 1, stopped: 1, inProgress: { total: 1 } });
  expect(t.received.total).toBe(3);
});

describe('in progress', () => {
  const november = period('2026-11-01', '2026-11-30');

  it('is within limit while its legal appointment is not before the period\'s end, overdue after', () => {
    // Due 15/10 17:00: a period ending with 14/10 ends before it, one ending with 15/10 after it.
    expect(total([dossier()], period('2026-10-01', '2026-10-14')).inProgress).toEqual({ total: 1, withinLimit: 1, overdue: 0 });
    expect(total([dossier()], period('2026-10-01', '2026-10-15')).inProgress).toEqual({ total: 1, withinLimit: 0, overdue: 1 });
  });

  it('is within limit while it waits for a supplement at the end, even past its appointment', () => {
    const waiting = dossier({ supplementRequests: [{ kind: 'PROCESSING', at: at('2026-10-05 10:00'), answeredAt: null }] });
    expect(total([waiting], november).inProgress).toEqual({ total: 1, withinLimit: 1, overdue: 0 });
  });

  it('is measured against the restarted appointment after a supplement arrived, as it stood at the end', () => {
    const restarted = dossier({
      supplementRequests: [{ kind: 'PROCESSING', at: at('2026-10-05 10:00'), answeredAt: at('2026-10-20 09:00') }],
      appointments: [
        { from: at('2026-10-01 09:00'), at: at('2026-10-15 17:00') },
        { from: at('2026-10-20 09:00'), at: at('2026-11-03 17:00') },
      ],
    });
    expect(total([restarted]).inProgress).toEqual({ total: 1, withinLimit: 1, overdue: 0 });
    expect(total([restarted], period('2026-10-01', '2026-10-19')).inProgress).toEqual({ total: 1, withinLimit: 1, overdue: 0 });
    expect(total([restarted], november).inProgress).toEqual({ total: 1, withinLimit: 0, overdue: 1 });
  });

  it('is overdue past its legal appointment even when an apology gave a later one', () => {
    const apologised = dossier({ apologies: [at('2026-10-14 10:00')] });
    const t = total([apologised], period('2026-10-01', '2026-10-20'));
    expect(t.inProgress.overdue).toBe(1);
    expect(t.apologies).toBe(1);
  });
});

it('counts supplement requests (at intake and after appraisal) and apologies in the period they were made', () => {
  const d = dossier({
    supplementRequests: [
      { kind: 'INTAKE', at: at('2026-09-30 10:00'), answeredAt: at('2026-10-01 08:00') },
      { kind: 'PROCESSING', at: at('2026-10-05 10:00'), answeredAt: at('2026-10-06 10:00') },
      { kind: 'PROCESSING', at: at('2026-11-05 10:00'), answeredAt: null },
    ],
    apologies: [at('2026-11-14 10:00')],
  });
  expect(total([d])).toMatchObject({ intakeSupplementRequests: 0, supplementRequests: 1, apologies: 0 });
  expect(total([d], period('2026-09-01', '2026-12-31'))).toMatchObject({ intakeSupplementRequests: 1, supplementRequests: 2, apologies: 1 });
});

describe('rows and filters', () => {
  const ds = [
    dossier({ code: 'a', leadAgency: 'A', field: 'F1' }),
    dossier({ code: 'b', leadAgency: 'A', field: 'F1', channel: 'COUNTER', finishedAt: at('2026-10-09 10:00'), outcome: 'EARLY' }),
    dossier({ code: 'c', leadAgency: 'A', field: 'F2', withdrawnAt: at('2026-10-09 10:00') }),
    dossier({ code: 'd', leadAgency: 'B', field: null, channel: 'POSTAL' }),
    dossier({ code: 'e', leadAgency: 'B', field: null, clockStartedAt: at('2026-12-01 10:00') }),
  ];

  it('gives a row per lead agency and field where something counts, and the total is their sum', () => {
    const r = ii06a(ds, october);
    expect(r.rows.map((x) => [x.agency, x.field, x.received.total])).toEqual([
      ['A', 'F1', 2],
      ['A', 'F2', 1],
      ['B', null, 1],
    ]);
    expect(r.total.received).toEqual({ total: 4, carriedOver: 0, online: 2, direct: 1, postal: 1 });
    expect(r.invariants.holds).toBe(true);
    expect(r.invariants.checked).toBe(4 * 4 + 18);
  });

  it('keeps the dossiers of one lead agency, one field, or both', () => {
    expect(ii06a(ds, october, { agency: 'A' }).total.received.total).toBe(3);
    expect(ii06a(ds, october, { field: 'F1' }).total.received.total).toBe(2);
    expect(ii06a(ds, october, { agency: 'B', field: 'F1' }).rows).toEqual([]);
  });
});

it('names what does not add up when counters are tampered with', () => {
  const r = ii06a([dossier(), dossier({ leadAgency: 'B' })], october);
  r.rows[0].inProgress.withinLimit++;
  r.total.withdrawn++;
  const check = ii06aInvariants(r);
  expect(check.holds).toBe(false);
  expect(check.violations).toEqual([
    { rule: 'received = resolved + withdrawn + stopped + inProgress', where: 'total', left: 2, right: 3 },
    { rule: 'inProgress = withinLimit + overdue', where: 'B / Xây dựng', left: 1, right: 2 },
    { rule: 'total.inProgress.withinLimit = sum of the rows', where: 'total', left: 0, right: 1 },
    { rule: 'total.withdrawn = sum of the rows', where: 'total', left: 1, right: 0 },
  ]);
});
