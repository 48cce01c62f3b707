import { calendarFor } from '@motcua/calendar';
import { Dossier } from './dossier';
import type { RecordedEvent } from './events';

/**
 * A dossier rebuilt from its log as a client receives it (the workflow's events query: JSON through
 * Temporal's payload converter) has the state the workflow holds: what the API tries actions on.
 */
describe('Dossier.fromLog over JSON', () => {
  it('gives the same state as the dossier that recorded the events', () => {
    const at = (local: string) => Date.parse(`${local}+07:00`);
    const unit = '000.00.00.H42';
    const officer = (agency: string) => ({ id: `o@${agency}`, role: 'AGENCY_OFFICER', agency });
    const d = new Dossier(calendarFor);
    const cal = calendarFor('VN-GOV');
    const commands = [
      {
        type: 'register',
        at: at('2026-03-02T08:00:00'),
        by: { id: 'o', role: 'ONE_STOP_OFFICER', agency: unit },
        code: `${unit}-260302-0001`,
        unit,
        procedure: { code: 'P', name: 'P', version: '1', timeLimit: { amount: 5, unit: 'WORKING_DAYS' }, route: [{ agency: 'A', allotted: { amount: 2, unit: 'WORKING_DAYS' } }, { agency: 'B', allotted: { amount: 3, unit: 'WORKING_DAYS' } }] },
        ruleSet: 'ND118-2025',
        calendar: { id: cal.id, version: cal.version },
        applicantRef: null,
      },
      { type: 'submit', channel: 'COUNTER', at: at('2026-03-02T08:10:00'), by: { id: 'o', role: 'ONE_STOP_OFFICER', agency: unit } },
      { type: 'accept', at: at('2026-03-02T08:20:00'), by: { id: 'o', role: 'ONE_STOP_OFFICER', agency: unit } },
      { type: 'requestSupplement', agency: 'A', at: at('2026-03-03T09:00:00'), by: officer('A') },
      { type: 'supplement', at: at('2026-03-04T09:00:00'), by: { id: 'o', role: 'ONE_STOP_OFFICER', agency: unit } },
      { type: 'complete', agency: 'A', at: at('2026-03-05T09:00:00'), by: officer('A') },
    ] as const;
    for (const c of commands) {
      const r = d.execute(c as never);
      expect(Array.isArray(r)).toBe(true);
    }
    const overTheWire = JSON.parse(JSON.stringify(d.events)) as RecordedEvent[];
    expect(Dossier.fromLog(calendarFor, overTheWire).state).toEqual(d.state);
  });
});
