import { toLocalIso } from '@motcua/calendar';
import type { DossierView } from '@motcua/contracts';
import { appointmentOf, finalAppointmentOf, holders, type DossierState } from './state';
import { isOverdue } from './timers';

/**
 * The dossier as officers, the API and the scenario runner see it (the contract's DossierView):
 * instants in Vietnam time (ISO-8601, +07:00), no personal data.
 */
export type { DossierView };

const iso = (instant: number | null): string | null => (instant === null ? null : toLocalIso(instant));

export function toView(s: DossierState, now: number): DossierView {
  return {
    code: s.code!,
    unit: s.unit!,
    status: s.status,
    channel: s.channel,
    procedure: { code: s.procedure!.code, name: s.procedure!.name, version: s.procedure!.version },
    ruleSet: s.ruleSet!,
    calendar: s.calendar!,
    waybill: s.waybill,
    submittedAt: iso(s.submittedAt),
    acceptedAt: iso(s.acceptedAt),
    clockStartedAt: iso(s.clock?.startedAt ?? null),
    appointment: iso(appointmentOf(s)),
    finalAppointment: iso(finalAppointmentOf(s)),
    finishedAt: iso(s.finishedAt),
    outcome: s.outcome,
    overdue: isOverdue(s, now),
    holders: holders(s).map((m) => m.agency),
    stages: s.members.map((m) => ({
      stage: m.stage,
      agency: m.agency,
      startedAt: iso(m.startedAt),
      due: iso(m.deadline?.at ?? null),
      finishedAt: iso(m.finishedAt),
      outcome: m.outcome,
    })),
    alerts: s.alerts.map((a) => ({ type: a.type, scope: a.scope, agency: a.agency, at: toLocalIso(a.at) })),
    consultations: s.consultations.map((c) => ({
      agency: c.agency,
      to: c.to,
      requestedAt: toLocalIso(c.requestedAt),
      due: toLocalIso(c.dueAt),
      answeredAt: iso(c.answeredAt),
      outcome: c.outcome,
    })),
    rating: s.rating && { level: s.rating.level, at: toLocalIso(s.rating.at) },
    apologies: s.apology ? 1 : 0,
    apology: s.apology && { agency: s.apology.agency, at: toLocalIso(s.apology.at), newAppointment: toLocalIso(s.apology.newAppointment) },
    supplementRequests: s.supplementRequests,
    lateSupplementRequests: s.lateSupplementRequests,
    metric: { processingMs: s.processingMs, waitedMs: s.waitedMs },
    sequence: s.sequence,
  };
}
