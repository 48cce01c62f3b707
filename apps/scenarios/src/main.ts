import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { describeSources, exampleDirs, oneFilePerId } from './examples';
import { loadScenario, scenarioFiles } from './load';
import { log } from './log';
import { runScenario, type ScenarioLine } from './runner';
import { differences } from '@motcua/contracts';
import { startSimulation } from './simulation';

/**
 * npm run scenarios -- [--publish] [--check] [--examples] <files or folders>
 * One JSON line per scenario on stdout ({"id","actual"} or {"id","error"}); logs on stderr.
 * --check compares each result with the scenario's `expect` (adds "matches" and "differences").
 * --record-histories <dir> also saves each dossier's workflow history there (for the replay test).
 * --examples adds the example scenarios (apps/scenarios/scenarios/examples, and
 * ../shared/scenarios/public when that folder exists) and runs each scenario id once across all
 * the inputs, the first file found for an id winning (../shared's before the repository's).
 */
async function main(argv: string[]): Promise<number> {
  const publish = argv.includes('--publish');
  const check = argv.includes('--check');
  const examples = argv.includes('--examples');
  const recordAt = argv.indexOf('--record-histories');
  const recordDir = recordAt >= 0 ? argv[recordAt + 1] : undefined;
  const given = argv.filter((a, i) => !a.startsWith('--') && (recordAt < 0 || i !== recordAt + 1));
  const inputs = [...(examples ? exampleDirs() : []), ...given];
  if (inputs.length === 0) {
    process.stderr.write('usage: npm run scenarios -- [--publish] [--check] [--examples] <scenario files or folders>\n');
    return 2;
  }
  let files: string[];
  try {
    files = scenarioFiles(inputs);
  } catch (e) {
    // Stdout carries only scenario lines: a caller piping them must not parse an error as one.
    const err = e as NodeJS.ErrnoException;
    process.stderr.write(err.code === 'ENOENT' ? `no such file or folder: ${err.path}\n` : `${err.message}\n`);
    return 2;
  }
  if (examples) {
    const unique = oneFilePerId(files);
    files = unique.files;
    log('info', 'scenario sources', { sources: describeSources(files, unique.duplicates) });
  }
  const started = Date.now();
  const sim = await startSimulation({ publish });
  let failed = 0;
  let mismatched = 0;
  try {
    await sim.worker.runUntil(async () => {
      for (const [i, file] of files.entries()) {
        const loaded = loadScenario(file);
        let line: ScenarioLine;
        if ('error' in loaded) {
          line = { id: loaded.id, error: loaded.error };
        } else {
          try {
            line = await runScenario(sim.env.client, sim.env, sim.taskQueue, loaded.scenario, async (workflowId) => {
              if (recordDir) await recordHistory(sim.env.client, workflowId, path.join(recordDir, `${loaded.scenario.id}.json`));
            });
          } catch (e) {
            line = { id: loaded.scenario.id, error: `run failed: ${(e as Error).message}` };
          }
        }
        if ('error' in line) failed++;
        if (check && 'actual' in line && !('error' in loaded)) {
          const diff = loaded.scenario.expect ? differences(line.actual, loaded.scenario.expect as Record<string, unknown>) : ['no expect'];
          if (diff.length) mismatched++;
          process.stdout.write(JSON.stringify({ ...line, matches: diff.length === 0, differences: diff }) + '\n');
        } else {
          process.stdout.write(JSON.stringify(line) + '\n');
        }
        log('info', 'scenario done', { n: i + 1, of: files.length, id: line.id, ok: !('error' in line) });
      }
    });
  } finally {
    await sim.close();
  }
  log('info', 'scenarios finished', { scenarios: files.length, errors: failed, ...(check ? { mismatched } : {}), seconds: (Date.now() - started) / 1000 });
  return failed === 0 && mismatched === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    log('error', 'scenario runner failed', { error: (e as Error).stack ?? String(e) });
    process.exit(1);
  },
);

/** Saves a workflow's history in the JSON form Worker.runReplayHistories reads. */
async function recordHistory(client: Client, workflowId: string, file: string): Promise<void> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ workflowId, history: JSON.parse(historyToJSON(history)) }, null, 1) + '\n');
}
