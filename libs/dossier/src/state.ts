import type { AlertScope, AlertType, Channel, DossierStatus, Outcome, PostalLeg, PostalLegScope, TimeLimit } from '@motcua/contracts';
import type { Deadline } from './deadline';
import type { ProcedureVersion, SatisfactionLevel } from './events';

/** One agency's part of one route stage (a parallel group has several). */
export interface MemberState {
  /** Position in the flattened route: stable, so an agency appearing in two stages is two members. */
  readonly member: number;
  readonly stage: number;
  readonly agency: string;
  readonly allotted: TimeLimit;
  readonly startedAt: number | null;
  /** Where its clock last (re)started: the handoff, or the arrival of a supplement. */
  readonly clockStartedAt: number | null;
  readonly deadline: Deadline | null;
  readonly finishedAt: number | null;
  /** The officer who finished it (completed or rejected): who hands its part on. */
  readonly finishedBy: string | null;
  readonly outcome: Outcome | null;
}

export interface RaisedAlert {
  readonly type: AlertType;
  readonly scope: AlertScope;
  readonly agency: string | null;
  readonly member: number | null;
  readonly at: number;
}

/** One order the engine gave the post, and where its leg stands. */
export interface PostalLegState {
  readonly leg: PostalLeg;
  readonly n: number;
  readonly orderRef: string;
  readonly outcome: 'PLACED' | 'REFUSED' | 'CANCELLED';
  readonly scope: PostalLegScope | null;
  /** The transit target, once the post has taken the item and the scope is known. */
  readonly transitDueAt: number | null;
  /** The post has done its part of the leg: handed the dossier over, or tried to deliver the result. */
  readonly ended: boolean;
}

/** An opinion the lead agency asked of another agency (ONE-STOP.md §4): its own deadline, never the dossier's clock. */
export interface ConsultationState {
  readonly consultation: number;
  readonly agency: string;
  readonly to: string;
  readonly requestedAt: number;
  readonly dueAt: number;
  readonly answeredAt: number | null;
  readonly outcome: Outcome | null;
}

export interface DossierState {
  readonly code: string | null;
  readonly unit: string | null;
  readonly procedure: ProcedureVersion | null;
  readonly ruleSet: string | null;
  readonly calendar: { id: string; version: string } | null;
  readonly applicantRef: string | null;
  /** 'NEW' only between registration and submission (a dossier code reserved, nothing handed in). */
  readonly status: DossierStatus | 'NEW';
  readonly channel: Channel | null;
  readonly waybill: string | null;
  readonly submittedAt: number | null;
  readonly acceptedAt: number | null;
  /** The legal clock: first start (Form 01 / handover), current start (after a supplement), deadline. */
  readonly clock: { firstStartedAt: number; startedAt: number; deadline: Deadline } | null;
  /** The apology's new appointment, while it stands (a supplement replaces it with the restarted clock). */
  readonly rescheduledTo: number | null;
  readonly apology: { at: number; agency: string; newAppointment: number } | null;
  readonly supplementRequests: number;
  readonly lateSupplementRequests: number;
  readonly supplementPendingSince: number | null;
  /** Decision 766's metric clock: the applicant's waiting time, subtracted from processing time. */
  readonly waitedMs: number;
  readonly members: readonly MemberState[];
  readonly currentStage: number | null;
  readonly finishedAt: number | null;
  readonly outcome: Outcome | null;
  readonly processingMs: number | null;
  readonly alerts: readonly RaisedAlert[];
  readonly countedDeliveryAttempts: readonly number[];
  readonly deliveryAttempts: number;
  /** When the post took the dossier from the applicant (PICKED_UP), and the result from the unit: each leg's day J. */
  readonly pickedUpAt: number | null;
  readonly handedToPostAt: number | null;
  readonly postalOrders: readonly PostalLegState[];
  readonly consultations: readonly ConsultationState[];
  /** The applicant's satisfaction rating, once the result is in hand (ONE-STOP.md §8). */
  readonly rating: { readonly level: SatisfactionLevel; readonly at: number } | null;
  /** Sequence number of the last event, and its instant (events are recorded in time order). */
  readonly sequence: number;
  readonly lastEventAt: number | null;
}

export const EMPTY_DOSSIER: DossierState = {
  code: null,
  unit: null,
  procedure: null,
  ruleSet: null,
  calendar: null,
  applicantRef: null,
  status: 'NEW',
  channel: null,
  waybill: null,
  submittedAt: null,
  acceptedAt: null,
  clock: null,
  rescheduledTo: null,
  apology: null,
  supplementRequests: 0,
  lateSupplementRequests: 0,
  supplementPendingSince: null,
  waitedMs: 0,
  members: [],
  currentStage: null,
  finishedAt: null,
  outcome: null,
  processingMs: null,
  alerts: [],
  countedDeliveryAttempts: [],
  deliveryAttempts: 0,
  pickedUpAt: null,
  handedToPostAt: null,
  postalOrders: [],
  consultations: [],
  rating: null,
  sequence: 0,
  lastEventAt: null,
};

/** The appointment on Form 01, or the restarted one after a supplement. */
export function appointmentOf(s: DossierState): number | null {
  return s.clock ? s.clock.deadline.at : null;
}

/** After an apology, its new appointment; otherwise the appointment. */
export function finalAppointmentOf(s: DossierState): number | null {
  return s.rescheduledTo ?? appointmentOf(s);
}

/** The members of the current stage that have not finished: the agencies that "hold" the dossier. */
export function holders(s: DossierState): MemberState[] {
  if (s.currentStage === null || (s.status !== 'IN_PROCESSING' && s.status !== 'SUPPLEMENT_PENDING')) return [];
  return s.members.filter((m) => m.stage === s.currentStage && m.startedAt !== null && m.finishedAt === null);
}

/** The latest order of a leg, if any. */
export function latestOrder(s: DossierState, leg: PostalLeg): PostalLegState | null {
  return s.postalOrders.filter((o) => o.leg === leg).at(-1) ?? null;
}

/** Whether the post still has work to do on the leg: a pickup not yet handed over, a result not yet tried at the door. */
export function legUnderway(s: DossierState, leg: PostalLeg): boolean {
  return leg === 'PICKUP' ? s.status === 'PICKUP_REQUESTED' || s.status === 'PICKED_UP' : s.status === 'OUT_FOR_DELIVERY' && s.deliveryAttempts === 0;
}

/** Consultations still waiting for their answer. */
export function openConsultations(s: DossierState): ConsultationState[] {
  return s.consultations.filter((c) => c.answeredAt === null);
}
