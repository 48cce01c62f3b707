import { sql, type Kysely } from 'kysely';
import { Client } from 'pg';
import { openStore, READ_MODEL_TABLES, type Store, type StoreSchema } from '@motcua/store';
import { foldBatch } from '../projection/fold';
import { dumpReadModel, messageOf, scenarioLogs } from '../testing/scenario-events';
import { dropReadModelVersion, readModelVersions, rebuildReadModel, type RebuildProgress } from './rebuild';

/**
 * A new version of the read model built from the archive beside the live one, while the live
 * projector goes on folding, then readers switched over in one transaction: on embedded PGlite,
 * and on PostgreSQL when STORE_TEST_DATABASE_URL names one (npm test).
 */
const postgresUrl = process.env.STORE_TEST_DATABASE_URL;
if (!postgresUrl && process.env.MOTCUA_REQUIRE_INTEGRATION === '1') throw new Error('STORE_TEST_DATABASE_URL is required (npm test sets it)');

type Engine = { open(): Promise<Store>; close(): Promise<void> };
const pglite = (): Engine => ({ open: () => openStore({}), close: async () => undefined });
/** A database of its own on the PostgreSQL server, dropped afterwards. */
const postgres = (): Engine => {
  const name = `motcua_rebuild_${process.pid}_${Date.now()}`;
  const admin = new Client({ connectionString: postgresUrl });
  return {
    open: async () => {
      await admin.connect();
      await admin.query(`create database ${name}`);
      const url = new URL(postgresUrl!);
      url.pathname = `/${name}`;
      return openStore({ url: url.href });
    },
    close: async () => {
      await admin.query(`drop database if exists ${name}`);
      await admin.end();
    },
  };
};
const engines: [string, () => Engine][] = [['pglite', pglite]];
if (postgresUrl) engines.push(['postgres', postgres]);

const logs = scenarioLogs();
// One dossier's third event withheld until after the switch: the dossier is held at a gap meanwhile.
const heldBack = logs.find((l) => l.events.length > 4)!.events[2];
const events = logs.flatMap((l) => l.events).filter((r) => r.id !== heldBack.id);
const duplicates = events.filter((_, i) => i % 4 === 0);
const all = [...events, ...duplicates].map(messageOf);
const firstHalf = all.slice(0, Math.floor(all.length / 2));
const secondHalf = all.slice(firstHalf.length);

let offset = 0;
const fold = (db: Kysely<StoreSchema>, values: string[]) =>
  foldBatch(db, { group: 'g', topic: 't', partition: 0, messages: values.map((value) => ({ offset: String(offset++), value })) });

async function versionRows(db: Kysely<StoreSchema>, schema: string) {
  const out: Record<string, unknown[]> = {};
  for (const table of READ_MODEL_TABLES) out[table] = (await sql`select * from ${sql.id(schema, table)} order by 1, 2`.execute(db)).rows;
  return out;
}

