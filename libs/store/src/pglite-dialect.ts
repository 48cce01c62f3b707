import { types, type PGlite, type ParserOptions } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/**
 * Kysely on PGlite (PostgreSQL compiled to WASM, in this process). Kysely 0.28 has no PGlite
 * dialect (0.29's needs Node 22), and the community ones do not install against PGlite 0.5. The
 * SQL is PostgreSQL's, so the compiler, adapter and introspector are Kysely's own Postgres ones;
 * only the driver is ours. PGlite has one session: a transaction holds it until it ends, so the
 * connection is handed out one borrower at a time.
 */
export class PGliteDialect implements Dialect {
  constructor(private readonly open: () => Promise<PGlite>) {}

  createDriver(): Driver {
    return new PGliteDriver(this.open);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createAdapter() {
    return new PostgresAdapter();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
}

class PGliteDriver implements Driver {
  private pglite?: PGlite;
  private connection?: PGliteConnection;
  /** The borrowers waiting for the one session, in order. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly open: () => Promise<PGlite>) {}

  async init(): Promise<void> {
    this.pglite = await this.open();
    this.connection = new PGliteConnection(this.pglite);
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    let release!: () => void;
    const turn = new Promise<void>((r) => (release = r));
    const previous = this.queue;
    this.queue = previous.then(() => turn);
    await previous;
    this.connection!.release = release;
    return this.connection!;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const level = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
    const mode = settings.accessMode ? ` ${settings.accessMode}` : '';
    await connection.executeQuery(CompiledQuery.raw(`begin${level}${mode}`));
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }
  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as PGliteConnection).release?.();
  }
  async destroy(): Promise<void> {
    await this.pglite?.close();
  }
}

/** pg_type's oid of int8[] (PGlite's `types` names the scalar types only). */
const INT8_ARRAY = 1016;
const asText = (value: string) => value;

/**
 * Rows as node-postgres gives them, where PGlite's own parsers differ on a type the store uses:
 * int8 (audit_log.id) is a string there, while PGlite gives a number, or a BigInt past 2^53
 * (which JSON.stringify refuses); its arrays too. The other types the schema uses (text, integer,
 * boolean, timestamptz) already come back alike.
 */
const LIKE_NODE_POSTGRES: ParserOptions = {
  [types.INT8]: asText,
  [INT8_ARRAY]: (value) => types.arrayParser(value, asText, INT8_ARRAY),
};

class PGliteConnection implements DatabaseConnection {
  release?: () => void;
  constructor(private readonly pglite: PGlite) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.pglite.query<R>(compiled.sql, compiled.parameters as unknown[], { parsers: LIKE_NODE_POSTGRES });
    const affected = result.affectedRows;
    return {
      rows: result.rows,
      ...(affected !== undefined && compiled.query.kind !== 'SelectQueryNode' ? { numAffectedRows: BigInt(affected) } : {}),
    };
  }

  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite: streaming queries are not supported');
  }
}
