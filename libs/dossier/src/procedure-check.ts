import type { WorkingCalendar } from '@motcua/calendar';
import { stageMembers, type Procedure } from '@motcua/contracts';

/**
 * ONE-STOP.md §4: the allotments on the critical path (a parallel group counts as its longest
 * member) must not exceed the legal limit, both in working hours. A procedure version that breaks
 * this is refused when the catalog is loaded. Returns the problems, empty when it is sound.
 */
export function checkProcedure(p: Procedure, calendar: Pick<WorkingCalendar, 'workingHours'>): string[] {
  const problems: string[] = [];
  // Whole minutes: summing fractional hours in floating point would refuse a route exactly at its limit.
  const minutes = (limit: Procedure['timeLimit']) => Math.round(calendar.workingHours(limit) * 60);
  const limit = minutes(p.timeLimit) / 60;
  const path = p.route.reduce((sum, stage) => sum + Math.max(...stageMembers(stage).map((m) => minutes(m.allotted))), 0) / 60;
  if (path > limit) {
    problems.push(`${p.code}: the route's critical path is ${path} working hours, over the legal limit of ${limit}`);
  }
  for (const stage of p.route) {
    const agencies = stageMembers(stage).map((m) => m.agency);
    if (new Set(agencies).size !== agencies.length) problems.push(`${p.code}: an agency appears twice in one parallel group`);
  }
  if (p.timeLimit.unit === 'SAME_DAY' && p.timeLimit.amount !== 1) problems.push(`${p.code}: SAME_DAY takes amount 1`);
  return problems;
}
