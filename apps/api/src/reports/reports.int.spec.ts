import { randomUUID } from 'node:crypto';
import { brokersFromEnv, KafkaSubscriber } from '@motcua/event-bus';
import { openStore, SqlReportSource, type Store } from '@motcua/store';
// The scenario runner's publishing path (npm run scenarios -- --publish) and the projector, in
// this process: the runner drives the real dossier workflow on a time-skipping server and its
// worker publishes to the broker; the projector folds from the broker into the store the API reads.
import { loadScenario, scenarioFiles } from '../../../scenarios/src/load';
import { runScenario } from '../../../scenarios/src/runner';
import { startSimulation, type Simulation } from '../../../scenarios/src/simulation';
import { Projector } from '../../../projector/src/projector';
import { InMemoryDossierGateway } from '../testing/in-memory-dossier-gateway';
import { startTestApp, type TestApp } from '../testing/start-test-app';
import { people } from '../testing/test-tokens';
import { expectFormatsAgree, expectIi06aEqualsCount, FORMAT_PERIODS, PERIODS } from './testing/ii06a-comparison';
import { expectedDossiers, SCENARIO_ROOT } from './testing/scenario-count';

/**
 * Item 5 on real servers: every scenario file published to dossier.events by the scenario runner,
 * the projector catching up from the broker, then GET /api/v1/reports/ii06a for every period of
 * PERIODS equal to the count computed independently from the scenario files, every invariant
 * holding; JSON, CSV and XLSX agree. Needs KAFKA_BROKERS and TEMPORAL_TEST_SERVER (npm test).
 */
const enabled = Boolean(process.env.KAFKA_BROKERS && process.env.TEMPORAL_TEST_SERVER);
if (!enabled && process.env.MOTCUA_REQUIRE_INTEGRATION === '1') throw new Error('KAFKA_BROKERS and TEMPORAL_TEST_SERVER are required (npm test sets them)');

const expected = expectedDossiers();
const files = enabled ? scenarioFiles([SCENARIO_ROOT]) : [];

(enabled ? describe : describe.skip)('reports of a published history', () => {
  let sim: Simulation;
  let store: Store;
  let projector: Projector;
  let t: TestApp;
  const topic = `reports-it-${randomUUID()}`;

  beforeAll(async () => {
    // A topic of its own: the other suites of the run publish real dossiers to dossier.events, which
    // the scenarios' independent count knows nothing of.
    sim = await startSimulation({ publish: true, topic });
    const failed: string[] = [];
    await sim.worker.runUntil(async () => {
      for (const file of files) {
        const loaded = loadScenario(file);
        if ('error' in loaded) throw new Error(loaded.error);
        const line = await runScenario(sim.env.client, sim.env, sim.taskQueue, loaded.scenario);
        if ('error' in line) failed.push(`${line.id}: ${line.error}`);
      }
    });
    expect(failed).toEqual([]);
    store = await openStore({});
    // A group of its own, from the topic's beginning: the store holds no offset yet.
    projector = new Projector({ db: store.db, subscriber: new KafkaSubscriber({ brokers: brokersFromEnv(), clientId: 'reports-it' }), topic, group: `reports-it-${randomUUID()}` });
    await projector.start();
    // Caught up: every scenario's dossier is folded to the status its file expects (the broker
    // may hold earlier runs' events of the same dossiers: the same codes, skipped as duplicates).
    const want = expected.map((d) => d.status).sort();
    const deadline = Date.now() + 120_000;
    for (;;) {
      const rows = await store.db.selectFrom('rm_dossiers').select('status').where('code', 'like', 'SIM.%').execute();
      if (JSON.stringify(rows.map((r) => r.status).sort()) === JSON.stringify(want)) break;
      if (Date.now() > deadline) throw new Error(`the projector did not catch up: ${rows.length} of ${want.length} dossiers`);
      await new Promise((r) => setTimeout(r, 250));
    }
    t = await startTestApp({ gateway: new InMemoryDossierGateway(), reports: new SqlReportSource(store.db) }, { caller: people.operations() });
  }, 600_000);
  afterAll(async () => {
    await t?.close();
    await projector?.stop();
    await store?.close();
    await sim?.close();
  });

  it(`II.06a equals the independent count for ${PERIODS.length} periods, every invariant holding`, async () => {
    expect(projector.totals).toMatchObject({ gaps: 0, refused: 0 });
    expect(await expectIi06aEqualsCount(t, expected)).toBeGreaterThan(PERIODS.length / 3);
  });

  it.each(FORMAT_PERIODS)('JSON, CSV and XLSX agree: %s', async (_name, from, to) => {
    await expectFormatsAgree(t, from, to);
  });
});
