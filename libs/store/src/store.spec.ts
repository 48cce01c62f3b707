import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { Client } from 'pg';
import { serveEmbeddedStore, type EmbeddedStoreServer, MemoryApplicantContacts, MemoryPostalEvents, MIGRATION_NAMES, openStore, SqlApplicantContacts, SqlAuditLog, SqlDossierCodes, SqlDossierNotes, SqlPostalEvents, SqlRequestKeys, type ApplicantContacts, type PostalEvents, type Store } from './index';

/**
 * The store on embedded PGlite; the same suite runs on PostgreSQL when STORE_TEST_DATABASE_URL
 * names one (production's engine): npm test starts one (infra/local/postgres.sh) and requires it, so
 * the suite never passes on one engine alone there.
 */
const postgresUrl = process.env.STORE_TEST_DATABASE_URL;
if (!postgresUrl && process.env.MOTCUA_REQUIRE_INTEGRATION === '1') throw new Error('STORE_TEST_DATABASE_URL is required (npm test sets it)');
// The embedded store as npm start runs it: one PGlite served to the apps over the PostgreSQL protocol.
let served: EmbeddedStoreServer | undefined;
beforeAll(async () => {
  served = await serveEmbeddedStore();
});
afterAll(() => served?.close());
const engines: [string, () => { url?: string; dataDir?: string }][] = [
  ['pglite', () => ({})],
  ['pglite served', () => ({ url: served!.url })],
];
if (postgresUrl) engines.push(['postgres', () => ({ url: postgresUrl })]);

