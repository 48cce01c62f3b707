import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildWorkflowBundle } from '@motcua/temporal';

/**
 * Builds the workflow bundle once, at build time (PITFALLS.md 1): a production worker loads it
 * with MOTCUA_WORKFLOW_BUNDLE instead of bundling the workflow sources at every start.
 */
async function main(out: string) {
  const bundle = await buildWorkflowBundle();
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, bundle.code);
  process.stderr.write(JSON.stringify({ level: 'info', msg: 'workflow bundle written', file: out, bytes: bundle.code.length }) + '\n');
}

main(process.argv[2] ?? 'dist/apps/worker/workflow-bundle.js').catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
  process.exit(1);
});
