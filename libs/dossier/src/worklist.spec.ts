import { calendarFor } from '@motcua/calendar';
import { DossierStatusSchema, type DossierStatus } from '@motcua/contracts';
import type { DossierCommand } from './commands';
import { decide } from './decide';
import { isRefusal } from './rules';
import { EMPTY_DOSSIER, holders, type DossierState } from './state';
import { AGENCY_WORK_STATUSES, UNIT_WORK_STATUSES } from './worklist';

/** The workbench's statuses are the domain's: where decide takes a unit's action, where an agency holds a part. */
describe('the worklist statuses', () => {
  const by = { id: 'o', role: 'ONE_STOP_OFFICER', agency: 'U' };
  const state = (status: DossierStatus): DossierState => ({
    ...EMPTY_DOSSIER,
    code: 'U-260301-0001',
    unit: 'U',
    status,
    procedure: { code: 'P', name: 'P', version: '1', timeLimit: { amount: 5, unit: 'WORKING_DAYS' }, route: [{ agency: 'A', allotted: { amount: 5, unit: 'WORKING_DAYS' } }] },
    calendar: { id: 'VN-GOV', version: calendarFor('VN-GOV').version },
    ruleSet: 'ND118-2025',
    currentStage: 0,
    members: [{ member: 0, stage: 0, agency: 'A', allotted: { amount: 5, unit: 'WORKING_DAYS' }, startedAt: 1, clockStartedAt: 1, deadline: null, finishedAt: null, finishedBy: null, outcome: null }],
  });
  // The unit's own moves; `withdraw` and `rate` are the applicant's, taken down at the counter.
  const unitMoves: DossierCommand[] = [
    { type: 'submit', channel: 'COUNTER', at: 2, by },
    { type: 'requestIntakeSupplement', at: 2, by },
    { type: 'refuseIntake', at: 2, by },
    { type: 'accept', at: 2, by },
    { type: 'supplement', at: 2, by },
    { type: 'return', channel: 'COUNTER', at: 2, by },
  ];
  const admits = (s: DossierState, c: DossierCommand) => {
    try {
      const r = decide(s, c, (id) => calendarFor(id));
      return !(isRefusal(r) && r.rule === 'LIFECYCLE.ACTION_NOT_ALLOWED');
    } catch {
      return true; // past the status guard, into what this bare state lacks
    }
  };

  it('UNIT_WORK_STATUSES: every status in which the unit has a move of its own', () => {
    const moving = DossierStatusSchema.options.filter((status) => unitMoves.some((c) => admits(state(status), c)));
    expect(moving.sort()).toEqual([...UNIT_WORK_STATUSES].sort());
  });

  it('AGENCY_WORK_STATUSES: every status in which a started part is held', () => {
    const held = DossierStatusSchema.options.filter((status) => holders(state(status)).length > 0);
    expect(held.sort()).toEqual([...AGENCY_WORK_STATUSES].sort());
  });
});
