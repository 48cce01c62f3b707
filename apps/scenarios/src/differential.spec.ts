import { comparable } from '@motcua/contracts';
import { runThroughDomain } from '../../../libs/dossier/src/testing/scenario-harness';
import { runScenario } from './runner';
import { startSimulation, type Simulation } from './simulation';
import { randomScenario } from './testing/random-scenario';

/**
 * Differential check of the workflow shell: random dossier trips (every kind of action, refused
 * ones included, gaps from minutes to days across real holidays) give the same result through
 * the workflow on the time-skipping server as through the domain class alone. What it guards is
 * the plumbing: clock offset, timers firing during skipped time, alerts recorded before later
 * commands, refusals, the as-of query.
 */
const SEEDS = Array.from({ length: 60 }, (_, i) => 1000 + i);

describe('random trips: workflow = domain', () => {
  let sim: Simulation;
  const cases: { seed: number; domain: unknown; workflow: unknown }[] = [];

  beforeAll(async () => {
    sim = await startSimulation({ publish: false });
    await sim.worker.runUntil(async () => {
      for (const seed of SEEDS) {
        const scenario = randomScenario(seed);
        const domain = runThroughDomain(scenario);
        // A trip breaking the README's authoring rules (an action on a timer instant) is skipped.
        if (domain.violations.length) continue;
        const line = await runScenario(sim.env.client, sim.env, sim.taskQueue, scenario);
        cases.push({ seed, domain: comparable(domain.actual), workflow: 'actual' in line ? comparable(line.actual) : line });
      }
    });
  });
  afterAll(async () => {
    await sim?.close();
  });

  it('ran most of the random trips', () => expect(cases.length).toBeGreaterThanOrEqual(SEEDS.length * 0.75));

  it('gives the same deadlines, statuses, outcomes, alerts and refusals', () => {
    const mismatches = cases.filter((c) => JSON.stringify(c.domain) !== JSON.stringify(c.workflow));
    expect(mismatches).toEqual([]);
  });
});
