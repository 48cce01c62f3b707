import { circular01 } from './circular01';
import { isPeriod, parsePeriod } from './period';
import { at, dossier } from './testing/dossier';

const p = parsePeriod('2026-10-01', '2026-10-31');
if (!isPeriod(p)) throw new Error(p.message);
const october = p;

const ds = [
  dossier({
    code: 'a',
    finishedAt: at('2026-10-10 10:00'),
    outcome: 'EARLY',
    parts: [
      { agency: 'SO_TAI_CHINH', finishedAt: at('2026-10-05 10:00'), outcome: 'LATE' },
      { agency: 'SO_XAY_DUNG', finishedAt: at('2026-10-10 10:00'), outcome: 'EARLY' },
    ],
  }),
  dossier({
    code: 'b',
    finishedAt: at('2026-10-15 16:00'),
    outcome: 'ON_TIME',
    parts: [{ agency: 'SO_XAY_DUNG', finishedAt: at('2026-10-15 16:00'), outcome: 'ON_TIME' }],
  }),
  dossier({ code: 'c', finishedAt: at('2026-10-20 10:00'), outcome: 'LATE', parts: [{ agency: 'SO_XAY_DUNG', finishedAt: at('2026-10-20 10:00'), outcome: 'LATE' }] }),
  // A part finished in the period of a dossier still in progress counts for its agency.
  dossier({ code: 'd', parts: [{ agency: 'SO_TAI_CHINH', finishedAt: at('2026-10-07 10:00'), outcome: 'EARLY' }, { agency: 'SO_XAY_DUNG', finishedAt: null, outcome: null }] }),
];

it('indicator 1 scores each dossier resolved in the period 2 / 1 / 0 (early / on time / late)', () => {
  const r = circular01(ds, october);
  expect(r.dossiers.map((d) => [d.code, d.outcome, d.score, d.appointment])).toEqual([
    ['a', 'EARLY', 2, '2026-10-15T17:00:00+07:00'],
    ['b', 'ON_TIME', 1, '2026-10-15T17:00:00+07:00'],
    ['c', 'LATE', 0, '2026-10-15T17:00:00+07:00'],
  ]);
  expect(r.total).toEqual({ dossiers: 3, dossierAverageScore: 1, parts: 5, partAverageScore: 1 });
});

it('indicator 2 scores each agency\'s parts finished in the period against its own allotment', () => {
  expect(circular01(ds, october).agencies).toEqual([
    { agency: 'SO_TAI_CHINH', parts: 2, early: 1, onTime: 0, late: 1, points: 2, averageScore: 1 },
    { agency: 'SO_XAY_DUNG', parts: 3, early: 1, onTime: 1, late: 1, points: 3, averageScore: 1 },
  ]);
});

it('filters: `agency` is the lead agency for indicator 1 and the part\'s agency for indicator 2', () => {
  const r = circular01(ds, october, { agency: 'SO_TAI_CHINH' });
  expect(r.dossiers).toEqual([]);
  expect(r.agencies.map((a) => a.agency)).toEqual(['SO_TAI_CHINH']);
});
