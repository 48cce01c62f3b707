import * as fs from 'node:fs';
import * as path from 'node:path';
import { ScenarioSchema } from '@motcua/contracts';
import { comparable, runThroughDomain } from './testing/scenario-harness';

/**
 * The public scenarios run through the domain class alone, with time advanced by hand: a fast
 * check of the rules. The same files also run through the real workflow on the time-skipping
 * server (apps/scenarios), which is the conformance suite.
 */
const DIR = path.resolve(__dirname, '../../../../shared/scenarios/public');
const files = fs.existsSync(DIR) ? fs.readdirSync(DIR).filter((f) => f.endsWith('.json')) : [];

describe('public scenarios through the Dossier class', () => {
  it('finds the public scenarios', () => expect(files.length).toBeGreaterThan(0));

  it.each(files)('%s', (file) => {
    const scenario = ScenarioSchema.parse(JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')));
    const { actual } = runThroughDomain(scenario);
    expect(comparable(actual)).toEqual(comparable(scenario.expect as Record<string, unknown>));
  });
});
