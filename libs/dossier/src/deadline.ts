import type { TimeLimit } from '@motcua/contracts';
import type { WorkingCalendar } from '@motcua/calendar';

/**
 * A computed due instant with the instants its timers fire at, and the calendar version that
 * computed them. Computing them once, when the clock starts, and recording them in the event keeps
 * the fold and the timers free of calendar look-ups: a later calendar change cannot move a running
 * dossier's deadlines, and a replay or a report sees exactly what the officer saw.
 */
export interface Deadline {
  readonly at: number;
  /** NEAR_DUE: 08:00 of the working day before the due date, if that is after the clock started. */
  readonly nearDueAt: number | null;
  /** Apology duty: 17:00 of the working day before the due date, or the due instant itself when that is not after the clock started. */
  readonly apologyBy: number;
  readonly calendar: string;
}

export function computeDeadline(
  calendar: WorkingCalendar,
  clockStart: number,
  limit: TimeLimit,
  cutoff: string | undefined,
): Deadline {
  const at = calendar.due(clockStart, limit, cutoff ? { cutoff } : undefined);
  const nearDueAt = calendar.nearDueAt(at);
  const apologyBy = calendar.apologyDeadline(at);
  return {
    at,
    nearDueAt: nearDueAt > clockStart ? nearDueAt : null,
    apologyBy: apologyBy > clockStart ? apologyBy : at,
    calendar: calendar.version,
  };
}
