import { stageMembers, type RouteStage } from '@motcua/contracts';
import type { DossierEventType, EventOf, RecordedEvent } from '@motcua/dossier';
import type { RmAlertTable, RmApologyTable, RmAppointmentTable, RmDossierTable, RmHandoffTable, RmPostalLegTable, RmStageMemberTable, RmSupplementRequestTable } from '@motcua/store';

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
type LegSet = Partial<Omit<RmPostalLegTable, 'code' | 'leg'>>;

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
  | { kind: 'answerSupplementRequest'; code: string; requestKind: RmSupplementRequestTable['kind']; at: Date }
  /** A control sheet row; one back to the one-stop unit takes the dossier's outcome (set by the event before it). */
  | { kind: 'insertHandoff'; row: RmHandoffTable }
  /** The receiving member's open rows: finished (`finish`) or given a restarted deadline (`dueAt`). */
  | { kind: 'updateOpenHandoffs'; code: string; member: number; set: { finished_at: Date; outcome: string } | { due_at: Date } }
  /**
   * A postal leg's row made or changed. `keepTaken`: the first instant the post took the item
   * stays; `transit_due_at` undefined leaves the target as it is.
   */
  | { kind: 'upsertPostalLeg'; code: string; leg: RmPostalLegTable['leg']; set: LegSet; keepTaken?: boolean }
  /** The post has done its part of the leg (if it has a row, and has not already). */
  | { kind: 'endPostalLeg'; code: string; leg: RmPostalLegTable['leg']; at: Date };

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

/** The statuses in which the post still has the pickup leg to do (libs/dossier legUnderway). */
const PICKUP_UNDERWAY: ReadonlySet<string> = new Set(['PICKUP_REQUESTED', 'PICKED_UP']);

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
  // A late pickup report (after the handover) only records the waybill: the leg is not taken again.
  PostalPickedUp: (r, e) =>
    r.status === 'PICKED_UP'
      ? [{ kind: 'upsertPostalLeg', code: r.code, leg: 'PICKUP', keepTaken: true, set: { taken_at: date(e.at), ...(e.transitDueAt === undefined ? {} : { transit_due_at: date(e.transitDueAt) }) } }]
      : [],
  DossierSubmitted: (r, e) => [
    { kind: 'updateDossier', code: r.code, set: { submitted_at: date(e.at) } },
    { kind: 'endPostalLeg', code: r.code, leg: 'PICKUP', at: date(e.at) },
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
  StagePartCompleted: (r, e) => [
    { kind: 'updateStageMember', code: r.code, member: e.member, set: { finished_at: date(e.at), outcome: e.outcome } },
    { kind: 'updateOpenHandoffs', code: r.code, member: e.member, set: { finished_at: date(e.at), outcome: e.outcome } },
  ],
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
    ...e.restarted.flatMap((m): RowChange[] => [
      { kind: 'updateStageMember', code: r.code, member: m.member, set: { clock_started_at: date(e.at), due_at: date(m.deadline.at) } },
      { kind: 'updateOpenHandoffs', code: r.code, member: m.member, set: { due_at: date(m.deadline.at) } },
    ]),
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
    { kind: 'updateOpenHandoffs', code: r.code, member: e.member, set: { finished_at: date(e.at), outcome: e.memberOutcome } },
    { kind: 'updateDossier', code: r.code, set: { finished_at: date(e.at), outcome: e.outcome, processing_ms: e.processingMs } },
  ],
  // The control sheet's rows (Form 05); the steps inside an agency (assigned, appraised,
  // approved) change neither a row's deadline nor its finish.
  DossierHandedOff: (r, e) => [
    {
      kind: 'insertHandoff',
      row: {
        code: r.code,
        sequence: r.sequence,
        from_unit: e.from.unit,
        from_member: e.fromMember,
        to_unit: e.to.unit,
        to_member: e.toMember,
        task: e.task,
        handed_over_at: date(e.at),
        due_at: date(e.dueAt),
        finished_at: e.toMember === null ? date(e.at) : null,
        outcome: null,
      },
    },
  ],
  StagePartAssigned: none,
  StagePartAppraised: none,
  StagePartApproved: none,
  ResultReturned: none,
  ResultHandedToPost: (r, e) => [{ kind: 'upsertPostalLeg', code: r.code, leg: 'RETURN', keepTaken: true, set: { taken_at: date(e.at) } }],
  // The return leg ends at the first attempt at the door, failed or not, or back at the unit.
  DeliveryAttemptFailed: (r, e) => [{ kind: 'endPostalLeg', code: r.code, leg: 'RETURN', at: date(e.at) }],
  ResultBackAtUnit: (r, e) => [{ kind: 'endPostalLeg', code: r.code, leg: 'RETURN', at: date(e.at) }],
  ResultDelivered: (r, e) => [{ kind: 'endPostalLeg', code: r.code, leg: 'RETURN', at: date(e.at) }],
  DossierWithdrawn: (r, e) => [{ kind: 'updateDossier', code: r.code, set: { withdrawn_at: date(e.at) } }],
  DossierStopped: (r, e) => [{ kind: 'updateDossier', code: r.code, set: { stopped_at: date(e.at) } }],
  AlertRaised: (r, e) => [
    {
      kind: 'insertAlert',
      row: { code: r.code, sequence: r.sequence, type: e.alert, scope: e.scope, agency: e.agency, member: e.member, due_at: date(e.dueAt), at: date(e.at) },
    },
  ],
  // The post's orders: the leg's latest one (a refusal's and a late leg's alerts are AlertRaised,
  // scope POSTAL). A new order's target is its own (none when its scope is unknown). An answer
  // recorded after the post did its part of a pickup (the handover came first) finds the leg over.
  PostalOrderPlaced: (r, e) => [
    {
      kind: 'upsertPostalLeg',
      code: r.code,
      leg: e.leg,
      set: { order_ref: e.orderRef, order_outcome: 'PLACED', scope: e.scope, transit_due_at: e.transitDueAt === undefined ? null : date(e.transitDueAt) },
    },
    ...(e.leg === 'PICKUP' && !PICKUP_UNDERWAY.has(r.status) ? [{ kind: 'endPostalLeg', code: r.code, leg: 'PICKUP', at: date(e.at) } as const] : []),
  ],
  PostalOrderRefused: (r, e) => [{ kind: 'upsertPostalLeg', code: r.code, leg: e.leg, set: { order_ref: e.orderRef, order_outcome: 'REFUSED', scope: null, transit_due_at: null } }],
  PostalOrderCancelled: (r, e) => [{ kind: 'upsertPostalLeg', code: r.code, leg: e.leg, set: { order_ref: e.orderRef, order_outcome: 'CANCELLED' } }],
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
