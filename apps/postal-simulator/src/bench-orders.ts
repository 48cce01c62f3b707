import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileStateStore } from './state';
import { Harness, serve, testConfig } from './testing/harness';

/**
 * Benchmark (not a test): N delivery orders placed over HTTP one after the other, the state kept in
 * a file, then their webhooks played and sent (to a receiver that answers at once). One JSON line.
 *   npx tsx apps/postal-simulator/src/bench-orders.ts [orders=1000]
 */
async function main() {
  const n = Number(process.argv[2] ?? 1000);
  const dir = mkdtempSync(join(tmpdir(), 'postal-sim-bench-'));
  const h = new Harness(testConfig({ stateDir: dir }), fileStateStore(dir));
  const srv = await serve(h);
  try {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const code = `000.00.00.H26-260303-${String(i).padStart(4, '0')}`;
      const res = await fetch(`${srv.url}/orders`, { method: 'POST', headers: { 'idempotency-key': `${code}:RETURN:1` }, body: JSON.stringify(h.order(`bench-${i}`, 'RETURN', { dossierCode: code })) });
      if (res.status !== 201) throw new Error(`order ${i}: ${res.status}`);
    }
    const placed = performance.now();
    await h.run(1_000);
    const sent = performance.now();
    console.log(JSON.stringify({ orders: n, placeMs: Math.round(placed - t0), webhooks: h.transport.sent.length, playAndSendMs: Math.round(sent - placed) }));
  } finally {
    await srv.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
