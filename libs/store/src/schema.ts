import type { Generated } from 'kysely';

/**
 * The operational store's tables (PostgreSQL; PGlite locally). Personal data and free text live
 * here, never in workflows or events; the migrations in migrations.ts are the source of truth,
 * these types follow them.
 */
export interface StoreSchema {
  request_keys: RequestKeyTable;
  dossier_notes: DossierNoteTable;
  audit_log: AuditLogTable;
  applicant_contacts: ApplicantContactTable;
  postal_events: PostalEventTable;
  rm_dossiers: RmDossierTable;
  rm_stage_members: RmStageMemberTable;
  rm_alerts: RmAlertTable;
  rm_apologies: RmApologyTable;
  rm_supplement_requests: RmSupplementRequestTable;
  rm_appointments: RmAppointmentTable;
  rm_handoffs: RmHandoffTable;
  rm_postal_legs: RmPostalLegTable;
  event_archive: EventArchiveTable;
  projector_offsets: ProjectorOffsetTable;
  projector_gaps: ProjectorGapTable;
  projector_refused: ProjectorRefusedTable;
  read_model_versions: ReadModelVersionTable;
  notifications: NotificationTable;
  alert_webhook_outbox: AlertWebhookOutboxTable;
  dossier_code_counters: DossierCodeCounterTable;
  dossier_code_allocations: DossierCodeAllocationTable;
}

/** One version of the read model: its tables are in schema_name; the rm_* views show the CURRENT one. */
export interface ReadModelVersionTable {
  version: number;
  schema_name: string;
  state: 'BUILDING' | 'CURRENT' | 'RETIRED' | 'DROPPED';
  created_at: Generated<Date>;
  switched_at: Date | null;
}

/** One event of the postal partner's webhook (by its eventId): being processed, or answered. */
export interface PostalEventTable {
  event_id: string;
  /** SHA-256 of the raw body: the same id with another body is refused. */
  body_digest: string;
  state: 'IN_FLIGHT' | 'DONE';
  /** When its processing started (a claim left in flight by a crashed process expires). */
  claimed_at: Date;
  /** DONE: the status and JSON body answered, given again to a repeat. */
  answer_status: number | null;
  answer: string | null;
  dossier_code: string;
}

/** The applicant's contact data for one dossier (personal data: read by authorized users only, audited). */
export interface ApplicantContactTable {
  dossier_code: string;
  name: string;
  id_number: string;
  phone: string;
  address: string | null;
  /** POSTAL intake: where the post collects the dossier, when not the applicant's address. */
  pickup_address: string | null;
  /** Where the addresses lie: a one-stop unit's Decision 20/2020 identifier (migration 0006). */
  address_area: string | null;
  pickup_area: string | null;
  /** Where e-mail notifications go (0008; absent from older rows). */
  email: string | null;
  created_at: Generated<Date>;
}

/** Who did or read what, when, with what outcome: never a request body. */
export interface AuditLogTable {
  id: Generated<string>;
  at: Generated<Date>;
  request_id: string;
  actor_id: string;
  role: string | null;
  agency: string | null;
  /** The operation: `METHOD /path/pattern` (e.g. `POST /api/v1/dossiers/{code}/accept`). */
  action: string;
  /** What it was about: a dossier code, when there is one. */
  target: string | null;
  /** The HTTP status answered. */
  outcome: number;
  /** Whether personal data was read (notes, applicant data). */
  personal_data: boolean;
}

/** One Idempotency-Key of one caller: what it was first used for, and the dossier it led to. */
export interface RequestKeyTable {
  /** Who used the key (the caller's actor id): keys of different callers never meet. */
  scope: string;
  key: string;
  /** A keyed digest of the request (method, path, body): the same key with another request is refused. */
  request_digest: string;
  /** The dossier the request registered (intake), once known. */
  dossier_code: string | null;
  created_at: Generated<Date>;
}

/** Free text an officer wrote with a command (reasons, missing items): kept here, events carry its id. */
export interface DossierNoteTable {
  id: string;
  dossier_code: string;
  /** The command it came with (refuseIntake, reject, …). */
  action: string;
  text: string;
  author_id: string;
  author_agency: string | null;
  created_at: Generated<Date>;
}

/**
 * The read model (apps/projector), folded from dossier.events: one row per dossier, as the
 * envelope of its last folded event says, with the times the reports need.
 */
export interface RmDossierTable {
  code: string;
  unit: string;
  status: string;
  channel: string | null;
  procedure_code: string;
  procedure_version: string;
  procedure_name: string | null;
  rule_set: string;
  current_stage: number | null;
  registered_at: Date | null;
  submitted_at: Date | null;
  accepted_at: Date | null;
  appointment: Date | null;
  final_appointment: Date | null;
  finished_at: Date | null;
  outcome: string | null;
  /** bigint: returned as a string by the PostgreSQL driver. */
  processing_ms: string | number | null;
  /** The last event folded: the next one must be last_sequence + 1. */
  last_sequence: number;
  last_event_at: Date;
  /** When the legal clock started (acceptance; for the post, the signed handover): "received". */
  clock_started_at: Date | null;
  withdrawn_at: Date | null;
  stopped_at: Date | null;
  intake_refused_at: Date | null;
  /** The agency of the route's last stage (its first member if parallel): it assembles the result. */
  lead_agency: string | null;
  /** The procedure's field (lĩnh vực), when the catalog gives one. */
  field: string | null;
}

