import { decision766 } from './decision766';
import { isPeriod, parsePeriod } from './period';
import { at, dossier } from './testing/dossier';

const p = parsePeriod('2026-10-01', '2026-10-31');
if (!isPeriod(p)) throw new Error(p.message);
const october = p;

it('2.1: on time or within limit over the resolved and in-progress dossiers; withdrawn ones do not count', () => {
  const r = decision766(
    [
      dossier({ finishedAt: at('2026-10-10 10:00'), outcome: 'EARLY' }),
      dossier({ finishedAt: at('2026-10-15 10:00'), outcome: 'ON_TIME' }),
      dossier({ finishedAt: at('2026-10-20 10:00'), outcome: 'LATE' }),
      // In progress at the end, past 15/10: overdue.
      dossier(),
      // In progress, due later: within limit.
      dossier({ appointments: [{ from: at('2026-10-01 09:00'), at: at('2026-11-15 17:00') }] }),
      dossier({ withdrawnAt: at('2026-10-02 10:00') }),
    ],
    october,
  );
  expect(r.total.onTime).toEqual({ count: 3, of: 5, percent: 60 });
});

it('2.1: a dossier asked for a supplement more than once counts as late (766)', () => {
  const twice = [
    { kind: 'PROCESSING' as const, at: at('2026-10-02 10:00'), answeredAt: at('2026-10-03 10:00') },
    { kind: 'PROCESSING' as const, at: at('2026-10-04 10:00'), answeredAt: at('2026-10-05 10:00') },
  ];
  const r = decision766([dossier({ finishedAt: at('2026-10-10 10:00'), outcome: 'EARLY', supplementRequests: twice }), dossier({ finishedAt: at('2026-10-10 10:00'), outcome: 'EARLY' })], october);
  expect(r.total.onTime).toEqual({ count: 1, of: 2, percent: 50 });
});

it('3.3 and the postal share: over the dossiers newly received in the period, carried-over ones left out', () => {
  const r = decision766(
    [
      dossier({ channel: 'ONLINE' }),
      dossier({ channel: 'ONLINE' }),
      dossier({ channel: 'COUNTER' }),
      dossier({ channel: 'POSTAL', leadAgency: 'B' }),
      dossier({ channel: 'ONLINE', clockStartedAt: at('2026-09-01 10:00') }),
    ],
    october,
  );
  expect(r.total.online).toEqual({ count: 2, of: 4, percent: 50 });
  expect(r.total.postal).toEqual({ count: 1, of: 4, percent: 25 });
  expect(r.rows.map((x) => [x.agency, x.online.count, x.postal.count])).toEqual([
    ['B', 0, 1],
    ['SO_XAY_DUNG', 2, 0],
  ]);
});

it('2.2: the average processing time per procedure of the dossiers resolved in the period', () => {
  const day = 86_400_000;
  const r = decision766(
    [
      dossier({ finishedAt: at('2026-10-10 10:00'), outcome: 'EARLY', processingMs: 2 * day }),
      dossier({ finishedAt: at('2026-10-11 10:00'), outcome: 'EARLY', processingMs: 3 * day }),
      dossier({ procedureCode: 'P0', procedureName: 'Khác', finishedAt: at('2026-10-11 10:00'), outcome: 'LATE', processingMs: day / 3 }),
      dossier({ finishedAt: at('2026-11-11 10:00'), outcome: 'EARLY', processingMs: 30 * day }),
    ],
    october,
  );
  expect(r.procedures).toEqual([
    { procedureCode: 'P0', procedureName: 'Khác', resolved: 1, averageProcessingMs: 28_800_000, averageProcessingDays: 0.33 },
    { procedureCode: 'P1', procedureName: 'Thủ tục một', resolved: 2, averageProcessingMs: 2.5 * day, averageProcessingDays: 2.5 },
  ]);
});

it('gives no rate where there is nothing to divide', () => {
  expect(decision766([], october).total).toEqual({ onTime: { count: 0, of: 0, percent: null }, online: { count: 0, of: 0, percent: null }, postal: { count: 0, of: 0, percent: null } });
});
