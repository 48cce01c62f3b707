import * as fs from 'node:fs';
import * as path from 'node:path';
import { ScenarioSchema } from '@motcua/contracts';
import { comparable, runThroughDomain } from './testing/scenario-harness';

/**
 * The example scenarios run through the domain class alone, with time advanced by hand: a fast
 * check of the rules. They are in the repository (apps/scenarios/scenarios/examples); when the
 * client's ../shared/scenarios/public sits beside the clone, its scenarios run too, an id found in
 * both once (../shared's text of it). The same files also run through the real workflow on the
 * time-skipping server (apps/scenarios), which is the conformance suite.
 */
const IN_REPO = path.resolve(__dirname, '../../../apps/scenarios/scenarios/examples');
const SHARED = path.resolve(__dirname, '../../../../shared/scenarios/public');

const byId = new Map<string, string>();
for (const dir of [SHARED, IN_REPO].filter((d) => fs.existsSync(d))) {
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const { id } = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { id: string };
    if (!byId.has(id)) byId.set(id, path.join(dir, file));
  }
}
const cases = [...byId.entries()];

describe('example scenarios through the Dossier class', () => {
  it('finds the nine examples in the repository, and every scenario of ../shared when present', () => {
    const inRepo = fs.readdirSync(IN_REPO).filter((f) => f.endsWith('.json'));
    expect(inRepo).toHaveLength(9);
    for (const file of inRepo) expect(byId.has(path.basename(file, '.json'))).toBe(true);
    const shared = fs.existsSync(SHARED) ? fs.readdirSync(SHARED).filter((f) => f.endsWith('.json')) : [];
    for (const file of shared) expect([...byId.values()]).toContain(path.join(SHARED, file));
  });

  it.each(cases)('%s', (_id, file) => {
    const scenario = ScenarioSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
    const { actual } = runThroughDomain(scenario);
    expect(comparable(actual)).toEqual(comparable(scenario.expect as Record<string, unknown>));
  });
});
