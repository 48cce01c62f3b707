import * as path from 'node:path';
import { loadScenario, scenarioFiles } from './load';
import { runScenario, type ScenarioLine } from './runner';
import { startSimulation, type Simulation } from './simulation';
import { differences } from '@motcua/contracts';

/**
 * The conformance suite: every public scenario and every scenario of the project's own
 * (apps/scenarios/scenarios) through the real workflow code, worker and time-skipping Temporal
 * server, compared with its `expect`.
 */
const PUBLIC = path.resolve(__dirname, '../../../../shared/scenarios/public');
const OWN = path.resolve(__dirname, '../scenarios');
const files = scenarioFiles([PUBLIC, OWN]);

describe('scenarios on the time-skipping server', () => {
  let sim: Simulation;
  const results = new Map<string, ScenarioLine>();

  beforeAll(async () => {
    sim = await startSimulation({ publish: false });
    await sim.worker.runUntil(async () => {
      for (const file of files) {
        const loaded = loadScenario(file);
        if ('error' in loaded) throw new Error(`${file}: ${loaded.error}`);
        results.set(file, await runScenario(sim.env.client, sim.env, sim.taskQueue, loaded.scenario));
      }
    });
  });

  afterAll(async () => {
    await sim?.close();
  });

  it('has scenarios to run', () => expect(files.length).toBeGreaterThanOrEqual(20));

  it.each(files.map((f) => [path.basename(f), f]))('%s matches its expectation', (_name, file) => {
    const line = results.get(file)!;
    if ('error' in line) throw new Error(line.error);
    const loaded = loadScenario(file);
    if ('error' in loaded) throw new Error(loaded.error);
    expect(differences(line.actual, loaded.scenario.expect as Record<string, unknown>)).toEqual([]);
  });
});
