import { Migrator, sql, type Kysely, type Migration } from 'kysely';

/**
 * Versioned migrations, in order, never edited once released: a change is a new entry. Written
 * for PostgreSQL (PGlite is PostgreSQL 18; production's supported version is 17, the one npm test
 * runs the store suite on: nothing newer than 17).
 */
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
};

/** Brings the schema to the latest version; safe to run from several processes at once (Kysely locks). */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw new Error(`store migration failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export const MIGRATION_NAMES = Object.keys(MIGRATIONS);
