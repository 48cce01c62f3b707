import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';

/**
 * Where scenarios live. The project's own (ids M..) are in apps/scenarios/scenarios; the client's
 * example scenarios (ids P..) are copied, unchanged, into its examples/ folder, so a clone needs
 * nothing beside it. When the client's shared folder happens to sit beside the clone
 * (../shared/scenarios/public), its scenarios run too: an id found in both runs once, from
 * ../shared (the client's current text of it), and an id found only there still runs.
 */
export const PROJECT_SCENARIOS_DIR = path.resolve(__dirname, '../scenarios');
export const EXAMPLES_DIR = path.join(PROJECT_SCENARIOS_DIR, 'examples');
export const SHARED_EXAMPLES_DIR = path.resolve(__dirname, '../../../../shared/scenarios/public');

/** The example folders to run, ../shared's first (when it exists) so that its copy of an id wins. */
export function exampleDirs(shared: string = SHARED_EXAMPLES_DIR, inRepo: string = EXAMPLES_DIR): string[] {
  return isDirectory(shared) ? [shared, inRepo] : [inRepo];
}

export interface Duplicate {
  /** The file left out. */
  file: string;
  id: string;
  /** The file that runs for this id instead. */
  kept: string;
  /** Whether both files hold the same JSON (false: the in-repo copy differs from ../shared's). */
  identical: boolean;
}

/**
 * One file per scenario id, the first one met in the given order. A file whose id cannot be read
 * (not JSON, no string id) is kept as it is, so that the runner reports it as an error line. The
 * same path given twice counts once and is not reported as a duplicate.
 */
export function oneFilePerId(files: readonly string[]): { files: string[]; duplicates: Duplicate[] } {
  const kept = new Map<string, { file: string; json: unknown }>();
  const seenPaths = new Set<string>();
  const out: string[] = [];
  const duplicates: Duplicate[] = [];
  for (const file of files) {
    const real = path.resolve(file);
    if (seenPaths.has(real)) continue;
    seenPaths.add(real);
    const json = readJson(file);
    const id = (json as { id?: unknown } | undefined)?.id;
    if (typeof id !== 'string') {
      out.push(file);
      continue;
    }
    const first = kept.get(id);
    if (first) {
      duplicates.push({ file, id, kept: first.file, identical: isDeepStrictEqual(first.json, json) });
      continue;
    }
    kept.set(id, { file, json });
    out.push(file);
  }
  return { files: out, duplicates };
}

/** A one-line account of a run's sources, for a log: how many came from where, what was left out. */
export function describeSources(files: readonly string[], duplicates: readonly Duplicate[], shared: string = SHARED_EXAMPLES_DIR): string {
  const fromShared = files.filter((f) => path.resolve(f).startsWith(shared + path.sep)).length;
  const differing = duplicates.filter((d) => !d.identical).map((d) => d.id);
  return [
    `${files.length} scenario file(s)`,
    isDirectory(shared) ? `${fromShared} from ${shared}` : `no ${shared} (in-repository examples only)`,
    `${duplicates.length} duplicate id(s) run once`,
    ...(differing.length ? [`in-repository copies that differ from ../shared: ${differing.join(', ')}`] : []),
  ].join('; ');
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
