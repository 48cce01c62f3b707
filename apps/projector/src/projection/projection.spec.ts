import { backfillReportTimes, openStore, type Store } from '@motcua/store';
import { DOSSIER_EVENT_TYPES } from '@motcua/contracts';
import { Dossier, type RecordedEvent } from '@motcua/dossier';
import { calendarFor } from '@motcua/calendar';
import { sql } from 'kysely';
import { domainAnswer, domainHandoffs, dumpReadModel, messageOf, readModelAnswer, readModelHandoffs, scenarioLogs, type ScenarioLog } from '../testing/scenario-events';
import { applyChanges } from './apply';
import { foldBatch, type FoldMessage } from './fold';
import { changesOf, HANDLED_TYPES } from './projection';

/**
 * The projection against the domain's own fold, over every scenario file, on the embedded store
 * (the same SQL as PostgreSQL). Each test starts from empty tables.
 */
const logs: ScenarioLog[] = scenarioLogs();
let store: Store;
let nextOffset = 0;

/** Messages of consecutive offsets on one partition, as the bus would deliver them. */
const messages = (events: readonly RecordedEvent[]): FoldMessage[] => events.map((r) => ({ offset: String(nextOffset++), value: messageOf(r) }));
const fold = (events: readonly RecordedEvent[], partition = 0) => foldBatch(store.db, { group: 'g', topic: 't', partition, messages: messages(events) });

beforeAll(async () => {
  store = await openStore({});
});
afterAll(() => store?.close());
beforeEach(async () => {
  nextOffset = 0;
  // The rm_* names are views of the current version (rm_v1 here): its tables are emptied.
  await sql`truncate rm_v1.rm_dossiers, rm_v1.rm_stage_members, rm_v1.rm_alerts, rm_v1.rm_apologies, rm_v1.rm_supplement_requests, rm_v1.rm_appointments, rm_v1.rm_handoffs, rm_v1.rm_postal_legs, event_archive, projector_offsets, projector_gaps, projector_refused`.execute(store.db);
});

it('declares every event type of the contract', () => {
  expect([...HANDLED_TYPES].sort()).toEqual([...DOSSIER_EVENT_TYPES].sort());
});

it('has handoffs and results handed to the post among them (postal orders and pickups: postal-legs.spec.ts)', () => {
  const types = new Set(logs.flatMap((l) => l.events.map((r) => r.event.type)));
  for (const t of ['DossierHandedOff', 'ResultHandedToPost', 'DeliveryAttemptFailed']) expect(types).toContain(t);
});

it('runs over 20 scenarios, with alerts, apologies, supplements and rejections among them', () => {
  expect(logs.length).toBeGreaterThanOrEqual(20);
  const types = new Set(logs.flatMap((l) => l.events.map((r) => r.event.type)));
  for (const t of ['AlertRaised', 'ApologyIssued', 'SupplementRequested', 'SupplementReceived', 'DossierRejected', 'IntakeSupplementRequested']) expect(types).toContain(t);
});

describe.each(logs.map((l) => [l.id, l] as const))('%s', (_id, log) => {
  it('folds into the rows the domain says', async () => {
    const stats = await fold(log.events);
    expect(stats).toEqual({ applied: log.events.length, duplicates: 0, gaps: 0, refused: 0 });
    expect(await readModelAnswer(store.db, log.code)).toEqual(domainAnswer(log.state));
    expect(await readModelHandoffs(store.db, log.code)).toEqual(domainHandoffs(log));
  });

  it('agrees after every prefix of its log (each event folded in a batch of its own)', async () => {
    for (let n = 1; n <= log.events.length; n++) {
      await fold([log.events[n - 1]]);
      // The domain's fold of the same prefix.
      const prefix = Dossier.fromLog(calendarFor, log.events.slice(0, n));
      expect(await readModelAnswer(store.db, log.code)).toEqual(domainAnswer(prefix.state));
    }
  });
});

