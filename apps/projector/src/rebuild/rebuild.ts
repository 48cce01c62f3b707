import { sql, type Kysely, type Transaction } from 'kysely';
import { READ_MODEL_TABLES, type StoreSchema } from '@motcua/store';
import { fromCloudEvent } from '@motcua/wire';
import { applyChanges } from '../projection/apply';
import { changesOf } from '../projection/projection';
import { foldIntoVersion, holdFolds } from '../projection/read-model-version';

export interface RebuildProgress {
  version: number;
  /** 1, 2, …: each pass folds what the archive holds beyond the new version; the last one runs with folds held. */
  pass: number;
  folded: number;
  /** Events in the archive when the rebuild began. */
  archived: number;
  final: boolean;
}

export interface RebuildResult {
  version: number;
  schema: string;
  retired: number;
  folded: number;
  seconds: number;
}

export interface RebuildOptions {
  pageSize?: number;
  /** A pass that folds no more than this is followed by the final one, with folds held. */
  catchUpBelow?: number;
  onProgress?: (p: RebuildProgress) => void;
  /** Called after each committed page (tests: the live projector folds meanwhile). */
  afterPage?: () => Promise<void>;
}

/**
 * Builds a new version of the read model from the raw archive beside the live one, then switches
 * readers over in one transaction; the old version is kept (RETIRED) until dropped.
 *
 * The new version's tables are made like the current one's (columns, keys, indexes), in schema
 * rm_v<N>. Each pass folds, per dossier in sequence order, the archived events beyond the dossier's
 * last folded sequence, up to its first hole (the live projector holds a dossier at a gap the same
 * way, so both end with the same rows). The live projector keeps folding into the current version
 * and archiving meanwhile; passes repeat until one folds little, then the last pass runs in the
 * switch's transaction with every fold held (an exclusive advisory lock each fold takes shared):
 * it folds what arrived since, marks the new version CURRENT and points the views at it. Folds
 * that waited then go into the new version.
 */
