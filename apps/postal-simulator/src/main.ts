import { simulatorConfigFromEnv } from './config';
import { createSimulatorServer } from './http-server';
import { RequestLog } from './request-log';
import { PostalSimulator } from './simulator';
import { fileStateStore, memoryStateStore } from './state';
import { fetchTransport } from './webhook-transport';

/**
 * The postal simulator: a stand-in for the postal operator (Vietnam Post) on POSTAL_SIM_PORT,
 * for local runs and integration tests (README "Postal partner"). Never deployed.
 */
function log(level: string, msg: string, fields: Record<string, unknown> = {}) {
  process.stderr.write(JSON.stringify({ time: new Date().toISOString(), level, service: 'postal-simulator', msg, ...fields }) + '\n');
}

/** How often the simulated post looks at its clock: steps and retries are due to within this. */
const TICK_MS = 100;

async function main() {
  const config = simulatorConfigFromEnv();
  // Each exchange as one log line too; the order request's contact data is already left out.
  const requests = new RequestLog(10_000, (e) => log('info', `${e.direction} ${e.method} ${e.url}`, { status: e.status, note: e.note, eventId: (e.body as { eventId?: string } | null)?.eventId }));
  const sim = new PostalSimulator(config, {
    now: Date.now,
    store: config.stateDir ? fileStateStore(config.stateDir) : memoryStateStore(),
    transport: fetchTransport(),
    log: requests,
  });
  const timer = setInterval(() => sim.tick(), TICK_MS);
  const server = createSimulatorServer(sim, requests, config.timeoutMs);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const { secret: _secret, ...shown } = config;
  log('info', 'postal simulator started', { url: `http://${config.host}:${config.port}`, ...shown });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log('info', 'postal simulator stopping', { signal });
    clearInterval(timer);
    server.close();
    server.closeAllConnections();
    await sim.settled();
    sim.flush();
    log('info', 'postal simulator stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e) => {
  log('error', 'postal simulator failed', { error: e instanceof Error ? e.stack : String(e) });
  process.exit(1);
});
