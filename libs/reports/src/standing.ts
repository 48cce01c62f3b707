import { within, type Period } from './period';
import { appointmentAt, waitingForSupplementAt, type Outcome, type ReportDossier } from './report-rows';

/** How a received dossier came into the period: carried over, or new by channel. */
export type Arrival = 'CARRIED_OVER' | 'ONLINE' | 'DIRECT' | 'POSTAL';

/** Where a received dossier stands at the period's end. */
export type Standing =
  | { kind: 'RESOLVED'; outcome: Outcome }
  | { kind: 'WITHDRAWN' }
  | { kind: 'STOPPED' }
  | { kind: 'IN_PROGRESS'; overdue: boolean };

/**
 * ONE-STOP §7, Form II.06a, for one dossier and one period: null when it is not among the
 * period's received dossiers (its clock had not started by the end, or it had finished, been
 * withdrawn or stopped before the start; a refusal at intake is never received).
 */
export function standingIn(d: ReportDossier, p: Period): { arrival: Arrival; standing: Standing } | null {
  if (d.clockStartedAt === null || d.clockStartedAt >= p.end) return null;
  const endedAt = d.finishedAt ?? d.withdrawnAt ?? d.stoppedAt;
  if (endedAt !== null && endedAt < p.start) return null;
  return { arrival: arrivalOf(d, p), standing: standingAtEnd(d, p) };
}

function arrivalOf(d: ReportDossier, p: Period): Arrival {
  if (d.clockStartedAt! < p.start) return 'CARRIED_OVER';
  // A dossier received without a channel cannot be: the domain accepts only submitted ones.
  return d.channel === 'ONLINE' ? 'ONLINE' : d.channel === 'POSTAL' ? 'POSTAL' : 'DIRECT';
}

function standingAtEnd(d: ReportDossier, p: Period): Standing {
  if (within(p, d.finishedAt) && d.outcome !== null) return { kind: 'RESOLVED', outcome: d.outcome };
  if (within(p, d.withdrawnAt)) return { kind: 'WITHDRAWN' };
  if (within(p, d.stoppedAt)) return { kind: 'STOPPED' };
  // Overdue: the legal appointment in force at the end (not an apology's) is before the end, and
  // the dossier is not waiting for the applicant's supplement.
  const appointment = appointmentAt(d, p.end);
  const overdue = !waitingForSupplementAt(d, p.end) && appointment !== null && appointment < p.end;
  return { kind: 'IN_PROGRESS', overdue };
}
