import { eventId, type RecordedEvent } from '@motcua/dossier';
import { openStore } from '@motcua/store';
import { foldBatch } from './projection/fold';
import { messageOf, scenarioLogs } from './testing/scenario-events';

/**
 * Benchmark (not a test): folds the recorded events of every scenario, copied under N dossier
 * codes each, in batches of 500 into the embedded store (or DATABASE_URL). Prints one JSON line.
 *   npx tsx apps/projector/src/bench-fold.ts [copies=40]
 */
async function main() {
  const copies = Number(process.argv[2] ?? 40);
  const logs = scenarioLogs();
  const values: string[] = [];
  // Interleaved across dossiers, as a partition carries them.
  for (let c = 0; c < copies; c++) {
    for (const l of logs) {
      const code = l.code.replace(/-\d{4}$/, `-${String(c).padStart(2, '0')}${l.code.slice(-2)}`);
      for (const r of l.events) {
        const copy: RecordedEvent = { ...r, code, id: eventId(code, r.sequence), event: r.event.type === 'DossierRegistered' ? { ...r.event, code } : r.event };
        values.push(messageOf(copy));
      }
    }
  }
  const store = await openStore(process.env.DATABASE_URL ? { url: process.env.DATABASE_URL } : {});
  const start = performance.now();
  let applied = 0;
  for (let i = 0; i < values.length; i += 500) {
    const messages = values.slice(i, i + 500).map((value, j) => ({ offset: String(i + j), value }));
    applied += (await foldBatch(store.db, { group: 'bench', topic: 'bench', partition: 0, messages })).applied;
  }
  const seconds = (performance.now() - start) / 1000;
  await store.close();
  process.stdout.write(JSON.stringify({ engine: store.engine, events: values.length, applied, seconds: Number(seconds.toFixed(2)), eventsPerSecond: Math.round(applied / seconds) }) + '\n');
}

main().catch((e) => {
  process.stderr.write(String(e instanceof Error ? e.stack : e) + '\n');
  process.exit(1);
});
