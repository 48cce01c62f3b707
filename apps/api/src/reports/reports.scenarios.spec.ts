import { openStore, SqlReportSource, type Store } from '@motcua/store';
// The projector's own fold and its scenario logs (the worker's CloudEvents of every scenario file,
// from the domain harness): the API and the projector share one store here.
import { foldBatch } from '../../../projector/src/projection/fold';
import { messageOf, scenarioLogs } from '../../../projector/src/testing/scenario-events';
import { InMemoryDossierGateway } from '../testing/in-memory-dossier-gateway';
import { startTestApp, type TestApp } from '../testing/start-test-app';
import { people } from '../testing/test-tokens';
import { expectFormatsAgree, expectIi06aEqualsCount, FORMAT_PERIODS, PERIODS } from './testing/ii06a-comparison';
import { countIi06a, expectedDossiers } from './testing/scenario-count';

/**
 * Item 5's check, in process: every scenario file's events folded by the projector into one
 * embedded store, the API reading its reports from that store, and Form II.06a for every month,
 * quarter, half, 9 months and year of the scenarios, and day ranges, equal to the count computed
 * independently from the scenario files (testing/scenario-count.ts); every invariant holds; JSON,
 * CSV and XLSX agree. reports.int.spec.ts does the same with the scenario runner publishing
 * through Kafka and the projector consuming.
 */
let store: Store;
let t: TestApp;
const logs = scenarioLogs();
const expected = expectedDossiers();

beforeAll(async () => {
  store = await openStore({});
  const messages = logs.flatMap((l) => l.events).map((r, i) => ({ offset: String(i), value: messageOf(r) }));
  const stats = await foldBatch(store.db, { group: 'reports', topic: 'dossier.events', partition: 0, messages });
  expect(stats).toMatchObject({ applied: messages.length, gaps: 0, refused: 0 });
  t = await startTestApp({ gateway: new InMemoryDossierGateway(), reports: new SqlReportSource(store.db) }, { caller: people.operations() });
});
afterAll(async () => {
  await t?.close();
  await store?.close();
});

it('the scenario files and the folded logs are the same dossiers', () => {
  expect(expected.map((d) => d.id).sort()).toEqual(logs.map((l) => l.id).sort());
  expect(expected.length).toBeGreaterThanOrEqual(20);
});

it(`II.06a equals the independent count for ${PERIODS.length} periods (months, quarters, halves, 9 months, years, day ranges), every invariant holding`, async () => {
  // The comparison means something: most periods count dossiers, and every column counts somewhere.
  expect(await expectIi06aEqualsCount(t, expected)).toBeGreaterThan(PERIODS.length / 3);
  const all = countIi06a(expected, '2024-01-01', '2026-12-31').total;
  expect(all).toMatchObject({ refusedAtIntake: 1, withdrawn: 2 });
  for (const n of [all.received.online, all.received.direct, all.received.postal, all.resolved.early, all.resolved.onTime, all.resolved.late, all.inProgress.total, all.apologies, all.supplementRequests, all.intakeSupplementRequests]) {
    expect(n).toBeGreaterThan(0);
  }
  const counts = PERIODS.map(([from, to]) => countIi06a(expected, from, to).total);
  for (const n of [(c: (typeof counts)[number]) => c.received.carriedOver, (c: (typeof counts)[number]) => c.inProgress.overdue, (c: (typeof counts)[number]) => c.inProgress.withinLimit]) {
    expect(counts.some((c) => n(c) > 0)).toBe(true);
  }
});

it.each(FORMAT_PERIODS)('JSON, CSV and XLSX agree: %s', async (_name, from, to) => {
  await expectFormatsAgree(t, from, to);
});
