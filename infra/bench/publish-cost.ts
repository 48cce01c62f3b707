import * as fs from 'node:fs';
import { brokersFromEnv, KafkaPublisher, KafkaTopicAdmin } from '@motcua/event-bus';
import { CpuLedger, pidFrom } from './cpu';

/**
 * The worker's publishing path apart from Temporal: P publishes of one event each, C at a time (as
 * C dossiers' publish activities would), through the worker's KafkaPublisher (the publishes that
 * meet go as one request), to a topic of its own on KAFKA_BROKERS. Prints the time per publish and
 * the CPU of this process and of the broker (BENCH_KAFKA_PIDFILE) per 100 publishes.
 *   KAFKA_BROKERS=… BENCH_KAFKA_PIDFILE=… node_modules/.bin/tsx --tsconfig tsconfig.json infra/bench/publish-cost.ts [P] [C]
 */
async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? 600);
  const concurrency = Number(process.argv[3] ?? 20);
  const topic = `motcua-publish-cost-${Date.now()}`;
  const admin = new KafkaTopicAdmin({ brokers: brokersFromEnv(), clientId: 'publish-cost' });
  await admin.ensureTopic(topic, { partitions: 3 });
  await admin.close();
  const results: Record<string, unknown> = {};
  // Twice: the machine's other work varies.
  for (const round of [1, 2]) {
    for (const kind of ['worker'] as const) {
      const publisher = new KafkaPublisher({ brokers: brokersFromEnv(), clientId: `publish-cost-${kind}` });
      await publisher.publish(topic, [{ key: 'warm-up', value: '{}', headers: {} }]);
      const cpu = new CpuLedger({ kafka: pidFrom(process.env.BENCH_KAFKA_PIDFILE) });
      cpu.start();
      const t0 = Date.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async (_, lane) => {
          while (next < total) {
            const i = next++;
            await publisher.publish(topic, [{ key: `D-${lane}`, value: JSON.stringify({ id: `D-${lane}:${i}`, data: 'x'.repeat(1500) }), headers: {} }]);
          }
        }),
      );
      const ms = Date.now() - t0;
      cpu.stop(kind);
      await publisher.close();
      results[`${kind}#${round}`] = { msPerPublish: Math.round((ms / total) * 100) / 100, publishesPerSecond: Math.round((total * 1000) / ms), cpuMsPer100Publishes: cpu.perItem({ [kind]: total / 100 })[kind] };
    }
  }
  process.stdout.write(JSON.stringify({ publishes: total, concurrency, results, loadAverage: fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number) }) + '\n');
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
