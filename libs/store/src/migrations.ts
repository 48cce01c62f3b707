import { Migrator, sql, type Kysely, type Migration } from 'kysely';

/**
 * Versioned migrations, in order, never edited once released: a change is a new entry. Written
 * for PostgreSQL (PGlite is PostgreSQL 18; production's supported version is 17, the one npm test
 * runs the store suite on: nothing newer than 17).
 */
/** The read model's tables (migration 0005), each version's own since 0007; readers see views of these names. */
/** The read model's tables, each a view onto the current version's (0007); a rebuild makes them all. */
export const READ_MODEL_TABLES = ['rm_dossiers', 'rm_stage_members', 'rm_alerts', 'rm_apologies', 'rm_supplement_requests', 'rm_appointments', 'rm_handoffs', 'rm_postal_legs'] as const;
/** The tables 0007 found (0005's): a migration keeps the list it was written against. */
const READ_MODEL_TABLES_OF_0005 = ['rm_dossiers', 'rm_stage_members', 'rm_alerts', 'rm_apologies', 'rm_supplement_requests'] as const;

const MIGRATIONS: Record<string, Migration> = {
  '0001-request-keys-and-notes': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('request_keys')
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('request_digest', 'text', (c) => c.notNull())
        .addColumn('dossier_code', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addPrimaryKeyConstraint('request_keys_pk', ['scope', 'key'])
        .execute();
      await db.schema
        .createTable('dossier_notes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('dossier_code', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('author_id', 'text', (c) => c.notNull())
        .addColumn('author_agency', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema.createIndex('dossier_notes_by_dossier').on('dossier_notes').columns(['dossier_code', 'created_at']).execute();
    },
  },
  '0002-audit-log': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
        .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('request_id', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('role', 'text')
        .addColumn('agency', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target', 'text')
        .addColumn('outcome', 'integer', (c) => c.notNull())
        .addColumn('personal_data', 'boolean', (c) => c.notNull().defaultTo(false))
        .execute();
      await db.schema.createIndex('audit_log_by_time').on('audit_log').column('at').execute();
      await db.schema.createIndex('audit_log_by_target').on('audit_log').columns(['target', 'at']).execute();
      await db.schema.createIndex('audit_log_by_actor').on('audit_log').columns(['actor_id', 'at']).execute();
      // Append-only for every client of the database, not only for our code: an audit trail that
      // can be edited proves nothing.
      await sql`create function audit_log_append_only() returns trigger language plpgsql as $$
        begin raise exception 'audit_log is append-only'; end $$`.execute(db);
      await sql`create trigger audit_log_no_change before update or delete or truncate on audit_log
        for each statement execute function audit_log_append_only()`.execute(db);
    },
  },
  '0003-applicant-contacts': {
    async up(db: Kysely<unknown>) {
      // The applicant's contact data, kept apart from workflows and events (which carry only the
      // pseudonymous applicantRef): one row per dossier, written at intake.
      await db.schema
        .createTable('applicant_contacts')
        .addColumn('dossier_code', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('id_number', 'text', (c) => c.notNull())
        .addColumn('phone', 'text', (c) => c.notNull())
        .addColumn('address', 'text')
        .addColumn('pickup_address', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
    },
  },
  '0004-postal-events': {
    async up(db: Kysely<unknown>) {
      // The postal webhook's de-duplication, kept for good: one row per eventId the partner sent.
      await db.schema
        .createTable('postal_events')
        .addColumn('event_id', 'text', (c) => c.primaryKey())
        .addColumn('body_digest', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('IN_FLIGHT', 'DONE')`))
        .addColumn('claimed_at', 'timestamptz', (c) => c.notNull())
        .addColumn('answer_status', 'integer')
        .addColumn('answer', 'text')
        .addColumn('dossier_code', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0005-read-model': {
    // The projector's read model (apps/projector), folded from dossier.events. Instants are
    // timestamptz; `last_sequence` on rm_dossiers is the projector's de-duplication and gap guard.
    // The raw archive keeps every CloudEvent as received, so a rebuild never needs Kafka retention.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('rm_dossiers')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('channel', 'text')
        .addColumn('procedure_code', 'text', (c) => c.notNull())
        .addColumn('procedure_version', 'text', (c) => c.notNull())
        .addColumn('procedure_name', 'text')
        .addColumn('rule_set', 'text', (c) => c.notNull())
        .addColumn('current_stage', 'integer')
        .addColumn('registered_at', 'timestamptz')
        .addColumn('submitted_at', 'timestamptz')
        .addColumn('accepted_at', 'timestamptz')
        .addColumn('appointment', 'timestamptz')
        .addColumn('final_appointment', 'timestamptz')
        .addColumn('finished_at', 'timestamptz')
        .addColumn('outcome', 'text')
        .addColumn('processing_ms', 'bigint')
        .addColumn('last_sequence', 'integer', (c) => c.notNull())
        .addColumn('last_event_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('rm_dossiers_by_status').on('rm_dossiers').columns(['status', 'final_appointment']).execute();
      await db.schema
        .createTable('rm_stage_members')
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('member', 'integer', (c) => c.notNull())
        .addColumn('stage', 'integer', (c) => c.notNull())
        .addColumn('agency', 'text', (c) => c.notNull())
        .addColumn('started_at', 'timestamptz')
        .addColumn('clock_started_at', 'timestamptz')
        .addColumn('due_at', 'timestamptz')
        .addColumn('finished_at', 'timestamptz')
        .addColumn('outcome', 'text')
        .addPrimaryKeyConstraint('rm_stage_members_pk', ['code', 'member'])
        .execute();
      await db.schema.createIndex('rm_stage_members_by_agency').on('rm_stage_members').columns(['agency', 'finished_at']).execute();
      // Alerts, apologies and supplement requests are keyed by the event that made them, so
      // writing one again is a no-op.
      await db.schema
        .createTable('rm_alerts')
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('sequence', 'integer', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('agency', 'text')
        .addColumn('member', 'integer')
        .addColumn('due_at', 'timestamptz', (c) => c.notNull())
        .addColumn('at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('rm_alerts_pk', ['code', 'sequence'])
        .execute();
      await db.schema
        .createTable('rm_apologies')
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('sequence', 'integer', (c) => c.notNull())
        .addColumn('agency', 'text', (c) => c.notNull())
        .addColumn('at', 'timestamptz', (c) => c.notNull())
        .addColumn('new_appointment', 'timestamptz', (c) => c.notNull())
        .addColumn('by_deadline', 'boolean', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addPrimaryKeyConstraint('rm_apologies_pk', ['code', 'sequence'])
        .execute();
      await db.schema
        .createTable('rm_supplement_requests')
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('sequence', 'integer', (c) => c.notNull())
        // INTAKE (at the counter, before acceptance) or PROCESSING (an agency, the clock stops).
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('agency', 'text')
        .addColumn('member', 'integer')
        .addColumn('missing', 'jsonb', (c) => c.notNull())
        .addColumn('late', 'boolean')
        .addColumn('working_days_since_receipt', 'integer')
        .addColumn('at', 'timestamptz', (c) => c.notNull())
        .addColumn('received_at', 'timestamptz')
        .addPrimaryKeyConstraint('rm_supplement_requests_pk', ['code', 'sequence'])
        .execute();
      await db.schema
        .createTable('event_archive')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('sequence', 'integer', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('time', 'timestamptz', (c) => c.notNull())
        // The message's value exactly as received (text, not jsonb: jsonb would reorder keys).
        .addColumn('cloud_event', 'text', (c) => c.notNull())
        .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema.createIndex('event_archive_by_dossier').on('event_archive').columns(['code', 'sequence']).unique().execute();
      await db.schema
        .createTable('projector_offsets')
        .addColumn('group_id', 'text', (c) => c.notNull())
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('partition', 'integer', (c) => c.notNull())
        .addColumn('next_offset', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('projector_offsets_pk', ['group_id', 'topic', 'partition'])
        .execute();
      await db.schema
        .createTable('projector_gaps')
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('expected', 'integer', (c) => c.notNull())
        .addColumn('got', 'integer', (c) => c.notNull())
        .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        // Set when the missing events arrived and the held ones were folded.
        .addColumn('resolved_at', 'timestamptz')
        .addPrimaryKeyConstraint('projector_gaps_pk', ['code', 'got'])
        .execute();
      // Messages fromCloudEvent refused: kept (not folded) so that nothing read is lost silently.
      await db.schema
        .createTable('projector_refused')
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('partition', 'integer', (c) => c.notNull())
        .addColumn('offset', 'bigint', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addPrimaryKeyConstraint('projector_refused_pk', ['topic', 'partition', 'offset'])
        .execute();
    },
  },
  '0006-applicant-areas': {
    async up(db: Kysely<unknown>) {
      // Where the applicant's addresses lie, as one-stop unit identifiers: the post's transit
      // targets depend on how far a leg travels, which free-text addresses cannot say.
      await db.schema.alterTable('applicant_contacts').addColumn('address_area', 'text').execute();
      await db.schema.alterTable('applicant_contacts').addColumn('pickup_area', 'text').execute();
    },
  },
  '0007-read-model-versions': {
    // The read model in versions, so that a new one can be built beside the live one and readers
    // switched over in one transaction (apps/projector, `npm run projector:rebuild`): each version's
    // tables live in a schema of their own (rm_v1, rm_v2, …); the names readers use (rm_dossiers, …)
    // become views onto the current version. The tables of 0005 become version 1 as they are.
    async up(db: Kysely<unknown>) {
      await sql`create schema rm_v1`.execute(db);
      await db.schema
        .createTable('read_model_versions')
        .addColumn('version', 'integer', (c) => c.primaryKey())
        .addColumn('schema_name', 'text', (c) => c.notNull().unique())
        // BUILDING (a rebuild is folding into it), CURRENT (the one the views show and the projector
        // folds into; exactly one), RETIRED (kept until dropped), DROPPED.
        .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('BUILDING', 'CURRENT', 'RETIRED', 'DROPPED')`))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('switched_at', 'timestamptz')
        .execute();
      await sql`create unique index read_model_versions_one_current on read_model_versions (state) where state = 'CURRENT'`.execute(db);
      await sql`insert into read_model_versions (version, schema_name, state, switched_at) values (1, 'rm_v1', 'CURRENT', now())`.execute(db);
      for (const table of READ_MODEL_TABLES_OF_0005) {
        await sql`alter table ${sql.table(table)} set schema rm_v1`.execute(db);
        await sql`create view ${sql.table(table)} as select * from ${sql.table(`rm_v1.${table}`)}`.execute(db);
      }
    },
  },
  '0008-notifications': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('applicant_contacts').addColumn('email', 'text').execute();
      // One row per (event, kind, channel): the idempotency key of a notification. Written before
      // the provider is called and settled after, so a retried activity finds what was done.
      await db.schema
        .createTable('notifications')
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('SMS', 'EMAIL')`))
        .addColumn('dossier_code', 'text', (c) => c.notNull())
        .addColumn('recipient', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('PENDING', 'SENT', 'RECORDED', 'FAILED')`))
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('provider_ref', 'text')
        .addColumn('error', 'text')
        .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('settled_at', 'timestamptz')
        .addPrimaryKeyConstraint('notifications_pk', ['event_id', 'kind', 'channel'])
        .execute();
      await db.schema.createIndex('notifications_by_dossier').on('notifications').columns(['dossier_code', 'recorded_at']).execute();
    },
  },
  '0010-report-times': {
    // What the statutory reports (libs/reports) need beyond 0005: when the legal clock started
    // (for the post, the signed handover), when a dossier was withdrawn, stopped or refused at
    // intake, its lead agency and field, and the history of its legal appointment (the one in
    // force at a period's end is the one of the latest clock start before it). Since 0007 the read
    // model lives in versions: every version still kept gets the columns and the table, and the
    // reader-facing views are made again onto the current one (a view's `*` is fixed when it is
    // made). Rows folded before this migration get the values from the archive (backfillReportTimes,
    // through the views: into the current version).
    async up(db: Kysely<unknown>) {
      const { rows: versions } = await sql<{ schema_name: string; state: string }>`select schema_name, state from read_model_versions where state <> 'DROPPED'`.execute(db);
      for (const { schema_name: schema } of versions) {
        await db.schema
          .withSchema(schema)
          .alterTable('rm_dossiers')
          .addColumn('clock_started_at', 'timestamptz')
          .addColumn('withdrawn_at', 'timestamptz')
          .addColumn('stopped_at', 'timestamptz')
          .addColumn('intake_refused_at', 'timestamptz')
          .addColumn('lead_agency', 'text')
          .addColumn('field', 'text')
          .execute();
        await db.schema
          .withSchema(schema)
          .createTable('rm_appointments')
          .addColumn('code', 'text', (c) => c.notNull())
          .addColumn('sequence', 'integer', (c) => c.notNull())
          // The clock's start (acceptance, or the complete supplement's arrival) and the legal
          // appointment it gave; an apology's new date is not one (rm_apologies).
          .addColumn('from_at', 'timestamptz', (c) => c.notNull())
          .addColumn('appointment', 'timestamptz', (c) => c.notNull())
          .addPrimaryKeyConstraint('rm_appointments_pk', ['code', 'sequence'])
          .execute();
        await sql`create index rm_dossiers_by_clock_start on ${sql.id(schema, 'rm_dossiers')} (clock_started_at)`.execute(db);
      }
      const current = versions.find((v) => v.state === 'CURRENT');
      if (!current) throw new Error('no current read model version (migration 0007)');
      await sql`drop view rm_dossiers`.execute(db);
      await sql`create view rm_dossiers as select * from ${sql.id(current.schema_name, 'rm_dossiers')}`.execute(db);
      await sql`create view rm_appointments as select * from ${sql.id(current.schema_name, 'rm_appointments')}`.execute(db);
      await backfillReportTimes(db);
    },
  },
  '0011-alert-webhook-outbox': {
    // Near-due and overdue alerts pushed to the operations team's webhook (apps/projector/src/alerts).
    // Operational state, not the read model: a plain table outside the versions (a rebuild must
    // not send again what was sent). Filled in the projector's fold transaction, keyed by the
    // event id (a replayed event adds nothing); `position` is the order of raising, which the
    // sender keeps. `body` is the JSON sent, fixed once so every attempt signs the same bytes.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('alert_webhook_outbox')
        .addColumn('event_id', 'text', (c) => c.primaryKey())
        .addColumn('position', 'serial', (c) => c.notNull().unique())
        .addColumn('dossier_code', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('raised_at', 'timestamptz', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('PENDING').check(sql`status in ('PENDING', 'SENT', 'FAILED')`))
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('last_error', 'text')
        .addColumn('settled_at', 'timestamptz')
        .execute();
      await db.schema.createIndex('alert_webhook_outbox_by_status').on('alert_webhook_outbox').columns(['status', 'position']).execute();
    },
  },
  '0012-handoffs-and-postal-legs': {
    // What the operations dashboard needs beyond 0010: the process control sheet's rows (Form 05,
    // one per DossierHandedOff, completed by the receiver's finish) and each postal leg's transit
    // (taken by the post, its target, when the post did its part). Read-model tables, so every
    // kept version gets them (as 0010 did) and the views point at the current one. Dossiers folded
    // before this migration have no rows in them until `npm run projector:rebuild` folds the
    // archive into a new version.
    async up(db: Kysely<unknown>) {
      const { rows: versions } = await sql<{ schema_name: string; state: string }>`select schema_name, state from read_model_versions where state <> 'DROPPED'`.execute(db);
      for (const { schema_name: schema } of versions) {
        await db.schema
          .withSchema(schema)
          .createTable('rm_handoffs')
          .addColumn('code', 'text', (c) => c.notNull())
          .addColumn('sequence', 'integer', (c) => c.notNull())
          .addColumn('from_unit', 'text', (c) => c.notNull())
          .addColumn('from_member', 'integer')
          .addColumn('to_unit', 'text', (c) => c.notNull())
          // null: back to the one-stop unit (the dossier's result or refusal).
          .addColumn('to_member', 'integer')
          .addColumn('task', 'text', (c) => c.notNull())
          .addColumn('handed_over_at', 'timestamptz', (c) => c.notNull())
          .addColumn('due_at', 'timestamptz', (c) => c.notNull())
          .addColumn('finished_at', 'timestamptz')
          .addColumn('outcome', 'text')
          .addPrimaryKeyConstraint('rm_handoffs_pk', ['code', 'sequence'])
          .execute();
        await sql`create index rm_handoffs_by_receiver on ${sql.id(schema, 'rm_handoffs')} (to_unit, finished_at)`.execute(db);
        await db.schema
          .withSchema(schema)
          .createTable('rm_postal_legs')
          .addColumn('code', 'text', (c) => c.notNull())
          // PICKUP (applicant → unit) or RETURN (unit → applicant).
          .addColumn('leg', 'text', (c) => c.notNull())
          // The leg's latest order to the operator and its answer (PLACED, REFUSED, CANCELLED).
          .addColumn('order_ref', 'text')
          .addColumn('order_outcome', 'text')
          .addColumn('scope', 'text')
          // When the post took the item (day J), its transit target, when it did its part.
          .addColumn('taken_at', 'timestamptz')
          .addColumn('transit_due_at', 'timestamptz')
          .addColumn('ended_at', 'timestamptz')
          .addPrimaryKeyConstraint('rm_postal_legs_pk', ['code', 'leg'])
          .execute();
      }
      const current = versions.find((v) => v.state === 'CURRENT');
      if (!current) throw new Error('no current read model version (migration 0007)');
      for (const table of ['rm_handoffs', 'rm_postal_legs']) {
        await sql`create view ${sql.table(table)} as select * from ${sql.id(current.schema_name, table)}`.execute(db);
      }
    },
  },
  '0013-dossier-code-counters': {
    // Dossier codes from the store instead of one allocator workflow per unit and day, which ran
    // every registration of a unit one after another (libs/store/src/dossier-codes.ts says why
    // this holds on a cluster). One counter row per unit-day, bumped in one statement; one row per
    // request, so a retry reads its number back; the unique (unit, day, sequence) is the last
    // guard that no code is ever handed out twice.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('dossier_code_counters')
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('last_sequence', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('dossier_code_counters_pk', ['unit', 'day'])
        .execute();
      await db.schema
        .createTable('dossier_code_allocations')
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('request_key', 'text', (c) => c.notNull())
        .addColumn('sequence', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addPrimaryKeyConstraint('dossier_code_allocations_pk', ['unit', 'day', 'request_key'])
        .addUniqueConstraint('dossier_code_allocations_one_code', ['unit', 'day', 'sequence'])
        .execute();
    },
  },
};

