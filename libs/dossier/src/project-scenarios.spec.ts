import * as fs from 'node:fs';
import * as path from 'node:path';
import { ScenarioSchema, type Scenario } from '@motcua/contracts';
import { comparable, runThroughDomain } from './testing/scenario-harness';

/**
 * The project's own scenarios (apps/scenarios/scenarios, ids M..) through the domain class alone,
 * compared with their hand-computed `expect`. The same files run through the real workflow with
 * `npm run scenarios -- apps/scenarios/scenarios`. Each file must also keep the README's authoring
 * constraints (critical path, no action on a timer instant, no timer armed in the past, 2024–2026).
 */
const DIR = path.resolve(__dirname, '../../../apps/scenarios/scenarios');
const files = fs.existsSync(DIR) ? fs.readdirSync(DIR).filter((f) => f.endsWith('.json')).sort() : [];
const load = (file: string): Scenario => ScenarioSchema.parse(JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')));

describe('project scenarios through the Dossier class', () => {
  it('finds 10–20 project scenarios with unique M ids named after their files', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
    expect(files.length).toBeLessThanOrEqual(20);
    const ids = files.map((f) => load(f).id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [i, f] of files.entries()) {
      expect(ids[i]).toMatch(/^M\d\d-/);
      expect(`${ids[i]}.json`).toBe(f);
    }
  });

  it.each(files)('%s keeps the README constraints', (file) => {
    const scenario = load(file);
    expect(runThroughDomain(scenario).violations).toEqual([]);
    const instants = JSON.stringify(scenario).match(/\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?[+-]\d\d:\d\d/g) ?? [];
    for (const instant of instants) expect(instant.slice(0, 4)).toMatch(/^202[456]$/);
    expect(scenario.description?.length ?? 0).toBeGreaterThan(40);
  });

  it.each(files)('%s matches its hand-computed expectation', (file) => {
    const scenario = load(file);
    const { actual } = runThroughDomain(scenario);
    expect(comparable(actual)).toEqual(comparable(scenario.expect as Record<string, unknown>));
  });
});