describe.each(engines)('operational store on %s', (_engine, location) => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore(location());
  });
  afterAll(() => store?.close());

  describe('request keys', () => {
    const keys = () => new SqlRequestKeys(store.db);
    const scope = `officer-${Math.random().toString(36).slice(2)}`;

    it('lets the same request through again, with the dossier it registered', async () => {
      expect(await keys().claim(scope, 'k1', 'digest-a')).toEqual({ outcome: 'proceed', dossierCode: null });
      expect(await keys().bindDossier(scope, 'k1', 'U-261201-0001')).toBe('U-261201-0001');
      expect(await keys().claim(scope, 'k1', 'digest-a')).toEqual({ outcome: 'proceed', dossierCode: 'U-261201-0001' });
    });

    it('refuses the key for another request, and keeps the first binding', async () => {
      expect(await keys().claim(scope, 'k1', 'digest-b')).toEqual({ outcome: 'reused' });
      expect(await keys().bindDossier(scope, 'k1', 'U-261202-0007')).toBe('U-261201-0001');
    });

    it('scopes keys to the caller', async () => {
      expect(await keys().claim(`${scope}-other`, 'k1', 'digest-b')).toEqual({ outcome: 'proceed', dossierCode: null });
    });

    it('agrees on one request when first uses race', async () => {
      const claims = await Promise.all(['d1', 'd2', 'd1', 'd2', 'd1'].map((d) => keys().claim(scope, 'race', d)));
      const winners = new Set(claims.map((c, i) => (c.outcome === 'proceed' ? ['d1', 'd2', 'd1', 'd2', 'd1'][i] : null)).filter(Boolean));
      expect(winners.size).toBe(1);
      expect(claims.filter((c) => c.outcome === 'reused')).toHaveLength(winners.has('d1') ? 2 : 3);
    });
  });

  describe('audit log', () => {
    it('appends and finds entries, newest first, by target and actor', async () => {
      const audit = new SqlAuditLog(store.db);
      const target = `A-${Math.random().toString(36).slice(2)}`;
      const entry = { requestId: 'r1', actorId: 'officer-1', role: 'ONE_STOP_OFFICER', agency: 'U', action: 'POST /api/v1/dossiers/{code}/accept', target, outcome: 200, personalData: false };
      await audit.append(entry);
      await audit.append({ ...entry, requestId: 'r2', actorId: 'auditor-1', action: 'GET /api/v1/dossiers/{code}/notes', personalData: true });
      expect((await audit.find({ target, limit: 10 })).map((r) => r.requestId)).toEqual(['r2', 'r1']);
      expect(await audit.find({ target, actorId: 'officer-1', limit: 10 })).toEqual([expect.objectContaining({ ...entry, id: expect.any(String), at: expect.any(String) })]);
    });

    it('numbers entries itself, in order, and refuses a number from outside (generated always as identity)', async () => {
      const audit = new SqlAuditLog(store.db);
      const target = `I-${Math.random().toString(36).slice(2)}`;
      const entry = { requestId: 'i1', actorId: 'officer-1', role: null, agency: null, action: 'GET /x', target, outcome: 200, personalData: false };
      await audit.append(entry);
      await audit.append({ ...entry, requestId: 'i2' });
      const [second, first] = await audit.find({ target, limit: 10 });
      expect(BigInt(second.id)).toBeGreaterThan(BigInt(first.id));
      await expect(
        store.db.insertInto('audit_log').values({ id: '999999999', request_id: 'i3', actor_id: 'x', action: 'GET /x', outcome: 200, personal_data: false }).execute(),
      ).rejects.toThrow(/non-DEFAULT value into column "id"/);
    });

    it('reads a bigint as node-postgres does: a string, exact past 2^53, fit for JSON', async () => {
      const target = `J-${Math.random().toString(36).slice(2)}`;
      await new SqlAuditLog(store.db).append({ requestId: 'j1', actorId: 'x', role: null, agency: null, action: 'GET /x', target, outcome: 200, personalData: false });
      const row = await store.db.selectFrom('audit_log').select('id').where('target', '=', target).executeTakeFirstOrThrow();
      expect(typeof row.id).toBe('string');
      const { rows } = await sql<{ big: string; list: string[] }>`select 9007199254740993::int8 as big, array[1, 9007199254740993]::int8[] as list`.execute(store.db);
      expect(JSON.stringify(rows[0])).toBe('{"big":"9007199254740993","list":["1","9007199254740993"]}');
    });

    it('keeps instants whatever the time zone of the session (timestamptz)', async () => {
      const audit = new SqlAuditLog(store.db);
      const target = `T-${Math.random().toString(36).slice(2)}`;
      const entry = { requestId: 't1', actorId: 'x', role: null, agency: null, action: 'GET /x', target, outcome: 200, personalData: false };
      const before = Date.now();
      // A session in Vietnam time (production's likely server zone; PGlite's is UTC): the default
      // now() and an instant given by the API must be the same instants read back in UTC.
      const read = await store.db.transaction().execute(async (trx) => {
        await sql`set local time zone 'Asia/Ho_Chi_Minh'`.execute(trx);
        await new SqlAuditLog(trx).append(entry);
        await trx.insertInto('audit_log').values({ at: new Date('2026-03-16T17:00:00+07:00'), request_id: 't2', actor_id: 'x', action: 'GET /x', target, outcome: 200, personal_data: false }).execute();
        return new SqlAuditLog(trx).find({ target, limit: 10 });
      });
      expect(read.map((r) => r.requestId)).toEqual(['t2', 't1']);
      expect(read[0].at).toBe('2026-03-16T10:00:00.000Z');
      expect(Date.parse(read[1].at)).toBeGreaterThanOrEqual(before - 1000);
      expect(Date.parse(read[1].at)).toBeLessThanOrEqual(Date.now() + 1000);
      // Bounds given with an offset select by instant: from inclusive, to exclusive.
      expect((await audit.find({ target, from: '2026-03-16T17:00:00+07:00', to: '2026-03-16T10:00:00.001Z', limit: 10 })).map((r) => r.requestId)).toEqual(['t2']);
      expect(await audit.find({ target, from: '2026-03-16T09:00:00Z', to: '2026-03-16T17:00:00+07:00', limit: 10 })).toEqual([]);
    });

    it('refuses to change or remove what it recorded, whoever asks', async () => {
      await new SqlAuditLog(store.db).append({ requestId: 'r3', actorId: 'x', role: null, agency: null, action: 'GET /x', target: null, outcome: 200, personalData: true });
      await expect(sql`update audit_log set outcome = 500`.execute(store.db)).rejects.toThrow(/append-only/);
      await expect(sql`delete from audit_log`.execute(store.db)).rejects.toThrow(/append-only/);
      await expect(sql`truncate audit_log`.execute(store.db)).rejects.toThrow(/append-only/);
    });
  });

  describe('dossier notes', () => {
    it('keeps a note once per id and reads a dossier\'s notes in order', async () => {
      const notes = new SqlDossierNotes(store.db);
      const code = `N-${Math.random().toString(36).slice(2)}`;
      const note = { id: `note:${code}:1`, dossierCode: code, action: 'reject', text: 'Ông Nguyễn Văn A thiếu giấy tờ', authorId: 'officer-1', authorAgency: 'SO_TU_PHAP' };
      await notes.keep(note);
      await notes.keep({ ...note, text: 'a retry must not replace the first text' });
      await notes.keep({ ...note, id: `note:${code}:2`, action: 'stop', text: 'second' });
      const read = await notes.of(code);
      expect(read.map((n) => [n.id, n.text])).toEqual([
        [note.id, note.text],
        [`note:${code}:2`, 'second'],
      ]);
      expect(await notes.of('none')).toEqual([]);
      await notes.discard(`note:${code}:2`);
      expect((await notes.of(code)).map((n) => n.id)).toEqual([note.id]);
    });
  });

  describe('dossier codes', () => {
    const codes = () => new SqlDossierCodes(store.db);
    const unit = `T${Math.random().toString(36).slice(2, 8).toUpperCase()}.00.H42`;

    it('needs a seed first, then hands out distinct numbers to a burst, and the same number to the same key', async () => {
      expect(await codes().allocate(unit, '2026-12-01', 'k0', 9999)).toEqual({ outcome: 'unseeded' });
      await codes().seed(unit, '2026-12-01', 7);
      await codes().seed(unit, '2026-12-01', 0); // already started: nothing
      const keys = Array.from({ length: 30 }, (_, i) => `k${i}`);
      const burst = await Promise.all(keys.map((k) => codes().allocate(unit, '2026-12-01', k, 9999)));
      const numbers = burst.map((a) => (a.outcome === 'allocated' ? a.sequence : -1));
      expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => 8 + i));
      // Retries, also at the same time as each other: each key its number again, nothing burned.
      const again = await Promise.all([...keys, ...keys].map((k) => codes().allocate(unit, '2026-12-01', k, 9999)));
      expect(again.map((a) => (a.outcome === 'allocated' ? a.sequence : -1))).toEqual([...numbers, ...numbers]);
      expect(await codes().allocate(unit, '2026-12-01', 'k-next', 9999)).toEqual({ outcome: 'allocated', sequence: 38 });
    });

    it('keeps each unit-day apart, and refuses a new key once the day is out of numbers (a known key still gets its own)', async () => {
      await codes().seed(unit, '2026-12-02', 0);
      expect(await codes().allocate(unit, '2026-12-02', 'a', 2)).toEqual({ outcome: 'allocated', sequence: 1 });
      expect(await codes().allocate(unit, '2026-12-02', 'b', 2)).toEqual({ outcome: 'allocated', sequence: 2 });
      expect(await codes().allocate(unit, '2026-12-02', 'c', 2)).toEqual({ outcome: 'exhausted' });
      expect(await codes().allocate(unit, '2026-12-02', 'a', 2)).toEqual({ outcome: 'allocated', sequence: 1 });
    });
  });
});

