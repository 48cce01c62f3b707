import { parseArgs } from 'node:util';
import { DOSSIER_EVENTS_TOPIC } from '@motcua/contracts';
import { brokersFromEnv, KafkaTopicReader } from '@motcua/event-bus';
import { openStore, storeLocationFromEnv } from '@motcua/store';
import { projectorCaughtUp, verifyReadModel } from './verify';

/**
 * Checks the live read model against the topic: waits (up to --wait-seconds, default 120) until the
 * projector's stored position is the end of every partition, then folds the whole topic into a fresh
 * embedded store with the projector's own fold and compares every read-model table row by row.
 * Prints one JSON line ({caughtUp, projectionMismatches, tables, examples, openGaps}); exit 1 when
 * anything differs. Used by `npm run chaos`; run it by hand on a quiet system:
 *   DATABASE_URL=… KAFKA_BROKERS=… node --import tsx apps/projector/src/verify/main.ts
 */
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { 'wait-seconds': { type: 'string', default: '120' } }, strict: true });
  const waitMs = Number(values['wait-seconds']) * 1000;
  if (!Number.isFinite(waitMs) || waitMs < 0) throw new Error('--wait-seconds: a number of seconds');
  const location = storeLocationFromEnv();
  if (!location.url) throw new Error('set DATABASE_URL: the store the live projector writes');
  const topic = process.env.PROJECTOR_TOPIC ?? DOSSIER_EVENTS_TOPIC;
  const group = process.env.PROJECTOR_GROUP ?? 'motcua-projector';
  const partitions = await new KafkaTopicReader({ brokers: brokersFromEnv(), clientId: 'motcua-verify' }).readAll(topic, 120_000);
  const ends = new Map([...partitions].map(([p, messages]) => [p, messages.length ? BigInt(messages[messages.length - 1].offset) + 1n : 0n]));
  const store = await openStore(location);
  try {
    const caughtUp = await projectorCaughtUp(store.db, group, topic, ends, waitMs);
    const verdict = await verifyReadModel(store.db, partitions, topic);
    process.stdout.write(JSON.stringify({ caughtUp, ...verdict }) + '\n');
    return caughtUp && verdict.projectionMismatches === 0 && verdict.openGaps === 0 ? 0 : 1;
  } finally {
    await store.close();
  }
}

main().then(
  (rc) => process.exit(rc),
  (e: unknown) => {
    process.stderr.write(`verify: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(2);
  },
);
