import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSimulatorServer } from '../http-server';
import { RequestLog } from '../request-log';
import { PostalSimulator } from '../simulator';
import { memoryStateStore } from '../state';
import { fetchTransport } from '../webhook-transport';
import { testConfig } from './harness';

/**
 * A simulated post in this process for the integration tests, on a free port, its clock the real
 * one, its callbacks sent for real. `config` is the simulator's own object: a test may change a
 * knob for the orders placed after (the delay of a leg's first step is fixed when it is ordered).
 */
export async function startLiveSimulator(over: Parameters<typeof testConfig>[0]) {
  const log = new RequestLog();
  const config = testConfig({ delayMs: 300, retryBaseMs: 200, maxDeliveryAttempts: 8, ...over });
  const sim = new PostalSimulator(config, { now: Date.now, store: memoryStateStore(), transport: fetchTransport(), log });
  const timer = setInterval(() => sim.tick(), 50);
  const server: Server = createSimulatorServer(sim, log, config.timeoutMs);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let closed = false;
  return {
    sim,
    log,
    url,
    config,
    /** Stops the post (idempotent): nothing more played or sent, its order API refusing connections. */
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      await sim.settled();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

export type LiveSimulator = Awaited<ReturnType<typeof startLiveSimulator>>;
