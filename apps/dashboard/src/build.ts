import * as fs from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';

const WEB = path.join(__dirname, 'web');

/**
 * The web pages as static files (what the API serves under /dashboard, /workbench and /web/):
 * one ES module bundle of src/web/main.ts for current browsers, its source map, the shell and the
 * style sheet. esbuild alone: no dev server, no framework.
 */
export async function buildDashboard(outDir: string): Promise<void> {
  fs.mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [path.join(WEB, 'main.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    logLevel: 'warning',
    outfile: path.join(outDir, 'app.js'),
  });
  for (const file of ['index.html', 'app.css']) fs.copyFileSync(path.join(WEB, file), path.join(outDir, file));
}

if (require.main === module) {
  const out = path.resolve(process.argv[2] ?? 'dist/apps/dashboard');
  buildDashboard(out).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