type Ports = { contacts: ApplicantContacts; events: PostalEvents; close(): Promise<void> };
/** The SQL ports on each engine of the suite above (one store each), and their in-memory twins. */
const ports: [string, () => Promise<Ports>][] = [
  ...engines.map(([engine, location]): [string, () => Promise<Ports>] => [
    engine,
    async () => {
      const store = await openStore(location());
      return { contacts: new SqlApplicantContacts(store.db), events: new SqlPostalEvents(store.db), close: () => store.close() };
    },
  ]),
  ['memory', async () => ({ contacts: new MemoryApplicantContacts(), events: new MemoryPostalEvents(), close: async () => undefined })],
];

describe.each(ports)('applicant contacts and postal events (%s)', (_kind, open) => {
  let p: Ports;
  beforeAll(async () => {
    p = await open();
  });
  afterAll(() => p?.close());
  // Unique per run: a PostgreSQL store given by STORE_TEST_DATABASE_URL outlives the suite.
  const uid = () => Math.random().toString(36).slice(2);

  it('keeps the first applicant record of a dossier code, and reads it back', async () => {
    const code = `U-${uid()}`;
    const first = { dossierCode: code, name: 'Nguyễn Văn An', idNumber: '001203004567', phone: '0912 345 678', address: 'Số 1 Tràng Tiền', pickupAddress: null, addressArea: '000.31.25.H26', pickupArea: null };
    await p.contacts.keep(first);
    // A retried intake under the same code must not replace what the first attempt stored.
    await p.contacts.keep({ ...first, name: 'Trần Thị B', pickupAddress: 'Bưu cục Hoàn Kiếm' });
    expect(await p.contacts.of(code)).toEqual({ ...first, createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    expect(await p.contacts.of(`${code}-none`)).toBeNull();
  });

  const t0 = new Date('2026-03-03T02:00:00Z');
  const later = (ms: number) => new Date(t0.getTime() + ms);
  const LEASE = 60_000;

  it('claims a new postal event once; a repeat is in flight, then done with the answer; another body conflicts', async () => {
    const e = `e-${uid()}`;
    expect(await p.events.claim(e, 'd1', 'U-1', t0, LEASE)).toEqual({ outcome: 'claimed' });
    expect(await p.events.claim(e, 'd1', 'U-1', later(1000), LEASE)).toEqual({ outcome: 'in-flight' });
    expect(await p.events.claim(e, 'd2', 'U-1', later(1000), LEASE)).toEqual({ outcome: 'conflict' });
    await p.events.complete(e, 200, { status: 'PICKED_UP' });
    expect(await p.events.claim(e, 'd1', 'U-1', later(10 * LEASE), LEASE)).toEqual({ outcome: 'done', status: 200, answer: { status: 'PICKED_UP' } });
    expect(await p.events.claim(e, 'd2', 'U-1', later(10 * LEASE), LEASE)).toEqual({ outcome: 'conflict' });
    // Released only while unanswered: an answered event stays answered.
    await p.events.release(e);
    expect((await p.events.claim(e, 'd1', 'U-1', later(10 * LEASE), LEASE)).outcome).toBe('done');
  });

  it('forgets a released claim, and takes over one whose lease expired (once)', async () => {
    const e = `e-${uid()}`;
    await p.events.claim(e, 'd1', 'U-1', t0, LEASE);
    await p.events.release(e);
    expect(await p.events.claim(e, 'd-other', 'U-1', later(1), LEASE)).toEqual({ outcome: 'claimed' });
    const takeovers = await Promise.all([1, 2, 3].map(() => p.events.claim(e, 'd-other', 'U-1', later(LEASE + 10), LEASE)));
    expect(takeovers.map((c) => c.outcome).sort()).toEqual(['claimed', 'in-flight', 'in-flight']);
  });

  it('agrees on one first delivery when deliveries race', async () => {
    const e = `e-${uid()}`;
    const claims = await Promise.all([1, 2, 3, 4].map(() => p.events.claim(e, 'd1', 'U-1', t0, LEASE)));
    expect(claims.filter((c) => c.outcome === 'claimed')).toHaveLength(1);
  });
});

(postgresUrl ? describe : describe.skip)('on PostgreSQL only', () => {
  let admin: Client;
  beforeAll(async () => {
    admin = new Client({ connectionString: postgresUrl });
    await admin.connect();
  });
  afterAll(() => admin?.end());

  // Several API replicas start at once against one PostgreSQL, each migrating at start: Kysely's
  // Migrator serializes them with an advisory lock, and the later ones find nothing left to do.
  it('applies each migration once when two stores open an empty database at the same time', async () => {
    const name = `motcua_migrate_${process.pid}_${Date.now()}`;
    await admin.query(`create database ${name}`);
    try {
      const url = new URL(postgresUrl!);
      url.pathname = `/${name}`;
      const opened = await Promise.allSettled([openStore({ url: url.href }), openStore({ url: url.href })]);
      const stores = opened.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      try {
        expect(opened.map((r) => (r.status === 'fulfilled' ? 'opened' : String(r.reason)))).toEqual(['opened', 'opened']);
        const applied = await stores[1].db.selectFrom('kysely_migration' as never).select('name' as never).orderBy('name' as never).execute();
        expect(applied.map((r) => (r as { name: string }).name)).toEqual(MIGRATION_NAMES);
        // The schema both see is whole: the append-only trigger, made once, refuses a change.
        await new SqlAuditLog(stores[0].db).append({ requestId: 'm1', actorId: 'x', role: null, agency: null, action: 'GET /x', target: null, outcome: 200, personalData: false });
        await expect(sql`delete from audit_log`.execute(stores[1].db)).rejects.toThrow(/append-only/);
      } finally {
        await Promise.all(stores.map((s) => s.close()));
      }
    } finally {
      // Without force: it waits (up to 5 s) for the sessions the stores are still closing.
      await admin.query(`drop database ${name}`);
    }
  });

  // A restart, a failover or an administrator ends the server side of a pooled connection while it
  // is idle: the store must report it and go on with a new connection, not end the process.
  it('outlives the server ending one of its idle connections', async () => {
    const errors: Error[] = [];
    const store = await openStore({ url: postgresUrl }, { onConnectionError: (e) => errors.push(e) });
    try {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(store.db);
      await admin.query('select pg_terminate_backend($1)', [rows[0].pid]);
      for (let i = 0; i < 100 && errors.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/terminating connection due to administrator command/)]);
      expect((await sql<{ one: number }>`select 1 as one`.execute(store.db)).rows).toEqual([{ one: 1 }]);
    } finally {
      await store.close();
    }
  });
});

