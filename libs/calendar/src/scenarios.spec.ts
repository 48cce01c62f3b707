/**
 * Every due instant and NEAR_DUE instant that the example scenarios
 * (apps/scenarios/scenarios/examples/*.json) expect, recomputed from their clock starts. Copied in
 * rather than read from disk so the library's tests stand alone.
 *
 * nearDue: the NEAR_DUE alert the scenario expects; 'none: before start' where the rule's instant is
 * not after the clock start (so no alert may fire); a plain instant where the alert is not expected
 * only because the clock was stopped first.
 */
import { vnGovCalendar } from './registry';
import { parseInstant, toLocalIso } from './time/iso';
import type { TimeLimit } from './deadline/time-limit';

const cal = vnGovCalendar();
const WD = (amount: number): TimeLimit => ({ amount, unit: 'WORKING_DAYS' });
const WH = (amount: number): TimeLimit => ({ amount, unit: 'WORKING_HOURS' });
const SAME_DAY: TimeLimit = { amount: 1, unit: 'SAME_DAY' };

const cases: Array<[string, string, TimeLimit, string, string]> = [
  ['P01 dossier / SO_TU_PHAP', '2026-03-02T09:20', WD(10), '2026-03-16T17:00', '2026-03-13T08:00'],
  ['P02 dossier / SO_KH_DT (Tết break)', '2026-02-13T10:15', WD(3), '2026-02-25T17:00', '2026-02-24T08:00'],
  ['P03 dossier, restarted by the supplement', '2026-03-16T09:30', WD(10), '2026-03-30T17:00', '2026-03-27T08:00'],
  ['P03 VP_DANG_KY_DAT_DAI stage 1, restarted', '2026-03-16T09:30', WD(5), '2026-03-23T17:00', '2026-03-20T08:00'],
  ['P03 CHI_CUC_THUE', '2026-03-19T10:10', WD(2), '2026-03-23T17:00', '2026-03-20T08:00'],
  ['P03 VP_DANG_KY_DAT_DAI stage 3', '2026-03-25T16:10', WD(3), '2026-03-30T17:00', '2026-03-27T08:00'],
  ['P04 dossier / UBND_XA, after the cut-off before 30/4', '2026-04-29T15:25', SAME_DAY, '2026-05-04T17:00', 'none: before start'],
  ['P05 dossier, from the postal handover', '2026-06-01T08:30', WD(10), '2026-06-15T17:00', '2026-06-12T08:00'],
  ['P05 SO_TU_PHAP', '2026-06-01T08:30', WD(4), '2026-06-05T17:00', '2026-06-04T08:00'],
  ['P05 CONG_AN_TINH', '2026-06-04T16:10', WD(6), '2026-06-12T17:00', '2026-06-11T08:00'],
  ['P06 dossier', '2026-07-06T09:30', WD(3), '2026-07-09T17:00', '2026-07-08T08:00'],
  ['P06 UBND_XA', '2026-07-06T09:30', WD(1), '2026-07-07T17:00', 'none: before start'],
  ['P06 CONG_AN_XA, 1.5 days', '2026-07-07T10:10', WD(1.5), '2026-07-09T12:00', '2026-07-08T08:00'],
  ['P06 BHXH_TINH, 4 hours', '2026-07-07T10:10', WH(4), '2026-07-07T15:10', 'none: before start'],
  ['P08 dossier', '2026-10-05T09:20', WD(10), '2026-10-19T17:00', '2026-10-16T08:00'],
  ['P08 SO_TU_PHAP', '2026-10-05T09:20', WD(3), '2026-10-08T17:00', '2026-10-07T08:00'],
  ['P08 CONG_AN_TINH', '2026-10-07T10:10', WD(7), '2026-10-16T17:00', '2026-10-15T08:00'],
  ['P09 dossier, through 31/8–2/9', '2026-08-21T14:20', WD(7), '2026-09-03T17:00', '2026-08-28T08:00'],
  ['P09 SO_TAI_CHINH, 12 hours through the make-up Saturday', '2026-08-21T14:20', WH(12), '2026-08-24T09:20', '2026-08-22T08:00'],
  ['P09 SO_CONG_THUONG', '2026-08-27T10:10', WD(3), '2026-09-04T17:00', '2026-09-03T08:00'],
];

describe('public scenarios: due and near-due instants', () => {
  it.each(cases)('%s', (_, start, limit, due, nearDue) => {
    const clockStart = parseInstant(`${start}:00+07:00`);
    const computed = cal.due(clockStart, limit);
    expect(toLocalIso(computed)).toBe(`${due}:00+07:00`);
    const near = cal.nearDueAt(computed);
    if (nearDue === 'none: before start') {
      expect(near).toBeLessThanOrEqual(clockStart);
    } else {
      expect(toLocalIso(near)).toBe(`${nearDue}:00+07:00`);
      expect(near).toBeGreaterThan(clockStart);
    }
  });

  it('P02 and P08: the apologies made were in time, so no APOLOGY_MISSED', () => {
    const p02 = cal.due(parseInstant('2026-02-13T10:15:00+07:00'), WD(3));
    expect(toLocalIso(cal.apologyDeadline(p02))).toBe('2026-02-24T17:00:00+07:00');
    expect(parseInstant('2026-02-24T15:10:00+07:00')).toBeLessThanOrEqual(cal.apologyDeadline(p02));
    const p08 = cal.due(parseInstant('2026-10-05T09:20:00+07:00'), WD(10));
    expect(toLocalIso(cal.apologyDeadline(p08))).toBe('2026-10-16T17:00:00+07:00');
  });

  it('P05: a second failed delivery one working day later does not count, two days later it does', () => {
    const first = parseInstant('2026-06-15T09:10:00+07:00');
    expect(cal.workingDaysBetween(first, parseInstant('2026-06-16T09:10:00+07:00'))).toBe(1);
    expect(cal.workingDaysBetween(first, parseInstant('2026-06-17T09:10:00+07:00'))).toBe(2);
  });
});