export async function rebuildReadModel(db: Kysely<StoreSchema>, o: RebuildOptions = {}): Promise<RebuildResult> {
  const started = performance.now();
  const pageSize = o.pageSize ?? 1000;
  const building = await db.selectFrom('read_model_versions').select('version').where('state', '=', 'BUILDING').executeTakeFirst();
  if (building) throw new Error(`version ${building.version} is being built (or a rebuild stopped): drop it first (--drop ${building.version})`);
  const current = await db.selectFrom('read_model_versions').select(['version', 'schema_name']).where('state', '=', 'CURRENT').executeTakeFirstOrThrow();
  const last = await db.selectFrom('read_model_versions').select((eb) => eb.fn.max('version').as('v')).executeTakeFirstOrThrow();
  const version = Number(last.v) + 1;
  const schema = `rm_v${version}`;
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('read_model_versions').values({ version, schema_name: schema, state: 'BUILDING', switched_at: null }).execute();
    await sql`create schema ${sql.id(schema)}`.execute(trx);
    for (const table of READ_MODEL_TABLES) {
      await sql`create table ${sql.id(schema, table)} (like ${sql.id(current.schema_name, table)} including all)`.execute(trx);
    }
  });
  const archived = Number((await db.selectFrom('event_archive').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  let folded = 0;
  const report = (pass: number, final: boolean) => o.onProgress?.({ version, pass, folded, archived, final });

  let pass = 0;
  for (;;) {
    pass++;
    let inPass = 0;
    for (let cursor: Cursor = null; ; ) {
      const page = await db.transaction().execute((trx) => foldPage(trx, schema, cursor, pageSize));
      inPass += page.folded;
      folded += page.folded;
      report(pass, false);
      await o.afterPage?.();
      if (!page.next) break;
      cursor = page.next;
    }
    if (inPass <= (o.catchUpBelow ?? pageSize)) break;
  }

  await db.transaction().execute(async (trx) => {
    await holdFolds(trx);
    pass++;
    for (let cursor: Cursor = null; ; ) {
      const page = await foldPage(trx, schema, cursor, pageSize);
      folded += page.folded;
      if (!page.next) break;
      cursor = page.next;
    }
    await trx.updateTable('read_model_versions').set({ state: 'RETIRED' }).where('state', '=', 'CURRENT').execute();
    await trx.updateTable('read_model_versions').set({ state: 'CURRENT', switched_at: new Date() }).where('version', '=', version).execute();
    await pointViewsAt(trx, schema);
    report(pass, true);
  });
  return { version, schema, retired: current.version, folded, seconds: (performance.now() - started) / 1000 };
}

type Cursor = { code: string; sequence: number } | null;

/**
 * Folds one page of archived events beyond the version's rows, in (code, sequence) order, each
 * dossier up to its first hole. Returns where the next page starts (null: the archive is done).
 */
async function foldPage(trx: Transaction<StoreSchema>, schema: string, cursor: Cursor, pageSize: number): Promise<{ folded: number; next: Cursor }> {
  await foldIntoVersion(trx, schema);
  const after = cursor ? sql`and (a.code, a.sequence) > (${cursor.code}, ${cursor.sequence})` : sql``;
  const { rows } = await sql<{ code: string; sequence: number; cloud_event: string; last: number }>`
    select a.code, a.sequence, a.cloud_event, coalesce(d.last_sequence, 0) as last
    from event_archive a left join ${sql.id(schema, 'rm_dossiers')} d on d.code = a.code
    where a.sequence > coalesce(d.last_sequence, 0) ${after}
    order by a.code, a.sequence
    limit ${pageSize}`.execute(trx);
  let folded = 0;
  const next = new Map<string, number>();
  for (const row of rows) {
    const expected = next.get(row.code) ?? row.last + 1;
    // Beyond a hole: held, as the live projector holds it (its gap is in projector_gaps already).
    if (row.sequence !== expected) {
      next.set(row.code, -1);
      continue;
    }
    await applyChanges(trx, changesOf(fromCloudEvent(row.cloud_event)));
    next.set(row.code, expected + 1);
    folded++;
  }
  const lastRow = rows[rows.length - 1];
  return { folded, next: rows.length < pageSize ? null : { code: lastRow.code, sequence: lastRow.sequence } };
}

/**
 * The reader-facing names onto a version's tables, in the schema where migration 0007 made them
 * (drop and create: a new version may have other columns).
 */
async function pointViewsAt(trx: Transaction<StoreSchema>, schema: string): Promise<void> {
  for (const table of READ_MODEL_TABLES) {
    const { rows } = await sql<{ schema: string }>`select table_schema as schema from information_schema.views where table_name = ${table} and table_schema !~ '^rm_v[0-9]+$'`.execute(trx);
    if (rows.length !== 1) throw new Error(`the view ${table} is not found once (${rows.length}): is migration 0007 applied?`);
    await sql`drop view ${sql.id(rows[0].schema, table)}`.execute(trx);
    await sql`create view ${sql.id(rows[0].schema, table)} as select * from ${sql.id(schema, table)}`.execute(trx);
  }
}

/** Drops a version that is not the current one (its schema and tables). */
export async function dropReadModelVersion(db: Kysely<StoreSchema>, version: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('read_model_versions').select(['schema_name', 'state']).where('version', '=', version).forUpdate().executeTakeFirst();
    if (!row) throw new Error(`no read model version ${version}`);
    if (row.state === 'CURRENT') throw new Error(`version ${version} is the current one: rebuild another first`);
    if (row.state === 'DROPPED') return;
    await sql`drop schema if exists ${sql.id(row.schema_name)} cascade`.execute(trx);
    await trx.updateTable('read_model_versions').set({ state: 'DROPPED' }).where('version', '=', version).execute();
  });
}

export async function readModelVersions(db: Kysely<StoreSchema>) {
  return db.selectFrom('read_model_versions').selectAll().orderBy('version').execute();
}