describe.each(engines)('rebuilding the read model beside the live one (%s)', (_engine, engine) => {
  let e: Engine;
  let store: Store;
  beforeAll(async () => {
    e = engine();
    store = await e.open();
  });
  afterAll(async () => {
    await store?.close();
    await e?.close();
  });

  let progress: RebuildProgress[] = [];
  it('builds version 2 from the archive while the live projector folds into version 1, then switches: row for row the live tables', async () => {
    offset = 0;
    await fold(store.db, firstHalf);
    let arrived = false;
    const result = await rebuildReadModel(store.db, {
      pageSize: 100,
      onProgress: (p) => progress.push(p),
      // Events keep coming while the rebuild runs: the live projector folds them into version 1.
      afterPage: async () => {
        if (arrived) return;
        arrived = true;
        await fold(store.db, secondHalf);
      },
    });
    expect(result).toMatchObject({ version: 2, schema: 'rm_v2', retired: 1 });
    expect(progress.length).toBeGreaterThan(2);
    expect(progress[progress.length - 1]).toMatchObject({ final: true, folded: events.length - logs.find((l) => l.events.includes(heldBack))!.events.slice(3).length });
    expect((await readModelVersions(store.db)).map((v) => [v.version, v.state])).toEqual([
      [1, 'RETIRED'],
      [2, 'CURRENT'],
    ]);
    // Nothing folded since the switch: the retired live version and the new one agree row for row.
    const live = await versionRows(store.db, 'rm_v1');
    expect(await versionRows(store.db, 'rm_v2')).toEqual(live);
    expect(live.rm_dossiers).toHaveLength(logs.length);
  });

  it('after the switch the projector folds into version 2, the readers\' names show it, and version 1 is kept as it was', async () => {
    const before = await versionRows(store.db, 'rm_v1');
    const stats = await fold(store.db, [messageOf(heldBack)]);
    expect(stats.applied).toBe(logs.find((l) => l.events.includes(heldBack))!.events.length - 2);
    expect(await versionRows(store.db, 'rm_v1')).toEqual(before);

    const reference = await openStore({});
    try {
      offset = 0;
      await fold(reference.db, firstHalf);
      await fold(reference.db, secondHalf);
      await fold(reference.db, [messageOf(heldBack)]);
      expect(await dumpReadModel(store.db)).toEqual(await dumpReadModel(reference.db));
    } finally {
      await reference.close();
    }
  });

  it('drops a retired version, never the current one', async () => {
    await expect(dropReadModelVersion(store.db, 2)).rejects.toThrow(/current/);
    await dropReadModelVersion(store.db, 1);
    const schemas = await sql<{ n: string }>`select count(*) as n from information_schema.schemata where schema_name = 'rm_v1'`.execute(store.db);
    expect(Number(schemas.rows[0].n)).toBe(0);
    expect((await readModelVersions(store.db)).map((v) => [v.version, v.state])).toEqual([
      [1, 'DROPPED'],
      [2, 'CURRENT'],
    ]);
    // And builds the next one after it.
    progress = [];
    expect(await rebuildReadModel(store.db)).toMatchObject({ version: 3, retired: 2 });
    expect(await versionRows(store.db, 'rm_v3')).toEqual(await versionRows(store.db, 'rm_v2'));
  });
});

// A database whose search path puts the store's tables in a schema of the application's own (a
// PostgreSQL 15+ practice, public being closed to non-owners): the views and the archive are found there.
(postgresUrl ? describe : describe.skip)('rebuilding when the store lives in a schema of its own (PostgreSQL)', () => {
  const name = `motcua_rebuild_schema_${process.pid}_${Date.now()}`;
  const admin = new Client({ connectionString: postgresUrl });
  let store: Store;
  beforeAll(async () => {
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(postgresUrl!);
    url.pathname = `/${name}`;
    const owner = new Client({ connectionString: url.href });
    await owner.connect();
    await owner.query('create schema motcua_app');
    await owner.end();
    await admin.query(`alter database ${name} set search_path = motcua_app`);
    store = await openStore({ url: url.href });
  });
  afterAll(async () => {
    await store?.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  it('folds, rebuilds and switches the views in that schema', async () => {
    offset = 0;
    await fold(store.db, firstHalf);
    expect(await rebuildReadModel(store.db)).toMatchObject({ version: 2 });
    const views = await sql<{ s: string }>`select distinct table_schema as s from information_schema.views where table_name like 'rm\_%'`.execute(store.db);
    expect(views.rows).toEqual([{ s: 'motcua_app' }]);
    expect(await versionRows(store.db, 'rm_v2')).toEqual(await versionRows(store.db, 'rm_v1'));
    await fold(store.db, secondHalf);
    expect((await versionRows(store.db, 'rm_v2')).rm_dossiers.length).toBeGreaterThan((await versionRows(store.db, 'rm_v1')).rm_dossiers.length);
  });
});
