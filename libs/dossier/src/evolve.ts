import type { DossierEvent, EventOf } from './events';
import type { DossierState, MemberState } from './state';
import { stageMembers } from '@motcua/contracts';

/**
 * Applies one event to the state: the only code that changes a dossier. Pure and total: it never
 * refuses (decide.ts already did), so replaying a recorded log always rebuilds the same state.
 */
export function evolve(s: DossierState, e: DossierEvent): DossierState {
  const next = apply(s, e);
  // A late partner report recorded with its own (earlier) instant must not reopen the past.
  return { ...next, sequence: s.sequence + 1, lastEventAt: Math.max(s.lastEventAt ?? e.at, e.at) };
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
        ? { ...s, status: 'PICKED_UP', waybill: e.waybill }
        : { ...s, waybill: s.waybill ?? e.waybill };
    case 'DossierSubmitted':
      return { ...s, status: 'SUBMITTED', channel: e.channel, waybill: e.waybill ?? s.waybill, submittedAt: e.at };
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
    case 'StagePartCompleted':
      return { ...s, members: finishMember(s.members, e.member, e.at, e.outcome) };
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
        members: finishMember(s.members, e.member, e.at, e.memberOutcome),
        finishedAt: e.at,
        outcome: e.outcome,
        processingMs: e.processingMs,
      };
    case 'ResultReturned':
      return { ...s, status: 'RETURNED' };
    case 'ResultHandedToPost':
      return { ...s, status: 'OUT_FOR_DELIVERY' };
    case 'DeliveryAttemptFailed':
      return {
        ...s,
        deliveryAttempts: s.deliveryAttempts + 1,
        countedDeliveryAttempts: e.counted ? [...s.countedDeliveryAttempts, e.at] : s.countedDeliveryAttempts,
      };
    case 'ResultBackAtUnit':
      return { ...s, status: 'AWAITING_COLLECTION' };
    case 'ResultDelivered':
      return { ...s, status: 'DELIVERED' };
    case 'DossierWithdrawn':
      return { ...s, status: 'WITHDRAWN' };
    case 'DossierStopped':
      return { ...s, status: 'STOPPED' };
    case 'AlertRaised':
      return { ...s, alerts: [...s.alerts, { type: e.alert, scope: e.scope, agency: e.agency, member: e.member, at: e.at }] };
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

function finishMember(members: readonly MemberState[], member: number, at: number, outcome: MemberState['outcome']) {
  return members.map((m) => (m.member === member ? { ...m, finishedAt: at, outcome } : m));
}
