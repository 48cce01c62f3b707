#!/usr/bin/env node
// Idempotently creates Motcua's Kafka topic(s) with kafkajs admin; works against the local broker
// and against any external cluster.
//   KAFKA_BROKERS             comma-separated host:port list (required)
//   KAFKA_PARTITIONS          partitions of dossier.events (default 3)
//   KAFKA_REPLICATION_FACTOR  replication factor (default 1; use 3 on a production cluster)
//   KAFKA_TOPICS_TIMEOUT_MS   how long to retry while the cluster comes up (default 60000)
// Besides creating the topic, it asks once for a consumer-group coordinator (the broker then creates
// __consumer_offsets) and for an idempotent producer id, so that the first real client does not meet
// COORDINATOR_NOT_AVAILABLE / "coordinator is loading". KAFKA_WARM_COORDINATOR=0 skips that.
// `node kafka-topics.js --check` only checks (metadata answers, topic exists) and creates nothing.
// Progress goes to stderr; exit code 0 on success.
'use strict';
const { ConfigResourceTypes, Kafka, logLevel } = require('kafkajs');

const TOPIC = 'dossier.events';
// Unlimited retention: neither age nor size deletes an event of the statutory record.
const KEEP_FOREVER = [
  { name: 'retention.ms', value: '-1' },
  { name: 'retention.bytes', value: '-1' },
];
const brokers = (process.env.KAFKA_BROKERS || '').split(',').map((s) => s.trim()).filter(Boolean);
const partitions = Number(process.env.KAFKA_PARTITIONS || 3);
const replicationFactor = Number(process.env.KAFKA_REPLICATION_FACTOR || 1);
const timeoutMs = Number(process.env.KAFKA_TOPICS_TIMEOUT_MS || 60000);

const log = (msg) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} [kafka-topics] ${msg}\n`);

async function withRetry(what, fn, deadline) {
  let last;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      last = err;
      if (Date.now() > deadline) {
        throw new Error(`${what}: ${last && last.message ? last.message : last}`);
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

// Best effort: right after start the group coordinator (until __consumer_offsets exists) and the
// transaction coordinator (InitProducerId of an idempotent producer) answer "not available"/"loading".
async function warmCoordinators(kafka, admin, deadline) {
  try {
    await withRetry('group coordinator', () => admin.describeGroups(['motcua-infra-warmup']), deadline);
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, retry: { retries: 10 } });
    await withRetry('transaction coordinator', () => producer.connect(), deadline);
    await producer.disconnect();
  } catch (err) {
    log(`WARNING: coordinator warm-up failed (not fatal): ${err.message}`);
  }
}

// --check: only verify that the cluster answers metadata requests and that the topic exists.
async function check() {
  const kafka = new Kafka({ clientId: 'motcua-infra', brokers, logLevel: logLevel.NOTHING, connectionTimeout: 2000, retry: { retries: 1 } });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const topics = await admin.listTopics();
    if (!topics.includes(TOPIC)) throw new Error(`topic ${TOPIC} does not exist`);
    const md = await admin.fetchTopicMetadata({ topics: [TOPIC] });
    log(`${brokers.join(',')}: metadata ok, ${TOPIC} has ${md.topics[0].partitions.length} partitions`);
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

async function main() {
  if (!brokers.length) throw new Error('KAFKA_BROKERS is not set');
  if (process.argv.includes('--check')) return check();
  if (!(partitions >= 1) || !(replicationFactor >= 1)) throw new Error('bad KAFKA_PARTITIONS / KAFKA_REPLICATION_FACTOR');
  const deadline = Date.now() + timeoutMs;
  const kafka = new Kafka({
    clientId: 'motcua-infra',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3000,
    retry: { retries: 3, initialRetryTime: 200 },
  });
  const admin = kafka.admin();
  try {
    await withRetry(`connect to ${brokers.join(',')}`, () => admin.connect(), deadline);
    const existing = await withRetry('list topics', () => admin.listTopics(), deadline);
    if (!existing.includes(TOPIC)) {
      await withRetry(
        `create topic ${TOPIC}`,
        () =>
          admin.createTopics({
            waitForLeaders: true,
            topics: [{ topic: TOPIC, numPartitions: partitions, replicationFactor, configEntries: KEEP_FOREVER }],
          }),
        deadline,
      );
    } else {
      // dossier.events is the statutory record: a topic made by an older version must stop deleting it.
      // AlterConfigs replaces the topic's whole configuration: send its own settings back with it.
      await withRetry(
        `keep ${TOPIC} forever`,
        async () => {
          const { resources } = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: TOPIC }] });
          const entries = resources[0].configEntries;
          if (KEEP_FOREVER.every((k) => entries.some((e) => e.configName === k.name && e.configValue === k.value))) return;
          const own = entries
            .filter((e) => e.configSource === 1 && !KEEP_FOREVER.some((k) => k.name === e.configName))
            .map((e) => ({ name: e.configName, value: e.configValue }));
          await admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: TOPIC, configEntries: [...own, ...KEEP_FOREVER] }] });
        },
        deadline,
      );
    }
    const md = await withRetry('topic metadata', () => admin.fetchTopicMetadata({ topics: [TOPIC] }), deadline);
    const t = md.topics.find((x) => x.name === TOPIC);
    const n = t.partitions.length;
    const rf = t.partitions.length ? t.partitions[0].replicas.length : 0;
    const leaderless = t.partitions.filter((p) => p.leader < 0).length;
    if (leaderless) throw new Error(`${TOPIC}: ${leaderless} partition(s) without a leader`);
    log(`topic ${TOPIC}: ${existing.includes(TOPIC) ? 'exists' : 'created'} (${n} partitions, RF ${rf})`);
    if (n !== partitions || rf !== replicationFactor) {
      log(`WARNING: ${TOPIC} has ${n} partitions / RF ${rf}, wanted ${partitions} / ${replicationFactor} (left as is)`);
    }
    if (process.env.KAFKA_WARM_COORDINATOR !== '0') await warmCoordinators(kafka, admin, deadline);
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

main().catch((err) => {
  log(`ERROR: ${err.message}`);
  process.exit(1);
});