it('migration 0010\'s backfill from the archive gives the report columns the fold gives', async () => {
  await fold(logs.flatMap((l) => l.events));
  const folded = await dumpReadModel(store.db);
  await sql`update rm_dossiers set clock_started_at = null, withdrawn_at = null, stopped_at = null, intake_refused_at = null, lead_agency = null, field = null`.execute(store.db);
  await sql`truncate rm_v1.rm_appointments`.execute(store.db);
  await backfillReportTimes(store.db);
  expect(await dumpReadModel(store.db)).toEqual(folded);
  expect(folded.appointments.length).toBeGreaterThan(logs.length);
  // No scenario stops a dossier: stopped_at is the same statement as withdrawn_at's.
  for (const t of ['withdrawn_at', 'intake_refused_at', 'clock_started_at', 'lead_agency'] as const) expect(folded.dossiers.some((d) => d[t] !== null)).toBe(true);
});

describe('replaying', () => {
  it('the changes of every event twice, without the guard, leaves the tables as once', async () => {
    const all = logs.flatMap((l) => l.events);
    for (const r of all) await applyChanges(store.db, changesOf(r));
    const once = await dumpReadModel(store.db);
    for (const r of all) await applyChanges(store.db, changesOf(r));
    expect(await dumpReadModel(store.db)).toEqual(once);
    expect(once.dossiers).toHaveLength(logs.length);
    // Not vacuous: the scenarios hand dossiers over, finish parts against their deadlines and use the post.
    expect(once.handoffs.some((h) => h.to_member === null && h.outcome !== null)).toBe(true);
    expect(once.handoffs.some((h) => h.to_member !== null && h.outcome !== null)).toBe(true);
    expect(once.postalLegs.some((l) => l.taken_at !== null && l.ended_at !== null)).toBe(true);
  });

  it('the same events again (new offsets) are counted as duplicates and change nothing', async () => {
    const all = logs.flatMap((l) => l.events);
    await fold(all);
    const once = await dumpReadModel(store.db);
    expect(await fold(all)).toEqual({ applied: 0, duplicates: all.length, gaps: 0, refused: 0 });
    expect(await dumpReadModel(store.db)).toEqual(once);
  });

  it('a batch at offsets already stored is skipped whole (a re-delivery after a crash)', async () => {
    const [log] = logs;
    const batch = { group: 'g', topic: 't', partition: 0, messages: messages(log.events) };
    await foldBatch(store.db, batch);
    const once = await dumpReadModel(store.db);
    expect(await foldBatch(store.db, batch)).toEqual({ applied: 0, duplicates: 0, gaps: 0, refused: 0 });
    expect(await dumpReadModel(store.db)).toEqual(once);
    const offset = await store.db.selectFrom('projector_offsets').select('next_offset').executeTakeFirstOrThrow();
    expect(String(offset.next_offset)).toBe(String(log.events.length));
  });
});

