import type {
  AlertScope,
  AlertType,
  ApologyReasons,
  Channel,
  DeliveryFailureReasons,
  HandoffTask,
  IntakeRefusalReasons,
  Outcome,
  PostalLeg,
  PostalLegScope,
  Procedure,
  RejectionReasons,
  SatisfactionLevels,
  StopReasons,
  TimeLimit,
  WithdrawalReasons,
} from '@motcua/contracts';
import type { Actor } from './actor';
import type { Deadline } from './deadline';

/**
 * The dossier's domain events: the only record of what happened. State is their fold
 * (evolve.ts); decide.ts is the only producer. Each carries what happened and when (`at`, domain
 * time in epoch ms) and who did it; computed deadlines travel inside the events that started
 * their clocks. Events carry no personal data: the applicant appears only as a pseudonymous ref.
 */
interface Base {
  readonly at: number;
  readonly by: Actor;
}

export interface ProcedureVersion extends Procedure {
  readonly version: string;
}

/** What a dossier is registered under, and keeps for its whole life. */
export interface Registration {
  readonly code: string;
  readonly unit: string;
  readonly procedure: ProcedureVersion;
  readonly ruleSet: string;
  readonly calendar: { id: string; version: string };
  /** Pseudonymous: never a name or an identity number. */
  readonly applicantRef: string | null;
}

/**
 * Free text never travels in an event (it may name people): reasons are codes of closed lists, and
 * what the officer wrote beside them stays in the operational store under this reference.
 */
interface Noted {
  /** Present only when the officer wrote a note. */
  readonly noteRef?: string;
}

type CodeOf<L extends { labels: Record<string, string> }> = keyof L['labels'] & string;
export type IntakeRefusalReason = CodeOf<typeof IntakeRefusalReasons>;
export type RejectionReason = CodeOf<typeof RejectionReasons>;
export type StopReason = CodeOf<typeof StopReasons>;
export type ApologyReason = CodeOf<typeof ApologyReasons>;
export type WithdrawalReason = CodeOf<typeof WithdrawalReasons>;
export type DeliveryFailureReason = CodeOf<typeof DeliveryFailureReasons>;
export type SatisfactionLevel = CodeOf<typeof SatisfactionLevels>;

/** One side of a handoff: a one-stop unit or an agency of the route, and its officer when known. */
export interface HandoffParty {
  readonly unit: string;
  /** A token subject (pseudonymous); null when not known at the handoff (the receiver's officer is assigned later). */
  readonly officer: string | null;
}

