/**
 * The critical-path rule (ONE-STOP.md §4): the sum of the allotments on the critical path — a
 * parallel group counts as its longest member — must not exceed the legal limit, both converted
 * to working hours (a working day and SAME_DAY count 8 hours). Each case sits exactly at the limit
 * (accepted) and one working hour over (refused).
 */
import { vnGovCalendar, type TimeLimit } from '@motcua/calendar';
import type { Procedure, RouteStage } from '@motcua/contracts';
import { checkProcedure } from './procedure-check';

const WD = (amount: number): TimeLimit => ({ amount, unit: 'WORKING_DAYS' });
const WH = (amount: number): TimeLimit => ({ amount, unit: 'WORKING_HOURS' });
const SAME_DAY: TimeLimit = { amount: 1, unit: 'SAME_DAY' };

let n = 0;
const one = (allotted: TimeLimit): RouteStage => ({ agency: `AG${++n}`, allotted });
const group = (...allotted: TimeLimit[]): RouteStage => ({ parallel: allotted.map((a) => ({ agency: `AG${++n}`, allotted: a })) });
const proc = (timeLimit: TimeLimit, route: RouteStage[]): Procedure => ({ code: 'T.CP.01', name: 'critical path', timeLimit, route });

const problems = (timeLimit: TimeLimit, route: RouteStage[]) => checkProcedure(proc(timeLimit, route), vnGovCalendar());
const accepted = (timeLimit: TimeLimit, route: RouteStage[]) => expect(problems(timeLimit, route)).toEqual([]);
const refused = (timeLimit: TimeLimit, route: RouteStage[]) => {
  const found = problems(timeLimit, route);
  expect(found).toHaveLength(1);
  expect(found[0]).toMatch(/critical path/);
};

