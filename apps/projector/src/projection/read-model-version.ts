import { sql, type Transaction } from 'kysely';
import type { StoreSchema } from '@motcua/store';

/**
 * Which version of the read model a transaction folds into (migration 0007: each version's tables
 * in a schema of their own, the rm_* views show the CURRENT one). Every fold holds this advisory
 * lock shared for its transaction; a switch to another version holds it exclusively, so a fold
 * either ends before the switch or starts after it, into the new version: nothing folded during a
 * rebuild is lost by the switch.
 */
const READ_MODEL_SWITCH_LOCK = sql.raw('7265010001');

/** In a fold's transaction: waits for a switch in progress, then names the current version's tables. */
export async function foldIntoCurrentVersion(trx: Transaction<StoreSchema>): Promise<string> {
  await sql`select pg_advisory_xact_lock_shared(${READ_MODEL_SWITCH_LOCK})`.execute(trx);
  const current = await trx.selectFrom('read_model_versions').select('schema_name').where('state', '=', 'CURRENT').executeTakeFirstOrThrow();
  await foldIntoVersion(trx, current.schema_name);
  return current.schema_name;
}

/**
 * Unqualified rm_* names in this transaction are that version's tables: its schema goes first on
 * the search path until the transaction ends; the archive, offsets and gaps are still found where
 * the store's tables are (public, or the schema the database's search path names).
 */
export async function foldIntoVersion(trx: Transaction<StoreSchema>, schema: string): Promise<void> {
  await sql`select set_config('search_path', ${`"${schema}", `} || current_setting('search_path'), true)`.execute(trx);
}

/** In the switch's transaction: no fold runs until it commits. */
export async function holdFolds(trx: Transaction<StoreSchema>): Promise<void> {
  await sql`select pg_advisory_xact_lock(${READ_MODEL_SWITCH_LOCK})`.execute(trx);
}
