import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeSources, exampleDirs, oneFilePerId, PROJECT_SCENARIOS_DIR, SHARED_EXAMPLES_DIR } from './examples';
import { loadScenario, scenarioFiles } from './load';
import { runScenario, type ScenarioLine } from './runner';
import { startSimulation, type Simulation } from './simulation';
import { differences } from '@motcua/contracts';

/**
 * The conformance suite: every example scenario (apps/scenarios/scenarios/examples, and
 * ../shared/scenarios/public when that folder exists beside the clone) and every scenario of the
 * project's own (apps/scenarios/scenarios) through the real workflow code, worker and
 * time-skipping Temporal server, compared with its `expect`. A scenario id runs once.
 */
const { files, duplicates } = oneFilePerId(scenarioFiles([...exampleDirs(), PROJECT_SCENARIOS_DIR]));
process.stderr.write(`conformance scenarios: ${describeSources(files, duplicates)}\n`);
const idOf = (file: string) => (JSON.parse(fs.readFileSync(file, 'utf8')) as { id: string }).id;
const label = (file: string) => path.relative(path.resolve(PROJECT_SCENARIOS_DIR, '../../..'), file);

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

  it('has scenarios to run: the 9 examples and the project\'s own, each id once', () => {
    expect(files.length).toBeGreaterThanOrEqual(23);
    const ids = files.map(idOf);
    expect(new Set(ids).size).toBe(ids.length);
    for (let n = 1; n <= 9; n++) expect(ids.some((id) => id.startsWith(`P0${n}-`))).toBe(true);
  });

  it('runs every scenario of ../shared/scenarios/public too, when that folder exists', () => {
    const shared = fs.existsSync(SHARED_EXAMPLES_DIR) ? scenarioFiles([SHARED_EXAMPLES_DIR]) : [];
    const run = new Set(files.map(idOf));
    expect(shared.map(idOf).filter((id) => !run.has(id))).toEqual([]);
    for (const file of shared) expect(files).toContain(file);
  });

  it.each(files.map((f) => [label(f), f]))('%s matches its expectation', (_name, file) => {
    const line = results.get(file)!;
    if ('error' in line) throw new Error(line.error);
    const loaded = loadScenario(file);
    if ('error' in loaded) throw new Error(loaded.error);
    expect(differences(line.actual, loaded.scenario.expect as Record<string, unknown>)).toEqual([]);
  });
});