describe('gaps and order', () => {
  const long = () => logs.reduce((a, b) => (b.events.length > a.events.length ? b : a));

  it('holds a dossier at a gap, records it, and folds the held events when the missing one arrives', async () => {
    const log = long();
    const [e1, e2, e3, ...rest] = log.events;
    expect(await fold([e1, e2, ...rest])).toEqual({ applied: 2, duplicates: 0, gaps: 1, refused: 0 });
    const held = await readModelAnswer(store.db, log.code);
    expect(held.sequence).toBe(2);
    const gaps = await store.db.selectFrom('projector_gaps').selectAll().execute();
    expect(gaps.map((g) => [g.code, g.expected, g.got, g.resolved_at])).toEqual([[log.code, 3, 4, null]]);

    expect(await fold([e3])).toEqual({ applied: 1 + rest.length, duplicates: 0, gaps: 0, refused: 0 });
    expect(await readModelAnswer(store.db, log.code)).toEqual(domainAnswer(log.state));
    const resolved = await store.db.selectFrom('projector_gaps').select('resolved_at').executeTakeFirstOrThrow();
    expect(resolved.resolved_at).toBeInstanceOf(Date);
  });

  it('two holes: filling the first folds up to the second, which stays an open gap until filled', async () => {
    const log = long();
    const [e1, e2, e3, e4, e5, ...rest] = log.events;
    expect(await fold([e1, e3, e5, ...rest])).toEqual({ applied: 1, duplicates: 0, gaps: 1, refused: 0 });
    expect(await fold([e2])).toEqual({ applied: 2, duplicates: 0, gaps: 1, refused: 0 });
    expect((await readModelAnswer(store.db, log.code)).sequence).toBe(3);
    const open = await store.db.selectFrom('projector_gaps').select(['expected', 'got']).where('resolved_at', 'is', null).execute();
    expect(open).toEqual([{ expected: 4, got: 5 }]);
    expect(await fold([e4])).toEqual({ applied: 2 + rest.length, duplicates: 0, gaps: 0, refused: 0 });
    expect(await readModelAnswer(store.db, log.code)).toEqual(domainAnswer(log.state));
    expect(await store.db.selectFrom('projector_gaps').select('got').where('resolved_at', 'is', null).execute()).toEqual([]);
  });

  it('a dossier first seen past its first event is a gap from sequence 1', async () => {
    const log = long();
    expect(await fold(log.events.slice(1))).toEqual({ applied: 0, duplicates: 0, gaps: 1, refused: 0 });
    expect(await store.db.selectFrom('rm_dossiers').selectAll().execute()).toEqual([]);
    expect(await fold(log.events.slice(0, 1))).toMatchObject({ applied: log.events.length, gaps: 0 });
    expect(await readModelAnswer(store.db, log.code)).toEqual(domainAnswer(log.state));
  });

  it('any delivery order, with duplicates, in any batches, ends where the domain is', async () => {
    // A fixed pseudo-random permutation (no clock, no Math.random): the same test every run.
    let seed = 20260101;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const deliveries = logs.flatMap((l) => [...l.events, ...l.events.filter((_, i) => i % 3 === 0)]);
    for (let i = deliveries.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [deliveries[i], deliveries[j]] = [deliveries[j], deliveries[i]];
    }
    const totals = { applied: 0, duplicates: 0, gaps: 0 };
    for (let i = 0; i < deliveries.length; i += 7) {
      const s = await fold(deliveries.slice(i, i + 7));
      totals.applied += s.applied;
      totals.duplicates += s.duplicates;
      totals.gaps += s.gaps;
    }
    const events = logs.reduce((n, l) => n + l.events.length, 0);
    expect(totals.applied).toBe(events);
    expect(totals.duplicates).toBe(deliveries.length - events);
    expect(totals.gaps).toBeGreaterThan(0);
    for (const log of logs) expect(await readModelAnswer(store.db, log.code)).toEqual(domainAnswer(log.state));
    const open = await store.db.selectFrom('projector_gaps').select('code').where('resolved_at', 'is', null).execute();
    expect(open).toEqual([]);
  });

  it('keeps a message fromCloudEvent refuses, and goes on past it', async () => {
    const [log] = logs;
    const batch = {
      group: 'g',
      topic: 't',
      partition: 0,
      messages: [{ offset: '0', value: '{"type":"vn.motcua.dossier.Nonsense"}' }, ...log.events.map((r, i) => ({ offset: String(i + 1), value: messageOf(r) }))],
    };
    expect(await foldBatch(store.db, batch)).toEqual({ applied: log.events.length, duplicates: 0, gaps: 0, refused: 1 });
    const refused = await store.db.selectFrom('projector_refused').selectAll().execute();
    expect(refused.map((r) => [String(r.offset), r.reason])).toEqual([['0', expect.stringMatching(/unknown event type/)]]);
  });

  it('archives each event once, exactly as received', async () => {
    const [log] = logs;
    await fold([...log.events, ...log.events]);
    const archive = await store.db.selectFrom('event_archive').selectAll().orderBy('sequence').execute();
    expect(archive.map((a) => a.cloud_event)).toEqual(log.events.map(messageOf));
    expect(archive.map((a) => a.id)).toEqual(log.events.map((r) => r.id));
  });
});
