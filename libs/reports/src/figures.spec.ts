import { decision766 } from './decision766';
import { figures } from './figures';
import { ii06a } from './ii06a';
import { parsePeriod, type Period } from './period';
import { figuresSheets } from './sheets';
import { at, dossier } from './testing/dossier';

const period = (from: string, to: string) => parsePeriod(from, to) as Period;
const october = period('2026-10-01', '2026-10-31');

const ds = [
  // Resolved early online at SO_XAY_DUNG, 2 days of processing; an apology and a request after appraisal.
  dossier({ code: 'A', finishedAt: at('2026-10-10 10:00'), outcome: 'EARLY', processingMs: 2 * 86_400_000, apologies: [at('2026-10-05 09:00')], supplementRequests: [{ kind: 'PROCESSING', at: at('2026-10-03 09:00'), answeredAt: at('2026-10-04 09:00') }] }),
  // Resolved late at the counter, 4 days; its apology duty missed.
  dossier({ code: 'B', channel: 'COUNTER', finishedAt: at('2026-10-20 10:00'), outcome: 'LATE', processingMs: 4 * 86_400_000, apologiesMissed: [at('2026-10-15 17:00')] }),
  // Another agency and field, by post, still in progress within its limit.
  dossier({ code: 'C', leadAgency: 'SO_TU_PHAP', field: 'Hộ tịch', procedureCode: 'P2', procedureName: 'Thủ tục hai', channel: 'POSTAL', appointments: [{ from: at('2026-10-01 09:00'), at: at('2026-11-15 17:00') }] }),
  // Missed in September: outside the period.
  dossier({ code: 'D', channel: 'COUNTER', apologiesMissed: [at('2026-09-30 17:00')], clockStartedAt: at('2026-09-01 09:00'), withdrawnAt: at('2026-09-20 09:00') }),
];

it('counts per lead agency, procedure and channel by the reports\' own rules', () => {
  const r = figures(ds, october);
  expect(r.total).toEqual({
    received: 3,
    onTime: { count: 2, of: 3, percent: 66.67 },
    resolved: { total: 2, early: 1, onTime: 0, late: 1 },
    averageResolutionMs: 3 * 86_400_000,
    averageResolutionDays: 3,
    apologies: 1,
    apologiesMissed: 1,
    supplementRequests: { atIntake: 0, afterAppraisal: 1 },
  });
  expect(r.agencies.map((a) => [a.agency, a.resolved.total, a.onTime.percent, a.apologiesMissed])).toEqual([
    ['SO_TU_PHAP', 0, 100, 0],
    ['SO_XAY_DUNG', 2, 50, 1],
  ]);
  expect(r.procedures.map((p) => [p.procedureCode, p.procedureName, p.averageResolutionDays])).toEqual([
    ['P1', 'Thủ tục một', 3],
    ['P2', 'Thủ tục hai', null],
  ]);
  expect(r.channels.map((c) => [c.channel, c.resolved.early, c.resolved.late])).toEqual([
    ['COUNTER', 0, 1],
    ['ONLINE', 1, 0],
    ['POSTAL', 0, 0],
  ]);
});

it('equals II.06a and Decision 766 for the same period and filter', () => {
  for (const filter of [{}, { agency: 'SO_XAY_DUNG' }, { field: 'Hộ tịch' }]) {
    const r = figures(ds, october, filter);
    const form = ii06a(ds, october, filter);
    const r766 = decision766(ds, october, filter);
    expect(r.filter).toEqual(filter);
    expect(r.total.resolved).toEqual(form.total.resolved);
    expect(r.total.received).toBe(form.total.received.total);
    expect(r.total.apologies).toBe(form.total.apologies);
    expect(r.total.supplementRequests).toEqual({ atIntake: form.total.intakeSupplementRequests, afterAppraisal: form.total.supplementRequests });
    expect(r.total.onTime).toEqual(r766.total.onTime);
    expect(r.agencies.map((a) => [a.agency, a.onTime])).toEqual(r766.rows.map((x) => [x.agency, x.onTime]));
  }
});

it('writes a sheet per grouping, each with its total', () => {
  const sheets = figuresSheets(figures(ds, october));
  expect(sheets.map((s) => [s.name, s.rows.length, s.rows.at(-1)![0]])).toEqual([
    ['Theo cơ quan chủ trì', 3, 'Tổng cộng'],
    ['Theo thủ tục', 3, 'Tổng cộng'],
    ['Theo kênh', 4, 'Tổng cộng'],
  ]);
  for (const s of sheets) for (const row of s.rows) expect(row).toHaveLength(s.headers.length);
});
