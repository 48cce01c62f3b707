import type { AlertScope, AlertType } from '@motcua/contracts';
import { SYSTEM_ACTOR } from './actor';
import type { DossierEvent } from './events';
import { appointmentOf, holders, openConsultations, type DossierState } from './state';

/** An SLA timer the dossier's state arms now. */
export interface ArmedTimer {
  readonly at: number;
  readonly type: AlertType;
  readonly scope: AlertScope;
  readonly agency: string | null;
  readonly member: number | null;
  readonly dueAt: number;
}

/**
 * The SLA timers the state arms (ONE-STOP.md §6), minus those already raised. A pure function of
 * the state, so cancelling and re-arming is nothing more than the state changing: a finished,
 * withdrawn or refused dossier, or one waiting for a supplement, arms none; a supplement's
 * restarted deadlines arm new ones; a dossier that is IN_PROCESSING arms its own and those of the
 * members of its current stage that have not finished.
 */
export function armedTimers(s: DossierState): ArmedTimer[] {
  return [...consultationTimers(s), ...processingTimers(s), ...postalLegTimers(s)].filter((t) => !alreadyRaised(s, t)).sort(byInstant);
}

/**
 * The post's transit targets (Decision 45/2016), one per leg under way whose target is known. A
 * late leg is the post's breach: its alert has scope POSTAL and no agency, so no agency's record
 * counts it.
 */
function postalLegTimers(s: DossierState): ArmedTimer[] {
  return s.postalOrders
    .filter((o) => o.outcome === 'PLACED' && !o.ended && o.transitDueAt !== null)
    .map((o) => ({ at: o.transitDueAt!, type: 'POSTAL_LEG_LATE' as const, scope: 'POSTAL' as const, agency: null, member: null, dueAt: o.transitDueAt! }));
}

function processingTimers(s: DossierState): ArmedTimer[] {
  if (s.status !== 'IN_PROCESSING' || !s.clock) return [];
  const timers: ArmedTimer[] = [];
  const due = s.clock.deadline;
  const dossier = (type: AlertType, at: number, dueAt = due.at) =>
    timers.push({ at, type, scope: 'DOSSIER', agency: null, member: null, dueAt });

  if (due.nearDueAt !== null) dossier('NEAR_DUE', due.nearDueAt);
  dossier('OVERDUE', due.at);
  const apologisedInTime = s.apology !== null && s.apology.at <= due.apologyBy;
  if (!apologisedInTime) dossier('APOLOGY_MISSED', due.at);
  if (s.rescheduledTo !== null) dossier('RESCHEDULE_MISSED', s.rescheduledTo, s.rescheduledTo);

  for (const m of holders(s)) {
    if (!m.deadline) continue;
    const stage = (type: AlertType, at: number) =>
      timers.push({ at, type, scope: 'STAGE', agency: m.agency, member: m.member, dueAt: m.deadline!.at });
    if (m.deadline.nearDueAt !== null) stage('NEAR_DUE', m.deadline.nearDueAt);
    stage('OVERDUE', m.deadline.at);
  }
  return timers;
}

/** The next instant a timer fires, for the workflow's durable sleep; null when none is armed. */
export function nextTimerAt(s: DossierState): number | null {
  const [first] = armedTimers(s);
  return first ? first.at : null;
}

/**
 * The alerts that are due by `now`, as events at their own instants (when the deadline passed,
 * not when a worker happened to wake up), so a replayed or simulated history reports the same.
 */
export function dueAlerts(s: DossierState, now: number): DossierEvent[] {
  return armedTimers(s)
    .filter((t) => t.at <= now)
    .map((t) => ({
      type: 'AlertRaised' as const,
      at: t.at,
      by: SYSTEM_ACTOR,
      alert: t.type,
      scope: t.scope,
      agency: t.agency,
      member: t.member,
      dueAt: t.dueAt,
    }));
}

/** Whether the dossier is past its legal appointment, unfinished and not waiting on the applicant. */
export function isOverdue(s: DossierState, now: number): boolean {
  const due = appointmentOf(s);
  return s.status === 'IN_PROCESSING' && due !== null && now > due;
}

/**
 * A consultation's deadline (ONE-STOP.md §4): an answer missing then is escalated to the head of
 * the one-stop unit. **Decision**: it runs also while the dossier waits for a supplement — the
 * opinion is owed by another agency, not by the applicant — and ends with the processing (a
 * dossier whose result is ready, or that ended, escalates nothing more).
 */
function consultationTimers(s: DossierState): ArmedTimer[] {
  if (s.status !== 'IN_PROCESSING' && s.status !== 'SUPPLEMENT_PENDING') return [];
  return openConsultations(s).map((c) => ({
    at: c.dueAt,
    type: 'CONSULTATION_OVERDUE' as const,
    scope: 'CONSULTATION' as const,
    agency: c.to,
    member: null,
    dueAt: c.dueAt,
  }));
}

function alreadyRaised(s: DossierState, t: ArmedTimer): boolean {
  return s.alerts.some((a) => a.type === t.type && a.scope === t.scope && a.member === t.member && a.agency === t.agency && a.at === t.at);
}

function byInstant(a: ArmedTimer, b: ArmedTimer): number {
  return a.at - b.at || (a.member ?? -1) - (b.member ?? -1);
}
