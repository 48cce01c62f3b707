import { calendarFor, parseInstant, toLocalIso } from '@motcua/calendar';
import { supplementTiming, supplementWindowCloses } from './action-bounds';
import { ruleSetOf } from './rule-sets';
import type { MemberState } from './state';

/** The supplement window's close is the last instant decide still counts a request in time. */
describe('supplementWindowCloses', () => {
  const calendar = calendarFor('VN-GOV');
  const rules = ruleSetOf('ND118-2025');
  const part = (received: string): MemberState => ({
    member: 0,
    stage: 0,
    agency: 'A',
    allotted: { amount: 5, unit: 'WORKING_DAYS' },
    startedAt: parseInstant(received),
    clockStartedAt: parseInstant(received),
    deadline: null,
    finishedAt: null,
    finishedBy: null,
    outcome: null,
  });

  it.each([
    // Tuesday: Wednesday, Thursday, Friday.
    ['2026-03-03T09:00:00+07:00', '2026-03-06T17:00:00+07:00', '2026-03-09T08:00:00+07:00'],
    // Friday afternoon: Monday, Tuesday, Wednesday (the weekend is not counted).
    ['2026-03-06T16:30:00+07:00', '2026-03-11T17:00:00+07:00', '2026-03-12T08:00:00+07:00'],
  ])('received %s: in time until %s, late from %s', (received, closes, nextOpening) => {
    const m = part(received);
    const close = supplementWindowCloses(m, calendar, rules);
    expect(toLocalIso(close)).toBe(closes);
    expect(supplementTiming(m, close, calendar, rules).late).toBe(false);
    expect(supplementTiming(m, parseInstant(nextOpening), calendar, rules).late).toBe(true);
  });
});
