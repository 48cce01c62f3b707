import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { Client } from 'pg';
import { circular01, decision766, ii06a, isPeriod, parsePeriod } from '@motcua/reports';
import { backfillReportTimes, openStore, SqlReportSource, type Store } from '@motcua/store';
import { foldBatch } from '../../../projector/src/projection/fold';
import { messageOf, scenarioLogs } from '../../../projector/src/testing/scenario-events';

/**
 * The reports' rows (SqlReportSource) read the same on the embedded store and on PostgreSQL, the
 * production engine (STORE_TEST_DATABASE_URL, set by npm test; in a database of this run's own,
 * dropped after), from the projector's fold and from migration 0010's backfill alike.
 */
const postgresUrl = process.env.STORE_TEST_DATABASE_URL;
const p = parsePeriod('2024-01-01', '2026-12-31');
if (!isPeriod(p)) throw new Error(p.message);
const period = p;
const messages = scenarioLogs()
  .flatMap((l) => l.events)
  .map((r, i) => ({ offset: String(i), value: messageOf(r) }));

async function folded(store: Store) {
  await foldBatch(store.db, { group: 'g', topic: 't', partition: 0, messages });
  return new SqlReportSource(store.db).dossiersFor(period);
}

let lite: Store;
beforeAll(async () => {
  lite = await openStore({});
});
afterAll(() => lite?.close());

it('the backfill of rows folded before migration 0010 gives the same report rows as the fold', async () => {
  const rows = await folded(lite);
  expect(rows.length).toBeGreaterThanOrEqual(20);
  await sql`update rm_dossiers set clock_started_at = null, withdrawn_at = null, stopped_at = null, intake_refused_at = null, lead_agency = null, field = null`.execute(lite.db);
  await sql`truncate rm_v1.rm_appointments`.execute(lite.db);
  await backfillReportTimes(lite.db);
  expect(await new SqlReportSource(lite.db).dossiersFor(period)).toEqual(rows);
});

(postgresUrl ? it : it.skip)('PostgreSQL gives the same rows and the same reports, folded and backfilled', async () => {
  const name = `motcua_reports_${randomUUID().replace(/-/g, '')}`;
  const admin = new Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(postgresUrl!);
  url.pathname = `/${name}`;
  const pg = await openStore({ url: url.toString() });
  try {
    const want = await new SqlReportSource(lite.db).dossiersFor(period);
    const rows = await folded(pg);
    expect(rows).toEqual(want);
    await sql`update rm_dossiers set clock_started_at = null, lead_agency = null`.execute(pg.db);
    await sql`truncate rm_v1.rm_appointments`.execute(pg.db);
    await backfillReportTimes(pg.db);
    const again = await new SqlReportSource(pg.db).dossiersFor(period);
    expect(again).toEqual(want);
    expect([ii06a(again, period), decision766(again, period), circular01(again, period)]).toEqual([ii06a(want, period), decision766(want, period), circular01(want, period)]);
  } finally {
    await pg.close();
    await admin.query(`drop database ${name}`);
    await admin.end();
  }
});
