import { calendarFor, parseInstant, type TimeLimit } from '@motcua/calendar';
import type { Actor } from './actor';
import type { DossierCommand } from './commands';
import { Dossier } from './dossier';
import type { ProcedureVersion } from './events';
import { RULE_SET_VERSIONS, ruleSetAt, ruleSetOf, type RuleSet } from './rule-sets';
import { isRefusal } from './rules';

/**
 * A rule that changes is a new rule-set version, and a dossier keeps the rules it was received
 * under. No parameter differs between ND61-2018 and ND118-2025 today, so a test version shows it:
 * a supplement window of 5 working days (say, a province's decision) in force from 2027.
 */
const WIDER_WINDOW: RuleSet = { ...ruleSetOf('ND118-2025'), version: 'TEST-2027', from: Date.UTC(2027, 0, 1, -7), supplementWindowWorkingDays: 5 };
const SETS = [ruleSetOf('ND61-2018'), ruleSetOf('ND118-2025'), WIDER_WINDOW];
const resolver = (version: string) => ruleSetOf(version, SETS);

const at = (local: string) => parseInstant(`${local.replace(' ', 'T')}:00+07:00`);
const VN_GOV = calendarFor('VN-GOV');
const UNIT = '000.00.00.H42';
const officer: Actor = { id: 'officer-1', role: 'ONE_STOP_OFFICER', agency: UNIT };
const agencyA: Actor = { id: 'officer@A', role: 'AGENCY_OFFICER', agency: 'A' };
const WD = (amount: number): TimeLimit => ({ amount, unit: 'WORKING_DAYS' });
const P: ProcedureVersion = { code: 'T.RULES', name: 'rule sets', version: '1', timeLimit: WD(10), route: [{ agency: 'A', allotted: WD(10) }] };

/** A dossier received under `ruleSet`, with a supplement requested 4 working days after receipt. */
function supplementAfterFourDays(ruleSet: string) {
  const d = new Dossier(calendarFor, resolver);
  const commands: DossierCommand[] = [
    { type: 'register', at: at('2026-03-02 09:00'), by: officer, code: `${UNIT}-260302-0001`, unit: UNIT, procedure: P, ruleSet, calendar: { id: VN_GOV.id, version: VN_GOV.version }, applicantRef: null },
    { type: 'submit', at: at('2026-03-02 09:10'), by: officer, channel: 'COUNTER' },
    { type: 'accept', at: at('2026-03-02 09:20'), by: officer },
    { type: 'requestSupplement', at: at('2026-03-06 09:00'), by: agencyA, agency: 'A' }, // Mon → Fri = 4
  ];
  let last;
  for (const c of commands) {
    last = d.execute(c);
    if (isRefusal(last)) throw new Error(last.message);
  }
  return last!.at(-1)!.event;
}

describe('rule-set versions', () => {
  it('new dossiers are received under the version in force', () => {
    expect(ruleSetAt(Date.UTC(2025, 5, 30, 12))).toBe('ND61-2018');
    expect(ruleSetAt(Date.UTC(2025, 6, 1, 12))).toBe('ND118-2025');
    expect(ruleSetAt(Date.UTC(2027, 1, 1), SETS)).toBe('TEST-2027');
    expect(RULE_SET_VERSIONS).toEqual(['ND61-2018', 'ND118-2025']);
  });

  it('decide applies the rules of the recorded version, not of today', () => {
    expect(supplementAfterFourDays('ND118-2025')).toMatchObject({ type: 'SupplementRequested', workingDaysSinceReceipt: 4, late: true });
    expect(supplementAfterFourDays('TEST-2027')).toMatchObject({ type: 'SupplementRequested', workingDaysSinceReceipt: 4, late: false });
  });

  it('an unknown recorded version is an error, never a silent default', () => {
    expect(() => ruleSetOf('ND999-2030')).toThrow(/unknown rule-set version ND999-2030/);
    expect(() => supplementAfterFourDays('ND999-2030')).toThrow(/unknown rule-set version/);
  });
});
