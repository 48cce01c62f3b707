import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { MIGRATION_NAMES, openStore, serveEmbeddedStore, SqlDossierNotes, type EmbeddedStoreServer } from './index';

/**
 * The embedded store served to several processes (npm start's store server): clients that speak
 * to it at once through node-postgres, as the API, the worker and the projector do.
 */
describe('the embedded store served over the PostgreSQL protocol', () => {
  let server: EmbeddedStoreServer;
  beforeAll(async () => {
    server = await serveEmbeddedStore();
  });
  afterAll(() => server?.close());

  it('keeps each client\'s exchange whole: concurrent queries with parameters split over many TCP reads get their own answers', async () => {
    // pglite-socket's own queue failed 7 of these 200 (another client's Bind on this client's statement).
    const pools = [0, 1, 2].map(() => new Pool({ connectionString: server.url, max: 5 }));
    const big = 'y'.repeat(300_000);
    try {
      const answers = await Promise.allSettled(
        Array.from({ length: 120 }, (_, i) => {
          const pool = pools[i % 3];
          return i % 2
            ? pool.query<{ v: number }>('select length($1::text) as v', [big]).then((r) => r.rows[0].v === big.length)
            : pool.query<{ v: number }>('select $1::int + 1 as v', [i]).then((r) => r.rows[0].v === i + 1);
        }),
      );
      const wrong = answers.filter((a) => a.status === 'rejected' || !a.value).length;
      expect(wrong).toBe(0);
    } finally {
      for (const p of pools) await p.end();
    }
  });

  it('gives a transaction the session until it ends: another client waits, and sees only what was committed', async () => {
    const a = new Client({ connectionString: server.url });
    const b = new Client({ connectionString: server.url });
    await a.connect();
    await b.connect();
    try {
      await a.query('create table if not exists tx_probe (n int)');
      await a.query('begin');
      await a.query('insert into tx_probe values ($1)', [1]);
      let bSaw: number | null = null;
      const bReads = b.query<{ n: string }>('select count(*) as n from tx_probe').then((r) => (bSaw = Number(r.rows[0].n)));
      await new Promise((r) => setTimeout(r, 200));
      expect(bSaw).toBeNull();
      await a.query('insert into tx_probe values ($1)', [2]);
      await a.query('rollback');
      await bReads;
      expect(bSaw).toBe(0);
    } finally {
      await a.end();
      await b.end();
    }
  });

  it('rolls back the transaction of a client that goes away, and serves the others', async () => {
    const a = new Client({ connectionString: server.url });
    await a.connect();
    a.on('error', () => undefined);
    await a.query('create table if not exists gone_probe (n int)');
    await a.query('begin');
    await a.query('insert into gone_probe values ($1)', [1]);
    const socket = (a as unknown as { connection: { stream: { destroy(): void } } }).connection.stream;
    socket.destroy();
    const b = new Client({ connectionString: server.url });
    await b.connect();
    try {
      const r = await b.query<{ n: string }>('select count(*) as n from gone_probe');
      expect(Number(r.rows[0].n)).toBe(0);
    } finally {
      await b.end();
    }
  });

  it('applies each migration once when two apps open a new store at the same time', async () => {
    const fresh = await serveEmbeddedStore();
    try {
      const opened = await Promise.allSettled([openStore({ url: fresh.url }), openStore({ url: fresh.url })]);
      const stores = opened.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      expect(opened.map((r) => (r.status === 'fulfilled' ? 'opened' : String(r.reason)))).toEqual(['opened', 'opened']);
      const applied = await stores[0].db.selectFrom('kysely_migration' as never).select('name' as never).orderBy('name' as never).execute();
      expect(applied.map((r) => (r as { name: string }).name)).toEqual(MIGRATION_NAMES);
      await Promise.all(stores.map((s) => s.close()));
    } finally {
      await fresh.close();
    }
  });

  it('serves a data folder the embedded store wrote before (an earlier install\'s .infra/store), and keeps what it is given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'store-server-'));
    try {
      const embedded = await openStore({ dataDir: dir });
      await new SqlDossierNotes(embedded.db).keep({ id: 'n1', dossierCode: 'X-261201-0001', action: 'reject', text: 'Thiếu bản sao giấy khai sinh', authorId: 'officer-1', authorAgency: null });
      await embedded.close();

      const served = await serveEmbeddedStore({ dataDir: dir });
      const store = await openStore({ url: served.url });
      expect((await new SqlDossierNotes(store.db).of('X-261201-0001')).map((n) => [n.id, n.text])).toEqual([['n1', 'Thiếu bản sao giấy khai sinh']]);
      await new SqlDossierNotes(store.db).keep({ id: 'n2', dossierCode: 'X-261201-0001', action: 'reject', text: 'second', authorId: 'officer-1', authorAgency: null });
      await store.close();
      await served.close();

      const again = await openStore({ dataDir: dir });
      expect(await new SqlDossierNotes(again.db).of('X-261201-0001')).toHaveLength(2);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the store server process killed -9', () => {
  const root = join(__dirname, '../../..');
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  });

  /** apps/store-server from its sources, as a process of its own; resolves once it is ready. */
  async function startServer(dir: string, port: number): Promise<ChildProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'apps/store-server/src/main.ts')], {
      cwd: root,
      env: { ...process.env, STORE_DIR: dir, STORE_PORT: String(port) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    children.push(child);
    let log = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr!.on('data', (c) => {
        log += c;
        if (log.includes('"msg":"store server ready"')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`the store server exited (${code}): ${log}`)));
    });
    return child;
  }

  it('keeps every committed transaction and none of the one it was in', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'store-server-kill-'));
    const port = await new Promise<number>((resolve) => {
      const free = createServer().listen(0, '127.0.0.1', () => {
        const { port } = free.address() as { port: number };
        free.close(() => resolve(port));
      });
    });
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    try {
      let server = await startServer(dir, port);
      const a = new Client({ connectionString: url });
      a.on('error', () => undefined);
      await a.connect();
      await a.query('create table kill_probe (n int)');
      for (let i = 0; i < 50; i++) await a.query('insert into kill_probe values ($1)', [i]);
      await a.query('begin');
      await a.query('insert into kill_probe values ($1)', [999]);
      server.kill('SIGKILL');
      await new Promise((r) => server.once('exit', r));

      server = await startServer(dir, port);
      const b = new Client({ connectionString: url });
      await b.connect();
      const r = await b.query<{ n: string; late: string }>('select count(*) as n, count(*) filter (where n = 999) as late from kill_probe');
      expect(r.rows[0]).toEqual({ n: '50', late: '0' });
      await b.end();
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