/**
 * Fills 0010's columns and rm_appointments from the archived events the dossier has folded
 * (sequence up to last_sequence), as the projector's fold would have. Idempotent.
 */
export async function backfillReportTimes<DB>(db: Kysely<DB>): Promise<void> {
  const payloadOf = (type: string) =>
    sql`(select a.cloud_event::jsonb -> 'data' -> 'payload' from event_archive a where a.code = d.code and a.type = ${type} and a.sequence <= d.last_sequence order by a.sequence limit 1)`;
  const timeOf = (type: string) =>
    sql`(select a.time from event_archive a where a.code = d.code and a.type = ${type} and a.sequence <= d.last_sequence order by a.sequence limit 1)`;
  const route = sql`(${payloadOf('DossierRegistered')} -> 'procedure' -> 'route' -> -1)`;
  await sql`
    update rm_dossiers d set
      clock_started_at = (${payloadOf('DossierAccepted')} ->> 'clockStartedAt')::timestamptz,
      withdrawn_at = ${timeOf('DossierWithdrawn')},
      stopped_at = ${timeOf('DossierStopped')},
      intake_refused_at = ${timeOf('IntakeRefused')},
      lead_agency = coalesce(${route} -> 'parallel' -> 0 ->> 'agency', ${route} ->> 'agency'),
      field = ${payloadOf('DossierRegistered')} -> 'procedure' ->> 'field'
  `.execute(db);
  await sql`
    insert into rm_appointments (code, sequence, from_at, appointment)
    select a.code, a.sequence,
      case when a.type = 'DossierAccepted' then (a.cloud_event::jsonb -> 'data' -> 'payload' ->> 'clockStartedAt')::timestamptz else a.time end,
      (a.cloud_event::jsonb -> 'data' -> 'payload' -> 'deadline' ->> 'at')::timestamptz
    from event_archive a join rm_dossiers d on d.code = a.code and a.sequence <= d.last_sequence
    where a.type in ('DossierAccepted', 'SupplementReceived')
    on conflict (code, sequence) do nothing
  `.execute(db);
}

/** Brings the schema to the latest version; safe to run from several processes at once (Kysely locks). */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  // Unordered: a store may already hold a later migration than one added since (0010 before 0008,
  // the two made apart); the missing one is applied then, as none depends on another's order.
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS }, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw new Error(`store migration failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export const MIGRATION_NAMES = Object.keys(MIGRATIONS);