/** A legal appointment and the clock start that gave it (acceptance, or a supplement's arrival). */
export interface RmAppointmentTable {
  code: string;
  sequence: number;
  from_at: Date;
  appointment: Date;
}

/** One agency's part of one route stage (the route flattened, as the domain's MemberState). */
export interface RmStageMemberTable {
  code: string;
  member: number;
  stage: number;
  agency: string;
  started_at: Date | null;
  clock_started_at: Date | null;
  due_at: Date | null;
  finished_at: Date | null;
  outcome: string | null;
}

/**
 * A row of the process control sheet (Form 05, 0012): one DossierHandedOff, completed by the
 * receiving member's finish and outcome against `due_at` (restarted by a supplement); a row back
 * to the one-stop unit (to_member null) is finished at the handover with the dossier's outcome.
 */
export interface RmHandoffTable {
  code: string;
  sequence: number;
  from_unit: string;
  from_member: number | null;
  to_unit: string;
  to_member: number | null;
  task: string;
  handed_over_at: Date;
  due_at: Date;
  finished_at: Date | null;
  outcome: string | null;
}

/** A postal leg of a dossier (0012): its latest order, and its transit once the post took the item. */
export interface RmPostalLegTable {
  code: string;
  leg: 'PICKUP' | 'RETURN';
  order_ref: string | null;
  order_outcome: 'PLACED' | 'REFUSED' | 'CANCELLED' | null;
  scope: string | null;
  taken_at: Date | null;
  transit_due_at: Date | null;
  ended_at: Date | null;
}

export interface RmAlertTable {
  code: string;
  sequence: number;
  type: string;
  scope: string;
  agency: string | null;
  member: number | null;
  due_at: Date;
  at: Date;
}

export interface RmApologyTable {
  code: string;
  sequence: number;
  agency: string;
  at: Date;
  new_appointment: Date;
  by_deadline: boolean;
  reason: string | null;
}

export interface RmSupplementRequestTable {
  code: string;
  sequence: number;
  kind: 'INTAKE' | 'PROCESSING';
  agency: string | null;
  member: number | null;
  /** Document codes (JSON array). */
  missing: string;
  late: boolean | null;
  working_days_since_receipt: number | null;
  at: Date;
  received_at: Date | null;
}

/** Every CloudEvent as received: what a rebuild reads instead of Kafka. */
export interface EventArchiveTable {
  id: string;
  code: string;
  sequence: number;
  type: string;
  time: Date;
  cloud_event: string;
  received_at: Generated<Date>;
}

/** Where the projector goes on in each partition: written in the same transaction as the fold. */
export interface ProjectorOffsetTable {
  group_id: string;
  topic: string;
  partition: number;
  next_offset: string;
}

export interface ProjectorGapTable {
  code: string;
  expected: number;
  got: number;
  at: Generated<Date>;
  resolved_at: Date | null;
}

export interface ProjectorRefusedTable {
  topic: string;
  partition: number;
  offset: string;
  value: string;
  reason: string;
  at: Generated<Date>;
}

/**
 * What the applicant was sent, one row per event, kind and channel (0008): the row is written
 * before sending and settled after, so a retried activity never sends what was already settled.
 * `recipient` is masked: the full address stays in applicant_contacts.
 */
export interface NotificationTable {
  event_id: string;
  kind: string;
  channel: 'SMS' | 'EMAIL';
  dossier_code: string;
  recipient: string;
  text: string;
  status: 'PENDING' | 'SENT' | 'RECORDED' | 'FAILED';
  attempts: number;
  provider_ref: string | null;
  error: string | null;
  recorded_at: Generated<Date>;
  settled_at: Date | null;
}

/**
 * Near-due and overdue alerts waiting for, or done with, the operations team's webhook (0011):
 * one row per AlertRaised event, sent at least once in `position` order.
 */
export interface AlertWebhookOutboxTable {
  event_id: string;
  position: Generated<number>;
  dossier_code: string;
  body: string;
  raised_at: Date;
  status: Generated<'PENDING' | 'SENT' | 'FAILED'>;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  last_error: string | null;
  settled_at: Date | null;
}

/** The last sequence number handed out for one unit's dossier codes on one day (Vietnam). */
export interface DossierCodeCounterTable {
  unit: string;
  /** YYYY-MM-DD, Vietnam time. */
  day: string;
  last_sequence: number;
}

/** Which request got which number: a retry of the request gets the same one. */
export interface DossierCodeAllocationTable {
  unit: string;
  day: string;
  request_key: string;
  sequence: number;
  created_at: Generated<Date>;
}