describe('embedded store on disk', () => {
  it('applies a migration numbered before one the store already took (0008 after 0010)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-store-'));
    try {
      let store = await openStore({ dataDir: dir });
      // The store as a line without 0008 left it: 0010 taken, no notifications, no e-mail.
      await sql`delete from kysely_migration where name = '0008-notifications'`.execute(store.db);
      await sql`drop table notifications`.execute(store.db);
      await sql`alter table applicant_contacts drop column email`.execute(store.db);
      await store.close();
      store = await openStore({ dataDir: dir });
      const applied = await store.db.selectFrom('kysely_migration' as never).select('name' as never).execute();
      expect(applied.map((r) => (r as { name: string }).name).sort()).toEqual(MIGRATION_NAMES);
      await new SqlApplicantContacts(store.db).keep({ dossierCode: 'C1', name: 'A', idNumber: '012345678901', phone: '0912345678', address: null, pickupAddress: null, email: 'a@example.com' });
      expect(await new SqlApplicantContacts(store.db).of('C1')).toMatchObject({ email: 'a@example.com' });
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps data and applies each migration once across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-store-'));
    try {
      let store = await openStore({ dataDir: dir });
      await new SqlRequestKeys(store.db).claim('s', 'k', 'd');
      await store.close();
      store = await openStore({ dataDir: dir });
      expect(await new SqlRequestKeys(store.db).claim('s', 'k', 'other')).toEqual({ outcome: 'reused' });
      const applied = await store.db.selectFrom('kysely_migration' as never).select('name' as never).execute();
      expect(applied.map((r) => (r as { name: string }).name)).toEqual(MIGRATION_NAMES);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
