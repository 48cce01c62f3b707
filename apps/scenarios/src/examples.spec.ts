import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeSources, EXAMPLES_DIR, exampleDirs, oneFilePerId } from './examples';
import { scenarioFiles } from './load';

/**
 * The example scenarios are in the repository, so a clone runs them with nothing beside it; a
 * ../shared/scenarios/public folder, when present, adds its scenarios, each id running once.
 */
describe('the example scenarios in the repository', () => {
  const files = fs.readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.json')).sort();

  it('are the nine client examples P01–P09, each file named after its id', () => {
    expect(files).toHaveLength(9);
    for (const [i, file] of files.entries()) {
      const { id, expect: expected } = JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'));
      expect(id).toMatch(new RegExp(`^P0${i + 1}-`));
      expect(`${id}.json`).toBe(file);
      expect(expected).toBeDefined();
    }
  });
});

describe('scenario sources: ../shared when present, one file per id', () => {
  let root: string;
  let shared: string;
  let inRepo: string;
  const scenario = (id: string, description = 'x') => JSON.stringify({ id, description, procedure: {}, actions: [] });
  const write = (dir: string, name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-sources-'));
    shared = path.join(root, 'shared', 'scenarios', 'public');
    inRepo = path.join(root, 'repo', 'examples');
    fs.mkdirSync(inRepo, { recursive: true });
    write(inRepo, 'P01.json', scenario('P01'));
    write(inRepo, 'P02.json', scenario('P02'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('without ../shared: only the repository\'s examples', () => {
    expect(exampleDirs(shared, inRepo)).toEqual([inRepo]);
    const { files, duplicates } = oneFilePerId(scenarioFiles(exampleDirs(shared, inRepo)));
    expect(files.map((f) => path.basename(f))).toEqual(['P01.json', 'P02.json']);
    expect(duplicates).toEqual([]);
    expect(describeSources(files, duplicates, shared)).toMatch(/in-repository examples only/);
  });

  it('with ../shared: its scenarios run too, an id in both runs once (from ../shared), one only there still runs', () => {
    fs.mkdirSync(shared, { recursive: true });
    write(shared, 'P01.json', scenario('P01', 'the client changed it'));
    write(shared, 'P99-only-in-shared.json', scenario('P99'));
    expect(exampleDirs(shared, inRepo)).toEqual([shared, inRepo]);

    const { files, duplicates } = oneFilePerId(scenarioFiles(exampleDirs(shared, inRepo)));
    expect(files).toEqual([path.join(shared, 'P01.json'), path.join(shared, 'P99-only-in-shared.json'), path.join(inRepo, 'P02.json')]);
    expect(duplicates).toEqual([{ file: path.join(inRepo, 'P01.json'), id: 'P01', kept: path.join(shared, 'P01.json'), identical: false }]);
    expect(describeSources(files, duplicates, shared)).toBe(
      `3 scenario file(s); 2 from ${shared}; 1 duplicate id(s) run once; in-repository copies that differ from ../shared: P01`,
    );
  });

  it('tells identical copies from differing ones, by content and not by formatting', () => {
    fs.mkdirSync(shared, { recursive: true });
    write(shared, 'P02.json', JSON.stringify(JSON.parse(scenario('P02')), null, 2));
    expect(oneFilePerId(scenarioFiles([shared, inRepo])).duplicates).toEqual([
      { file: path.join(inRepo, 'P02.json'), id: 'P02', kept: path.join(shared, 'P02.json'), identical: true },
    ]);
  });

  it('keeps a file whose id cannot be read (the runner reports it), and the same path only once', () => {
    write(inRepo, 'broken.json', '{ "id": ');
    const listed = scenarioFiles([inRepo, path.join(inRepo, 'P01.json')]);
    expect(listed).toHaveLength(4);
    const { files, duplicates } = oneFilePerId(listed);
    expect(files.map((f) => path.basename(f))).toEqual(['P01.json', 'P02.json', 'broken.json']);
    expect(duplicates).toEqual([]);
  });
});