describe('the critical-path rule (ONE-STOP.md §4)', () => {
  describe('working days', () => {
    it('one agency: 3 WD in 3 WD accepted; 3 WD + 1 h refused', () => {
      accepted(WD(3), [one(WD(3))]);
      refused(WD(3), [one(WD(3)), one(WH(1))]);
      refused(WD(3), [one(WD(3.125))]); // 3 WD + 1 h, as a fraction of a day
    });

    it('sequential stages add up: 2 + 1 WD in 3 WD accepted; 2 WD + 9 h refused', () => {
      accepted(WD(3), [one(WD(2)), one(WD(1))]);
      refused(WD(3), [one(WD(2)), one(WH(9))]);
    });

    it('a parallel group counts as its longest member, not as the sum of its members', () => {
      accepted(WD(3), [group(WD(3), WD(3), WD(3))]); // 24 h, though the members add up to 72 h
      accepted(WD(3), [one(WD(2)), group(WD(1), WH(8), WH(2))]); // 16 + 8
      refused(WD(3), [one(WD(2)), group(WD(1), WH(9), WH(2))]); // 16 + 9: one member too long
      refused(WD(3), [group(WD(1), WH(2)), group(WH(8), WD(1)), group(WD(1), WH(9))]); // 8 + 8 + 9
      accepted(WD(3), [group(WD(1), WH(2)), group(WH(8), WD(1)), group(WD(1), WH(8))]); // 8 + 8 + 8
    });

    it('the public sample routes keep the rule (P05: 4 + 6 in 10; P06: 1 + max(1.5 WD, 4 h) in 3)', () => {
      accepted(WD(10), [one(WD(4)), one(WD(6))]);
      accepted(WD(3), [one(WD(1)), group(WD(1.5), WH(4))]);
    });
  });

  describe('SAME_DAY counts 8 working hours', () => {
    it('as the limit', () => {
      accepted(SAME_DAY, [one(SAME_DAY)]);
      accepted(SAME_DAY, [one(WH(8))]);
      accepted(SAME_DAY, [one(WD(1))]);
      accepted(SAME_DAY, [one(WH(4)), group(WH(4), WH(1))]);
      refused(SAME_DAY, [one(WH(4)), group(WH(5), WH(1))]);
      refused(SAME_DAY, [one(SAME_DAY), one(WH(1))]);
      refused(SAME_DAY, [one(WH(9))]);
    });

    it('as an allotment', () => {
      accepted(WD(1), [one(SAME_DAY)]);
      accepted(WD(2), [one(SAME_DAY), group(SAME_DAY, WH(3))]);
      refused(WD(2), [one(SAME_DAY), group(SAME_DAY, WH(9))]);
      accepted(WH(8), [one(SAME_DAY)]);
      refused(WH(7), [one(SAME_DAY)]);
    });
  });

  describe('WORKING_HOURS limits and mixes', () => {
    it('16 h: 6 h + max(10 h, 1 WD) accepted; 7 h + max(10 h, 1 WD) refused', () => {
      accepted(WH(16), [one(WH(6)), group(WH(10), WD(1))]);
      refused(WH(16), [one(WH(7)), group(WH(10), WD(1))]);
    });

    it('16 h = 2 WD exactly; 2 WD + 1 h refused', () => {
      accepted(WH(16), [one(WD(2))]);
      refused(WH(16), [one(WD(2)), one(WH(1))]);
      accepted(WD(2), [one(WH(16))]);
      refused(WD(2), [one(WH(17))]);
    });
  });

  describe('fractional amounts', () => {
    it('1.5 WD = 12 h: 0.5 WD + 8 h accepted; 0.5 WD + 9 h refused', () => {
      accepted(WD(1.5), [one(WD(0.5)), one(WH(8))]);
      refused(WD(1.5), [one(WD(0.5)), one(WH(9))]);
    });

    it('2.5 WD = 20 h: 1.25 WD + max(1 WD, 10 h) accepted; one hour more refused', () => {
      accepted(WD(2.5), [one(WD(1.25)), group(WD(1), WH(10))]);
      refused(WD(2.5), [one(WD(1.25)), group(WD(1), WH(11))]);
      refused(WD(2.5), [one(WD(1.375)), group(WD(1), WH(10))]); // 11 + 10
    });

    it('fractional working hours: 1.5 h + 2.5 h in 0.5 WD accepted; 1.5 h + 3.5 h refused', () => {
      accepted(WD(0.5), [one(WH(1.5)), one(WH(2.5))]);
      refused(WD(0.5), [one(WH(1.5)), one(WH(3.5))]);
    });

    it('one hour over a tenth-of-a-day limit is refused (2.3 WD = 18.4 h; 2.2 WD + 0.1 WD + 1 h)', () => {
      refused(WD(2.3), [one(WD(2.2)), one(WD(0.1)), one(WH(1))]);
    });

    // In floating point 2.2 × 8 + 0.1 × 8 = 18.400000000000002 > 2.3 × 8: the check compares minutes.
    it('a route exactly at a tenth-of-a-day limit is accepted (2.2 WD + 0.1 WD in 2.3 WD)', () => {
      accepted(WD(2.3), [one(WD(2.2)), one(WD(0.1))]);
    });

    it('a route exactly at a tenth-of-a-day limit is accepted (0.1 WD + 0.2 WD in 0.3 WD)', () => {
      accepted(WD(0.3), [one(WD(0.1)), one(WD(0.2))]);
    });

    it('a route exactly at a fractional-hours limit is accepted (1.1 h + 0.1 h in 1.2 h)', () => {
      accepted(WH(1.2), [one(WH(1.1)), one(WH(0.1))]);
    });
  });

  it('the other checks of a procedure version', () => {
    expect(checkProcedure(proc(WD(3), [{ parallel: [{ agency: 'X', allotted: WD(1) }, { agency: 'X', allotted: WD(2) }] }]), vnGovCalendar())).toEqual([
      'T.CP.01: an agency appears twice in one parallel group',
    ]);
    expect(checkProcedure(proc(WD(3), [{ agency: 'X', allotted: WD(1) }, { agency: 'X', allotted: WD(2) }]), vnGovCalendar())).toEqual([]);
    expect(checkProcedure(proc({ amount: 2, unit: 'SAME_DAY' }, [one(WD(1))]), vnGovCalendar())).toEqual(['T.CP.01: SAME_DAY takes amount 1']);
  });
});