export type DossierEvent =
  | (Base & { type: 'DossierRegistered' } & Registration)
  | (Base & { type: 'PostalPickupRequested' })
  | (Base & {
      type: 'PostalPickedUp';
      waybill: string;
      /** The pickup leg's transit target: present only when its order said how far it travels. */
      transitDueAt?: number;
    })
  | (Base & { type: 'DossierSubmitted'; channel: Channel; waybill: string | null })
  | (Base & { type: 'IntakeSupplementRequested'; missing: readonly string[] } & Noted)
  | (Base & { type: 'IntakeRefused'; reasons: readonly IntakeRefusalReason[] } & Noted)
  | (Base & { type: 'DossierAccepted'; clockStartedAt: number; deadline: Deadline })
  | (Base & {
      type: 'StageStarted';
      stage: number;
      /** When its clock starts: the handoff; for the first stage, the legal clock's start (a postal handover precedes `at`). */
      startedAt: number;
      members: readonly { member: number; agency: string; deadline: Deadline }[];
    })
  | (Base & {
      type: 'DossierHandedOff';
      from: HandoffParty;
      /** The handing stage member; null for the one-stop unit. */
      fromMember: number | null;
      to: HandoffParty;
      /** The receiving stage member; null for the (originating) one-stop unit. */
      toMember: number | null;
      /** The receiving member's deadline; to the one-stop unit, the dossier's appointment. */
      dueAt: number;
      task: HandoffTask;
    })
  | (Base & { type: 'StagePartAssigned'; member: number; agency: string; officer: string })
  | (Base & { type: 'StagePartAppraised'; member: number; agency: string })
  | (Base & { type: 'StagePartApproved'; member: number; agency: string })
  | (Base & { type: 'StagePartCompleted'; member: number; agency: string; outcome: Outcome })
  | (Base & { type: 'ResultReady'; outcome: Outcome; processingMs: number })
  | (Base & {
      type: 'SupplementRequested';
      member: number;
      agency: string;
      /** Working days since the agency received the dossier; over 3 is a recorded violation. */
      workingDaysSinceReceipt: number;
      late: boolean;
      /** Document codes of the procedure. */
      missing: readonly string[];
    } & Noted)
  | (Base & {
      type: 'SupplementReceived';
      deadline: Deadline;
      restarted: readonly { member: number; agency: string; deadline: Deadline }[];
      waitedMs: number;
    })
  | (Base & { type: 'ApologyIssued'; agency: string; newAppointment: number; byDeadline: boolean; reason?: ApologyReason } & Noted)
  | (Base & { type: 'DossierRejected';
      member: number;
      agency: string;
      /** The rejecting member against its own allotment. */
      memberOutcome: Outcome;
      /** The dossier against its appointment: a refusal is a result and must come in time too. */
      outcome: Outcome;
      processingMs: number;
      reasons: readonly RejectionReason[];
    } & Noted)
  | (Base & { type: 'ResultReturned'; channel: 'COUNTER' | 'ONLINE' })
  | (Base & { type: 'ResultHandedToPost' })
  | (Base & { type: 'DeliveryAttemptFailed'; counted: boolean; countedAttempts: number; reason?: DeliveryFailureReason })
  | (Base & { type: 'ResultBackAtUnit'; reason: 'DELIVERY_FAILED' | 'RETURNED_TO_SENDER' })
  | (Base & { type: 'ResultDelivered' })
  | (Base & { type: 'DossierWithdrawn'; reason: WithdrawalReason | null } & Noted)
  | (Base & { type: 'DossierStopped'; member: number; agency: string; reasons: readonly StopReason[] } & Noted)
  | (Base & {
      type: 'AlertRaised';
      alert: AlertType;
      scope: AlertScope;
      agency: string | null;
      member: number | null;
      /** The deadline the alert is about. */
      dueAt: number;
    })
  | (Base & PostalOrderRef & {
      type: 'PostalOrderPlaced';
      waybill: string | null;
      /** The operator's status as it wrote it (kept raw: adapters map, the record keeps). */
      partnerStatus: string;
      scope: PostalLegScope | null;
      /** The leg's transit target, when the leg has started and its scope is known. */
      transitDueAt?: number;
    })
  | (Base & PostalOrderRef & {
      type: 'PostalOrderRefused';
      reason: 'OPERATOR_REFUSED' | 'NO_ADDRESS';
      httpStatus: number | null;
      partnerCode?: string;
    })
  | (Base & PostalOrderRef & { type: 'PostalOrderCancelled'; alreadyGone: boolean })
  | (Base & {
      type: 'ConsultationRequested';
      consultation: number;
      /** The asking agency; `to` the consulted one. */
      agency: string;
      to: string;
      allotted: TimeLimit;
      dueAt: number;
      calendar: string;
    })
  | (Base & { type: 'ConsultationAnswered'; consultation: number; agency: string; outcome: Outcome })
  | (Base & { type: 'SatisfactionRated'; level: SatisfactionLevel });

/** Which order of the dossier's an order event is about: the n-th of its leg, and its reference at the operator. */
export interface PostalOrderRef {
  readonly leg: PostalLeg;
  readonly n: number;
  readonly orderRef: string;
}

export type DossierEventType = DossierEvent['type'];
export type EventOf<T extends DossierEventType> = Extract<DossierEvent, { type: T }>;

/** An event as recorded in the dossier's log and published: the domain event and its envelope. */
export interface RecordedEvent {
  /** Deterministic: the same event recorded again (retry, replay, re-run) has the same id. */
  readonly id: string;
  readonly code: string;
  readonly sequence: number;
  readonly event: DossierEvent;
  /** The dossier after the event, as the envelope of ONE-STOP.md §7 asks. */
  readonly status: string;
  readonly channel: Channel | null;
  readonly ruleSet: string;
  readonly procedure: { code: string; version: string };
  readonly unit: string;
  readonly dueAt: number | null;
  readonly finalDueAt: number | null;
}

export function eventId(code: string, sequence: number): string {
  return `${code}:${sequence}`;
}

export type { TimeLimit };
