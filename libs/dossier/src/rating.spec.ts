/**
 * The satisfaction rating (ONE-STOP.md §8): once the result is in the applicant's hands (returned at
 * the counter or online, or delivered by the post), once per dossier, recorded as an event.
 */
import { calendarFor, parseInstant } from '@motcua/calendar';
import type { Actor } from './actor';
import type { DossierCommand } from './commands';
import { Dossier } from './dossier';
import { isRefusal } from './rules';
import { procedure, UNIT } from './testing/commands';
import { toView } from './view';

const at = (local: string): number => parseInstant(`${local.replace(' ', 'T')}:00+07:00`);
const ONE_STOP: Actor = { id: 'officer-1', role: 'ONE_STOP_OFFICER', agency: UNIT };
const PORTAL: Actor = { id: 'portal', role: 'PORTAL', agency: null };

function dossierUpTo(last: 'complete' | 'return'): Dossier {
  const d = new Dossier(calendarFor);
  const commands: DossierCommand[] = [
    { type: 'register', at: at('2026-03-02 09:00'), by: ONE_STOP, code: `${UNIT}-260302-0001`, unit: UNIT, procedure: procedure([{ agency: 'A', allotted: { amount: 1, unit: 'WORKING_DAYS' } }]), ruleSet: 'ND118-2025', calendar: { id: 'VN-GOV', version: calendarFor('VN-GOV').version }, applicantRef: null },
    { type: 'submit', at: at('2026-03-02 09:00'), by: ONE_STOP, channel: 'COUNTER' },
    { type: 'accept', at: at('2026-03-02 09:10'), by: ONE_STOP },
    { type: 'complete', at: at('2026-03-02 15:00'), by: { id: 'o', role: 'AGENCY_OFFICER', agency: 'A' }, agency: 'A' },
    ...(last === 'return' ? [{ type: 'return', at: at('2026-03-03 09:00'), by: ONE_STOP, channel: 'COUNTER' } as DossierCommand] : []),
  ];
  for (const c of commands) {
    const r = d.check(c) ?? d.execute(c);
    if (isRefusal(r)) throw new Error(`${c.type}: ${r.message}`);
  }
  return d;
}
const rate = (by: Actor, level: 'VERY_SATISFIED' | 'SATISFIED' | 'DISSATISFIED' = 'SATISFIED', t = '2026-03-03 10:00'): DossierCommand => ({ type: 'rate', at: at(t), by, level });

describe('the satisfaction rating', () => {
  it('is recorded as an event once the result is returned, given at the counter or on the portal', () => {
    for (const by of [ONE_STOP, PORTAL]) {
      const d = dossierUpTo('return');
      expect(d.check(rate(by, 'VERY_SATISFIED'))).toBeNull();
      const r = d.execute(rate(by, 'VERY_SATISFIED'));
      expect(isRefusal(r) ? r : r.map((x) => x.event)).toEqual([{ type: 'SatisfactionRated', at: at('2026-03-03 10:00'), by, level: 'VERY_SATISFIED' }]);
      expect(toView(d.state, at('2026-03-03 10:00')).rating).toEqual({ level: 'VERY_SATISFIED', at: '2026-03-03T10:00:00+07:00' });
    }
  });

  it('is given once', () => {
    const d = dossierUpTo('return');
    d.execute(rate(ONE_STOP));
    expect(d.check(rate(PORTAL, 'DISSATISFIED', '2026-03-03 11:00'))?.rule).toBe('RATING.ALREADY_GIVEN');
  });

  it('waits for the result to be in the applicant\'s hands, and for its own unit\'s officer', () => {
    expect(dossierUpTo('complete').check(rate(ONE_STOP))?.rule).toBe('LIFECYCLE.ACTION_NOT_ALLOWED');
    expect(dossierUpTo('return').check(rate({ ...ONE_STOP, agency: '000.31.25.H26' }))?.rule).toBe('ACCESS.NOT_THE_RECEIVING_UNIT');
    expect(dossierUpTo('return').check(rate({ id: 'o', role: 'AGENCY_OFFICER', agency: 'A' }))?.rule).toBe('ACCESS.ROLE_MAY_NOT');
  });
});
