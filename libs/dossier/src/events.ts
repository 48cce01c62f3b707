import type {
  AlertScope,
  AlertType,
  ApologyReasons,
  Channel,
  DeliveryFailureReasons,
  IntakeRefusalReasons,
  Outcome,
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

export type DossierEvent =
  | (Base & { type: 'DossierRegistered' } & Registration)
  | (Base & { type: 'PostalPickupRequested' })
  | (Base & { type: 'PostalPickedUp'; waybill: string })
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
