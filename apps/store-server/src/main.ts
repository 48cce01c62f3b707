import { openStore, serveEmbeddedStore } from '@motcua/store';

/**
 * The local store server of `npm start`: the embedded PGlite store in STORE_DIR, served on
 * STORE_HOST:STORE_PORT (127.0.0.1, 0 = a free port) over PostgreSQL's protocol, so that the API,
 * the worker and the projector share one store through DATABASE_URL as they would share
 * PostgreSQL. It brings the schema up to date before it says it is ready (the apps' own migration
 * check then finds nothing to do). No password: it listens on the loopback interface only.
 */
function log(level: string, msg: string, fields: Record<string, unknown> = {}) {
  process.stderr.write(JSON.stringify({ time: new Date().toISOString(), level, service: 'store-server', msg, ...fields }) + '\n');
}

async function main() {
  const dataDir = process.env.STORE_DIR;
  if (!dataDir) throw new Error('set STORE_DIR: the folder of the embedded store');
  const started = performance.now();
  const server = await serveEmbeddedStore({ dataDir, host: process.env.STORE_HOST ?? '127.0.0.1', port: Number(process.env.STORE_PORT ?? 0) });
  const store = await openStore({ url: server.url });
  await store.close();
  log('info', 'store server ready', { url: server.url, dataDir, ms: Math.round(performance.now() - started) });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log('info', 'store server stopping', { signal });
    // PGlite's close shuts PostgreSQL down cleanly (a KILL leaves recovery to the next start).
    await server.close();
    log('info', 'store server stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e) => {
  log('error', 'store server failed', { error: e instanceof Error ? e.stack : String(e) });
  process.exit(1);
});
