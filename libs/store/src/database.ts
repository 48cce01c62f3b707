import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type Dialect } from 'kysely';
import { Pool } from 'pg';
import { migrateToLatest } from './migrations';
import { PGliteDialect } from './pglite-dialect';
import type { StoreSchema } from './schema';

/**
 * Where the store lives: PostgreSQL at `url` (production, and any deployment with more than one
 * process writing), or else PGlite embedded in this process, in `dataDir` (kept across restarts)
 * or in memory (tests). One SQL dialect for both.
 */
export interface StoreLocation {
  url?: string;
  dataDir?: string;
}

export interface Store {
  readonly db: Kysely<StoreSchema>;
  /** `postgres` or `pglite`: for logs and /health, never for branching SQL. */
  readonly engine: 'postgres' | 'pglite';
  close(): Promise<void>;
}

export interface StoreOptions {
  /**
   * PostgreSQL ended a pooled connection while it was idle (a restart, a failover, an
   * administrator): the pool has dropped it and the next query opens another. node-postgres' pool
   * emits this as an 'error' event, which, with no listener, ends the process. Default: a process
   * warning. (PGlite, in this process, has no such event.)
   */
  onConnectionError?: (error: Error) => void;
}

/** Opens the store and brings its schema up to date. */
export async function openStore(location: StoreLocation, options: StoreOptions = {}): Promise<Store> {
  const engine = location.url ? 'postgres' : 'pglite';
  let dialect: Dialect;
  if (location.url) {
    const pool = new Pool({ connectionString: location.url, max: 10 });
    const report = options.onConnectionError ?? ((e: Error) => process.emitWarning(`operational store: a pooled PostgreSQL connection failed while idle: ${e.message}`));
    pool.on('error', report);
    dialect = new PostgresDialect({ pool });
  } else {
    dialect = new PGliteDialect(() => PGlite.create(location.dataDir ? { dataDir: location.dataDir } : {}));
  }
  const db = new Kysely<StoreSchema>({ dialect });
  try {
    await migrateToLatest(db as Kysely<unknown>);
  } catch (e) {
    await db.destroy();
    throw e;
  }
  return { db, engine, close: () => db.destroy() };
}

/** DATABASE_URL (PostgreSQL), else the embedded store in STORE_DIR (or memory when neither is set). */
export function storeLocationFromEnv(env: NodeJS.ProcessEnv = process.env): StoreLocation {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL };
  return env.STORE_DIR ? { dataDir: env.STORE_DIR } : {};
}
