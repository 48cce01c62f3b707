#!/usr/bin/env node
// Smoke test of a Kafka cluster with kafkajs: produces one message to dossier.events
// (acks=-1, idempotent) and consumes it back through a fresh consumer group.
//   KAFKA_BROKERS  comma-separated host:port list (required)
//   KAFKA_SMOKE_TIMEOUT_MS  default 60000
'use strict';
const { Kafka, logLevel, Partitioners } = require('kafkajs');
const crypto = require('crypto');

const TOPIC = 'dossier.events';
const brokers = (process.env.KAFKA_BROKERS || '').split(',').map((s) => s.trim()).filter(Boolean);
const timeoutMs = Number(process.env.KAFKA_SMOKE_TIMEOUT_MS || 60000);
const log = (msg) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} [kafka-smoke] ${msg}\n`);

async function main() {
  if (!brokers.length) throw new Error('KAFKA_BROKERS is not set');
  const t0 = Date.now();
  const kafka = new Kafka({ clientId: 'motcua-smoke', brokers, logLevel: logLevel.ERROR });
  const id = crypto.randomUUID();
  const groupId = `motcua-smoke-${id}`;
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
    retry: { retries: 5 },
  });
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 500, retry: { retries: 5 } });
  let timer;
  try {
    await producer.connect();
    const [meta] = await producer.send({
      topic: TOPIC,
      acks: -1,
      messages: [{ key: id, value: JSON.stringify({ type: 'smoke', id }) }],
    });
    log(`produced ${id} to ${TOPIC}[${meta.partition}]@${meta.baseOffset} (${Date.now() - t0} ms)`);

    await consumer.connect();
    await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
    const got = new Promise((resolve) => {
      consumer.run({
        eachMessage: async ({ partition, message }) => {
          if (message.key && message.key.toString() === id) resolve({ partition, offset: message.offset });
        },
      });
    });
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`message not consumed within ${timeoutMs} ms`)), timeoutMs);
    });
    const r = await Promise.race([got, timeout]);
    log(`consumed ${id} from ${TOPIC}[${r.partition}]@${r.offset} with group ${groupId} (${Date.now() - t0} ms total)`);
    const admin = kafka.admin();
    await admin.connect();
    const offsets = await admin.fetchOffsets({ groupId, topics: [TOPIC] }).catch(() => null);
    await admin.disconnect();
    if (offsets) log(`group offsets: ${JSON.stringify(offsets[0].partitions.map((p) => [p.partition, p.offset]))}`);
    console.log('kafka smoke: OK');
  } finally {
    clearTimeout(timer);
    await consumer.disconnect().catch(() => {});
    await producer.disconnect().catch(() => {});
  }
}

main().catch((err) => {
  log(`ERROR: ${err.stack || err.message}`);
  process.exit(1);
});
