import { openStore, storeLocationFromEnv } from '@motcua/store';
import { dropReadModelVersion, readModelVersions, rebuildReadModel } from './rebuild';

/**
 * npm run projector:rebuild                 build a new version of the read model from the archive
 *                                           beside the live one, then switch readers over to it
 * npm run projector:rebuild -- --list       the versions and their states
 * npm run projector:rebuild -- --drop N     drop version N (not the current one)
 * The store is DATABASE_URL's (infra/local/projector-rebuild.sh gives it npm start's store server).
 */
const out = (line: string) => process.stdout.write(line + '\n');

async function main() {
  const args = process.argv.slice(2);
  const location = storeLocationFromEnv();
  if (!location.url && !location.dataDir) throw new Error('set DATABASE_URL (or STORE_DIR for an embedded store no process has open)');
  const store = await openStore(location);
  try {
    if (args[0] === '--list') {
      for (const v of await readModelVersions(store.db)) out(`v${v.version}  ${v.schema_name}  ${v.state}  created ${v.created_at.toISOString()}${v.switched_at ? `  switched ${v.switched_at.toISOString()}` : ''}`);
    } else if (args[0] === '--drop') {
      const version = Number(args[1]);
      if (!Number.isInteger(version) || version < 1) throw new Error('--drop needs a version number (see --list)');
      await dropReadModelVersion(store.db, version);
      out(`read model version ${version} dropped`);
    } else if (args.length === 0) {
      let shown = 0;
      const result = await rebuildReadModel(store.db, {
        onProgress: (p) => {
          if (!p.final && p.folded - shown < 5000 && p.folded < p.archived) return;
          shown = p.folded;
          out(`v${p.version} pass ${p.pass}${p.final ? ' (final, folds held)' : ''}: ${p.folded} of ${p.archived} archived events folded`);
        },
      });
      out(`read model v${result.version} (${result.schema}) is current: ${result.folded} events folded in ${result.seconds.toFixed(1)} s (${Math.round(result.folded / result.seconds)}/s); v${result.retired} kept, drop it with: npm run projector:rebuild -- --drop ${result.retired}`);
    } else {
      throw new Error(`unknown arguments: ${args.join(' ')} (none, --list, or --drop N)`);
    }
  } finally {
    await store.close();
  }
}

main().catch((e) => {
  process.stderr.write(`projector:rebuild: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
