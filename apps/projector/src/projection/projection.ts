import { stageMembers, type RouteStage } from '@motcua/contracts';
import type { DossierEventType, EventOf, RecordedEvent } from '@motcua/dossier';
import type { RmAlertTable, RmApologyTable, RmAppointmentTable, RmDossierTable, RmStageMemberTable, RmSupplementRequestTable } from '@motcua/store';

/**
 * The read model's projection, in the Emmett style: for each event type a small pure function
 * from the recorded event to row changes. Every change assigns values (never adds to a counter)
 * and every inserted row is keyed by the dossier and the event's sequence or member, so applying
 * the same event twice leaves the tables as once: the projector's sequence guard skips duplicates,
 * and these changes would be harmless even if it did not.
 *
 * What the domain's fold (libs/dossier evolve) does to the state, this does to rows; the spec
 * checks both agree over every scenario.
 */
type DossierSet = Partial<Omit<RmDossierTable, 'code'>>;
type MemberSet = Partial<Pick<RmStageMemberTable, 'started_at' | 'clock_started_at' | 'due_at' | 'finished_at' | 'outcome'>>;

export type RowChange =
  | { kind: 'insertDossier'; row: RmDossierTable }
  | { kind: 'updateDossier'; code: string; set: DossierSet }
  | { kind: 'insertStageMembers'; rows: RmStageMemberTable[] }
  | { kind: 'updateStageMember'; code: string; member: number; set: MemberSet }
  | { kind: 'insertAlert'; row: RmAlertTable }
  | { kind: 'insertApology'; row: RmApologyTable }
  | { kind: 'insertSupplementRequest'; row: RmSupplementRequestTable }
  | { kind: 'insertAppointment'; row: RmAppointmentTable }
  /** The open request of that kind is answered (its documents arrived). */
  | { kind: 'answerSupplementRequest'; code: string; requestKind: RmSupplementRequestTable['kind']; at: Date };

const date = (ms: number): Date => new Date(ms);
const dateOrNull = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

/** The envelope carries the dossier as it stands after the event: every event sets these. */
function envelope(r: RecordedEvent): RowChange {
  return {
    kind: 'updateDossier',
    code: r.code,
    set: {
      status: r.status,
      channel: r.channel,
      appointment: dateOrNull(r.dueAt),
      final_appointment: dateOrNull(r.finalDueAt),
      last_sequence: r.sequence,
      // Domain time of the latest event (evolve keeps the maximum: a late partner report is
      // recorded with its own earlier instant); the applier keeps the greater of the two.
      last_event_at: date(r.event.at),
    },
  };
}

/** The agency that assembles the result: the last stage's (its first member, if parallel). */
function leadAgencyOf(route: readonly RouteStage[]): string {
  return stageMembers(route[route.length - 1])[0].agency;
}

type Handler<T extends DossierEventType> = (r: RecordedEvent, e: EventOf<T>) => RowChange[];
const none = (): RowChange[] => [];

/**
 * One entry per event type: the mapped type makes a new event type a compile error here until
 * the read model says what it does with it (even if that is nothing beyond the envelope).
 */
