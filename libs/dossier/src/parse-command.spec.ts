import { parseCommand } from './parse-command';
import { isRefusal } from './rules';

const by = { id: 'officer-1', role: 'AGENCY_OFFICER', agency: 'SO_TU_PHAP' };
const NOW = Date.parse('2026-03-02T02:00:00Z');
const now = () => NOW;

describe('parseCommand: one way in for every boundary', () => {
  it('builds the domain command: contract fields only, the actor, the instant (now when absent)', () => {
    expect(parseCommand('complete', { agency: 'SO_TU_PHAP', by, extra: 1 }, now)).toEqual({ type: 'complete', agency: 'SO_TU_PHAP', by, at: NOW });
    expect(parseCommand('accept', { by, at: '2026-03-02T09:00:00+07:00' }, now)).toEqual({ type: 'accept', by, at: NOW });
    expect(parseCommand('postalPickedUp', { by, waybill: 'EN340902457VN' }, now)).toMatchObject({ type: 'postalPickedUp', waybill: 'EN340902457VN' });
  });

  it('refuses an instant without an offset, which Date.parse would read in the machine\'s zone', () => {
    const r = parseCommand('accept', { by, at: '2026-03-02T09:00:00' }, now);
    expect(isRefusal(r) && [r.rule, r.kind]).toEqual(['COMMAND.MALFORMED', 'INVALID_ARGUMENT']);
  });

  it('refuses a command without its actor, of an unknown name, or with fields the contract does not allow', () => {
    for (const [name, arg] of [
      ['accept', {}],
      ['accept', { by: { id: 'x' } }],
      ['approve', { by }],
      ['__proto__', { by }],
      ['complete', { by }],
      ['reject', { by, agency: 'A', reasons: ['Ông A không đủ điều kiện'] }],
      ['apologize', { by, agency: 'A', newAppointment: '2026-03-20 17:00' }],
      ['accept', null],
      ['accept', [by]],
    ] as [string, unknown][]) {
      const r = parseCommand(name, arg, now);
      expect([name, isRefusal(r) ? r.rule : r]).toEqual([name, 'COMMAND.MALFORMED']);
    }
  });
});
