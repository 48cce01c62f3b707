import type { DossierEvent, EventOf, PostalOrderRef } from './events';
import { legUnderway, type DossierState, type MemberState, type PostalLegState } from './state';
import { stageMembers, type PostalLeg } from '@motcua/contracts';

/**
 * Applies one event to the state: the only code that changes a dossier. Pure and total: it never
 * refuses (decide.ts already did), so replaying a recorded log always rebuilds the same state.
 */
export function evolve(s: DossierState, e: DossierEvent): DossierState {
  const next = apply(s, e);
  // A late partner report recorded with its own (earlier) instant must not reopen the past. The
  // operator's answers to our orders are recorded when they arrive, which says nothing of when
  // things happened at the post: they do not move the dossier's time on (a handover signed before
  // a slow answer arrived is still in order).
  const lastEventAt = isOrderAnswer(e) ? s.lastEventAt : Math.max(s.lastEventAt ?? e.at, e.at);
  return { ...next, sequence: s.sequence + 1, lastEventAt };
}

export function fold(events: readonly DossierEvent[], from: DossierState): DossierState {
  return events.reduce(evolve, from);
}

function apply(s: DossierState, e: DossierEvent): DossierState {
  switch (e.type) {
    case 'DossierRegistered':
      return {
        ...s,
        code: e.code,
        unit: e.unit,
        procedure: e.procedure,
        ruleSet: e.ruleSet,
        calendar: e.calendar,
        applicantRef: e.applicantRef,
        members: flattenRoute(e),
      };
    case 'PostalPickupRequested':
      return { ...s, status: 'PICKUP_REQUESTED', channel: 'POSTAL' };
    case 'PostalPickedUp':
      // A late pickup report (after the handover) only records the waybill.
      return s.status === 'PICKUP_REQUESTED'
        ? { ...s, status: 'PICKED_UP', waybill: e.waybill, pickedUpAt: e.at, postalOrders: withTransitDue(s, 'PICKUP', e.transitDueAt) }
        : { ...s, waybill: s.waybill ?? e.waybill };
    case 'DossierSubmitted':
      return {
        ...s,
        status: 'SUBMITTED',
        channel: e.channel,
        waybill: e.waybill ?? s.waybill,
        submittedAt: e.at,
        postalOrders: endLeg(s.postalOrders, 'PICKUP'),
      };
    case 'IntakeSupplementRequested':
      return { ...s, status: 'INTAKE_SUPPLEMENT' };
    case 'IntakeRefused':
      return { ...s, status: 'REFUSED' };
    case 'DossierAccepted':
      return {
        ...s,
        status: 'IN_PROCESSING',
        acceptedAt: e.at,
        clock: { firstStartedAt: e.clockStartedAt, startedAt: e.clockStartedAt, deadline: e.deadline },
      };
    case 'StageStarted':
      return {
        ...s,
        currentStage: e.stage,
        members: updateMembers(s.members, e.members, (m, started) => ({
          ...m,
          startedAt: e.startedAt,
          clockStartedAt: e.startedAt,
          deadline: started.deadline,
        })),
      };
    case 'DossierHandedOff':
    case 'StagePartAssigned':
    case 'StagePartAppraised':
    case 'StagePartApproved':
      // A record of who moved or worked the dossier: no rule reads it, so the state stays as it is.
      return s;
    case 'StagePartCompleted':
      return { ...s, members: finishMember(s.members, e.member, e.at, e.by.id, e.outcome) };
    case 'ResultReady':
      return { ...s, status: 'RESULT_READY', finishedAt: e.at, outcome: e.outcome, processingMs: e.processingMs };
    case 'SupplementRequested':
      return {
        ...s,
        status: 'SUPPLEMENT_PENDING',
        supplementRequests: s.supplementRequests + 1,
        lateSupplementRequests: s.lateSupplementRequests + (e.late ? 1 : 0),
        supplementPendingSince: e.at,
      };
    case 'SupplementReceived':
      return {
        ...s,
        status: 'IN_PROCESSING',
        clock: s.clock && { ...s.clock, startedAt: e.at, deadline: e.deadline },
        rescheduledTo: null,
        supplementPendingSince: null,
        waitedMs: s.waitedMs + e.waitedMs,
        members: updateMembers(s.members, e.restarted, (m, restarted) => ({
          ...m,
          clockStartedAt: e.at,
          deadline: restarted.deadline,
        })),
      };
    case 'ApologyIssued':
      return { ...s, apology: { at: e.at, agency: e.agency, newAppointment: e.newAppointment }, rescheduledTo: e.newAppointment };
    case 'DossierRejected':
      return {
        ...s,
        status: 'REJECTED',
        members: finishMember(s.members, e.member, e.at, e.by.id, e.memberOutcome),
        finishedAt: e.at,
        outcome: e.outcome,
        processingMs: e.processingMs,
      };
    case 'ResultReturned':
      return { ...s, status: 'RETURNED' };
    case 'ResultHandedToPost':
      return { ...s, status: 'OUT_FOR_DELIVERY', handedToPostAt: e.at };
    case 'DeliveryAttemptFailed':
      return {
        ...s,
        postalOrders: endLeg(s.postalOrders, 'RETURN'),
        deliveryAttempts: s.deliveryAttempts + 1,
        countedDeliveryAttempts: e.counted ? [...s.countedDeliveryAttempts, e.at] : s.countedDeliveryAttempts,
      };
    case 'ResultBackAtUnit':
      return { ...s, status: 'AWAITING_COLLECTION', postalOrders: endLeg(s.postalOrders, 'RETURN') };
    case 'ResultDelivered':
      return { ...s, status: 'DELIVERED', postalOrders: endLeg(s.postalOrders, 'RETURN') };
    case 'DossierWithdrawn':
      return { ...s, status: 'WITHDRAWN' };
    case 'DossierStopped':
      return { ...s, status: 'STOPPED' };
    case 'AlertRaised':
      return { ...s, alerts: [...s.alerts, { type: e.alert, scope: e.scope, agency: e.agency, member: e.member, at: e.at }] };
    case 'PostalOrderPlaced':
      return {
        ...s,
        waybill: s.waybill ?? e.waybill,
        postalOrders: [
          ...s.postalOrders,
          { ...orderOf(e), outcome: 'PLACED', scope: e.scope, transitDueAt: e.transitDueAt ?? null, ended: !legUnderway(s, e.leg) },
        ],
      };
    case 'PostalOrderRefused':
      return { ...s, postalOrders: [...s.postalOrders, { ...orderOf(e), outcome: 'REFUSED', scope: null, transitDueAt: null, ended: true }] };
    case 'PostalOrderCancelled':
      return {
        ...s,
        postalOrders: s.postalOrders.map((o) => (o.leg === e.leg && o.n === e.n ? { ...o, outcome: 'CANCELLED', ended: true } : o)),
      };
    case 'ConsultationRequested':
      return {
        ...s,
        consultations: [
          ...s.consultations,
          { consultation: e.consultation, agency: e.agency, to: e.to, requestedAt: e.at, dueAt: e.dueAt, answeredAt: null, outcome: null },
        ],
      };
    case 'ConsultationAnswered':
      return {
        ...s,
        consultations: s.consultations.map((c) => (c.consultation === e.consultation ? { ...c, answeredAt: e.at, outcome: e.outcome } : c)),
      };
    case 'SatisfactionRated':
      return { ...s, rating: { level: e.level, at: e.at } };
  }
}