const HANDLERS: { readonly [T in DossierEventType]: Handler<T> } = {
  DossierRegistered: (r, e) => {
    const rows: RmStageMemberTable[] = [];
    e.procedure.route.forEach((stage, stageIndex) => {
      for (const m of stageMembers(stage)) {
        rows.push({
          code: r.code,
          member: rows.length,
          stage: stageIndex,
          agency: m.agency,
          started_at: null,
          clock_started_at: null,
          due_at: null,
          finished_at: null,
          outcome: null,
        });
      }
    });
    return [
      {
        kind: 'insertDossier',
        row: {
          code: r.code,
          unit: e.unit,
          status: r.status,
          channel: r.channel,
          procedure_code: e.procedure.code,
          procedure_version: e.procedure.version,
          procedure_name: e.procedure.name,
          rule_set: e.ruleSet,
          current_stage: null,
          registered_at: date(e.at),
          submitted_at: null,
          accepted_at: null,
          appointment: null,
          final_appointment: null,
          finished_at: null,
          outcome: null,
          processing_ms: null,
          last_sequence: r.sequence,
          last_event_at: date(e.at),
          clock_started_at: null,
          withdrawn_at: null,
          stopped_at: null,
          intake_refused_at: null,
          lead_agency: leadAgencyOf(e.procedure.route),
          field: e.procedure.field ?? null,
        },
      },
      { kind: 'insertStageMembers', rows },
    ];
  },
  PostalPickupRequested: none,
  PostalPickedUp: none,
  DossierSubmitted: (r, e) => [
    { kind: 'updateDossier', code: r.code, set: { submitted_at: date(e.at) } },
    // Handing in again after an intake supplement request answers it.
    { kind: 'answerSupplementRequest', code: r.code, requestKind: 'INTAKE', at: date(e.at) },
  ],
  IntakeSupplementRequested: (r, e) => [
    {
      kind: 'insertSupplementRequest',
      row: {
        code: r.code,
        sequence: r.sequence,
        kind: 'INTAKE',
        agency: e.by.agency,
        member: null,
        missing: JSON.stringify(e.missing),
        late: null,
        working_days_since_receipt: null,
        at: date(e.at),
        received_at: null,
      },
    },
  ],
  IntakeRefused: (r, e) => [{ kind: 'updateDossier', code: r.code, set: { intake_refused_at: date(e.at) } }],
  DossierAccepted: (r, e) => [
    { kind: 'updateDossier', code: r.code, set: { accepted_at: date(e.at), clock_started_at: date(e.clockStartedAt) } },
    { kind: 'insertAppointment', row: { code: r.code, sequence: r.sequence, from_at: date(e.clockStartedAt), appointment: date(e.deadline.at) } },
  ],
  StageStarted: (r, e) => [
    { kind: 'updateDossier', code: r.code, set: { current_stage: e.stage } },
    ...e.members.map(
      (m): RowChange => ({
        kind: 'updateStageMember',
        code: r.code,
        member: m.member,
        set: { started_at: date(e.startedAt), clock_started_at: date(e.startedAt), due_at: date(m.deadline.at) },
      }),
    ),
  ],
  StagePartCompleted: (r, e) => [{ kind: 'updateStageMember', code: r.code, member: e.member, set: { finished_at: date(e.at), outcome: e.outcome } }],
  ResultReady: (r, e) => [
    { kind: 'updateDossier', code: r.code, set: { finished_at: date(e.at), outcome: e.outcome, processing_ms: e.processingMs } },
  ],
  SupplementRequested: (r, e) => [
    {
      kind: 'insertSupplementRequest',
      row: {
        code: r.code,
        sequence: r.sequence,
        kind: 'PROCESSING',
        agency: e.agency,
        member: e.member,
        missing: JSON.stringify(e.missing),
        late: e.late,
        working_days_since_receipt: e.workingDaysSinceReceipt,
        at: date(e.at),
        received_at: null,
      },
    },
  ],
  SupplementReceived: (r, e) => [
    { kind: 'answerSupplementRequest', code: r.code, requestKind: 'PROCESSING', at: date(e.at) },
    { kind: 'insertAppointment', row: { code: r.code, sequence: r.sequence, from_at: date(e.at), appointment: date(e.deadline.at) } },
    ...e.restarted.map(
      (m): RowChange => ({ kind: 'updateStageMember', code: r.code, member: m.member, set: { clock_started_at: date(e.at), due_at: date(m.deadline.at) } }),
    ),
  ],
  ApologyIssued: (r, e) => [
    {
      kind: 'insertApology',
      row: {
        code: r.code,
        sequence: r.sequence,
        agency: e.agency,
        at: date(e.at),
        new_appointment: date(e.newAppointment),
        by_deadline: e.byDeadline,
        reason: e.reason ?? null,
      },
    },
  ],
  DossierRejected: (r, e) => [
    { kind: 'updateStageMember', code: r.code, member: e.member, set: { finished_at: date(e.at), outcome: e.memberOutcome } },
    { kind: 'updateDossier', code: r.code, set: { finished_at: date(e.at), outcome: e.outcome, processing_ms: e.processingMs } },
  ],
  // Handoffs and the steps inside an agency: the control sheet reads them from the dossier's events;
  // the read model keeps the stage members' start, deadline and finish, which they do not change.
  DossierHandedOff: none,
  StagePartAssigned: none,
  StagePartAppraised: none,
  StagePartApproved: none,
  ResultReturned: none,
  ResultHandedToPost: none,
  DeliveryAttemptFailed: none,
  ResultBackAtUnit: none,
  ResultDelivered: none,
  DossierWithdrawn: (r, e) => [{ kind: 'updateDossier', code: r.code, set: { withdrawn_at: date(e.at) } }],
  DossierStopped: (r, e) => [{ kind: 'updateDossier', code: r.code, set: { stopped_at: date(e.at) } }],
  AlertRaised: (r, e) => [
    {
      kind: 'insertAlert',
      row: { code: r.code, sequence: r.sequence, type: e.alert, scope: e.scope, agency: e.agency, member: e.member, due_at: date(e.dueAt), at: date(e.at) },
    },
  ],
  // The post's orders: in the archive and the envelope; a refusal's and a late leg's alerts are AlertRaised (scope POSTAL).
  PostalOrderPlaced: none,
  PostalOrderRefused: none,
  PostalOrderCancelled: none,
  // The read model keeps no consultation table yet: the envelope, and a missed answer's alert row.
  ConsultationRequested: none,
  ConsultationAnswered: none,
  SatisfactionRated: none,
};

/** The event types this projection folds: all of them (the mapped type above checks it). */
export const HANDLED_TYPES = Object.keys(HANDLERS) as DossierEventType[];

/** The row changes one recorded event makes: its own, then the envelope's. */
export function changesOf(r: RecordedEvent): RowChange[] {
  const handler = HANDLERS[r.event.type] as Handler<DossierEventType>;
  const own = handler(r, r.event);
  return r.event.type === 'DossierRegistered' ? own : [...own, envelope(r)];
}
