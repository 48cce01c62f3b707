import type { Generated } from 'kysely';

/**
 * The operational store's tables (PostgreSQL; PGlite locally). Personal data and free text live
 * here, never in workflows or events; the migrations in migrations.ts are the source of truth,
 * these types follow them.
 */
export interface StoreSchema {
  request_keys: RequestKeyTable;
  dossier_notes: DossierNoteTable;
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