function isOrderAnswer(e: DossierEvent): boolean {
  return e.type === 'PostalOrderPlaced' || e.type === 'PostalOrderRefused' || e.type === 'PostalOrderCancelled';
}

function orderOf(e: PostalOrderRef): PostalOrderRef {
  return { leg: e.leg, n: e.n, orderRef: e.orderRef };
}

/** The post has done its part of the leg's latest order. */
function endLeg(orders: readonly PostalLegState[], leg: PostalLeg): PostalLegState[] {
  const last = orders.map((o) => o.leg).lastIndexOf(leg);
  return orders.map((o, i) => (i === last ? { ...o, ended: true } : o));
}

function withTransitDue(s: DossierState, leg: PostalLeg, dueAt: number | undefined): readonly PostalLegState[] {
  if (dueAt === undefined) return s.postalOrders;
  const last = s.postalOrders.map((o) => o.leg).lastIndexOf(leg);
  return s.postalOrders.map((o, i) => (i === last ? { ...o, transitDueAt: dueAt } : o));
}

function flattenRoute(e: EventOf<'DossierRegistered'>): MemberState[] {
  const members: MemberState[] = [];
  e.procedure.route.forEach((stage, stageIndex) => {
    for (const m of stageMembers(stage)) {
      members.push({
        member: members.length,
        stage: stageIndex,
        agency: m.agency,
        allotted: m.allotted,
        startedAt: null,
        clockStartedAt: null,
        deadline: null,
        finishedAt: null,
        finishedBy: null,
        outcome: null,
      });
    }
  });
  return members;
}

function updateMembers<T extends { member: number }>(
  members: readonly MemberState[],
  changes: readonly T[],
  change: (m: MemberState, c: T) => MemberState,
): MemberState[] {
  return members.map((m) => {
    const c = changes.find((x) => x.member === m.member);
    return c ? change(m, c) : m;
  });
}

function finishMember(members: readonly MemberState[], member: number, at: number, by: string, outcome: MemberState['outcome']) {
  return members.map((m) => (m.member === member ? { ...m, finishedAt: at, finishedBy: by, outcome } : m));
}
