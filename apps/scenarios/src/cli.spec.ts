import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EXAMPLES_DIR, exampleDirs } from './examples';
import { scenarioFiles } from './load';

/**
 * `npm run scenarios` as its users call it: from another folder, with relative paths, on a
 * folder mixing good and broken files. Stdout must carry exactly one JSON line per scenario.
 */
const ROOT = path.resolve(__dirname, '../../..');
const P01 = path.join(EXAMPLES_DIR, 'P01-counter-single-agency-early.json');

describe('npm run scenarios', () => {
  it('prints one JSON line per scenario, errors as lines, and exits 1 when one could not run', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-cli-'));
    try {
      const good = JSON.parse(fs.readFileSync(P01, 'utf8'));
      fs.writeFileSync(path.join(dir, 'a-good.json'), JSON.stringify(good));
      const refused = { ...good, id: 'b-refused', actions: [good.actions[0], { ...good.actions[1] }, { at: good.actions[2].at, do: 'accept' }] };
      fs.writeFileSync(path.join(dir, 'b-refused.json'), JSON.stringify(refused));
      fs.writeFileSync(path.join(dir, 'c-unknown-action.json'), JSON.stringify({ ...good, id: 'c-unknown', actions: [{ at: good.actions[0].at, do: 'teleport' }] }));
      fs.writeFileSync(path.join(dir, 'd-missing-field.json'), JSON.stringify({ ...good, id: 'd-missing', actions: [{ at: good.actions[0].at, do: 'complete' }] }));
      fs.writeFileSync(path.join(dir, 'e-not-json.json'), '{ "id": ');

      const run = spawnSync('npm', ['--prefix', ROOT, 'run', 'scenarios', '--', path.basename(dir)], {
        cwd: path.dirname(dir),
        encoding: 'utf8',
        timeout: 120_000,
      });
      const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
      expect(lines.map((l) => [l.id, 'actual' in l ? 'actual' : 'error'])).toEqual([
        ['P01-counter-single-agency-early', 'actual'],
        ['b-refused', 'actual'],
        ['c-unknown', 'error'],
        ['d-missing', 'error'],
        ['e-not-json', 'error'],
      ]);
      expect(lines[0].actual).toMatchObject({ status: 'RETURNED', outcome: 'EARLY', rejected: [] });
      expect(lines[1].actual).toMatchObject({ status: 'IN_PROCESSING', rejected: [2] });
      expect(lines[2].error).toMatch(/unknown action "teleport"/);
      expect(lines[3].error).toMatch(/agency/);
      expect(run.status).toBe(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--examples --check runs the examples (and ../shared\'s when present) with the given files, each id once, all matching', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-cli-'));
    try {
      // A copy of an example under its own id: the run must not run it twice.
      fs.copyFileSync(P01, path.join(dir, 'copy-of-P01.json'));
      const expected = [...new Set(scenarioFiles([...exampleDirs(), dir]).map((f) => JSON.parse(fs.readFileSync(f, 'utf8')).id))];
      const run = spawnSync('npm', ['--prefix', ROOT, 'run', 'scenarios', '--', '--examples', '--check', path.basename(dir)], {
        cwd: path.dirname(dir),
        encoding: 'utf8',
        timeout: 120_000,
      });
      const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
      expect(lines.length).toBeGreaterThanOrEqual(9);
      expect(lines.map((l) => l.id).sort()).toEqual(expected.sort());
      expect(lines.filter((l) => !l.matches).map((l) => [l.id, l.error ?? l.differences])).toEqual([]);
      expect(run.stderr).toMatch(/"msg":"scenario sources".*duplicate id\(s\) run once/);
      expect(run.status).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names a missing path on stderr, prints nothing on stdout, and exits 2', () => {
    const run = spawnSync('npm', ['--prefix', ROOT, 'run', 'scenarios', '--', P01, 'no-such-folder/x.json'], {
      cwd: os.tmpdir(),
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect([run.status, run.stdout]).toEqual([2, '']);
    expect(run.stderr).toContain(`no such file or folder: no-such-folder/x.json`);
  });
});
