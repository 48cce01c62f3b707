import type { WorkingCalendar } from '@motcua/calendar';
import type { RuleSet } from './rule-sets';
import { appointmentOf, type DossierState, type MemberState } from './state';

/**
 * The bounds the rules put on an action's fields, shared by `decide` (which refuses beyond them)
 * and by what the workbench shows before the click (what each action will do), so the two never
 * disagree.
 */

/**
 * The latest new appointment an apology may give (APOLOGY.BEYOND_BOUND): the legal appointment
 * (the original, or the restarted one after a supplement) extended by the procedure's own time
 * limit, counted with the dossier's calendar. None before the legal clock started.
 */
export function apologyBound(s: DossierState, calendar: WorkingCalendar): number | null {
  const legal = appointmentOf(s);
  if (legal === null || s.procedure === null) return null;
  const p = s.procedure;
  return calendar.due(legal, p.timeLimit, p.cutoff ? { cutoff: p.cutoff } : undefined);
}

/**
 * Where a supplement request by the agency holding `m` stands at `at` (Decree 61/2018 Art. 19(4)):
 * within the window of working days from its latest receipt of a complete dossier (its stage
 * start, or a supplement's arrival), or late (recorded as such, still allowed).
 */
export function supplementTiming(m: MemberState, at: number, calendar: WorkingCalendar, rules: RuleSet): { workingDaysSinceReceipt: number; late: boolean } {
  const days = calendar.workingDaysBetween(m.clockStartedAt!, at);
  return { workingDaysSinceReceipt: days, late: days > rules.supplementWindowWorkingDays };
}

/**
 * When that window closes: the office's close on the last working day a request still counts as
 * in time (the window's last working day after the receipt's local date). Vietnam time (+07:00,
 * no daylight saving), as every calendar of the registry.
 */
export function supplementWindowCloses(m: MemberState, calendar: WorkingCalendar, rules: RuleSet): number {
  const start = m.clockStartedAt!;
  const startDate = calendar.localDate(start);
  let date = startDate;
  for (let day = 1; day <= 400; day++) {
    date = calendar.localDate(Date.parse(`${startDate}T12:00:00+07:00`) + day * 86_400_000);
    if (calendar.workingDaysBetween(start, Date.parse(`${date}T12:00:00+07:00`)) === rules.supplementWindowWorkingDays && calendar.isWorkingDay(date)) break;
  }
  const hours = calendar.officeHours(date);
  const close = hours[hours.length - 1]?.[1] ?? 24 * 60;
  return Date.parse(`${date}T00:00:00+07:00`) + close * 60_000;
}

/** How many supplement requests after appraisal the procedure still allows (SUPPLEMENT.LIMIT_REACHED at none). */
export function supplementRequestsLeft(s: DossierState): number {
  return (s.procedure?.supplementsAllowed ?? 1) - s.supplementRequests;
}
