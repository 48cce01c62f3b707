import { createServer, type Server } from 'node:http';
import type { Kysely } from 'kysely';
import type { BatchSubscriber, EventSubscription, ReceivedBatch } from '@motcua/event-bus';
import type { StoreSchema } from '@motcua/store';
import type { AlertWebhookSender } from './alerts/alert-webhook-sender';
import { foldBatch, type FoldStats } from './projection/fold';

export type Log = (level: string, msg: string, fields?: Record<string, unknown>) => void;

export interface ProjectorOptions {
  db: Kysely<StoreSchema>;
  subscriber: BatchSubscriber;
  topic: string;
  group: string;
  /** Default true; false only in tests of a crash between the store's commit and Kafka's. */
  commitToKafka?: boolean;
  /** Called before each batch is folded; a rejection leaves it unfolded (tests: a process that died). */
  beforeBatch?: (b: ReceivedBatch) => Promise<void>;
  /** Called after each batch is committed to the store (tests: to crash right there). */
  afterBatch?: (b: ReceivedBatch, stats: FoldStats) => Promise<void>;
  log?: Log;
  /** The alerts' webhook (ALERT_WEBHOOK_URL): when set, folds fill its outbox and /metrics shows it. */
  alerts?: AlertWebhookSender;
}

/**
 * The consumer group that folds dossier.events into the read model. Each partition's batch and
 * its next offset go into the store in one transaction (foldBatch), and a partition resumes where
 * the store says, not where Kafka's group offset says: after a kill -9 between the two commits
 * nothing is applied twice and nothing is skipped.
 */
export class Projector {
  readonly totals = { applied: 0, duplicates: 0, gaps: 0, refused: 0, batches: 0 };
  /** Per partition: the partition's end less the next offset to fold, when its last batch was folded. */
  readonly lag = new Map<number, number>();
  private subscription: EventSubscription | null = null;

  constructor(private readonly o: ProjectorOptions) {}

  async start(): Promise<void> {
    const { db, topic, group } = this.o;
    this.subscription = await this.o.subscriber.subscribeBatches(topic, group, (b) => this.fold(b), {
      commitToKafka: this.o.commitToKafka ?? true,
      resumeAt: async (t, partition) => {
        const row = await db
          .selectFrom('projector_offsets')
          .select('next_offset')
          .where('group_id', '=', group)
          .where('topic', '=', t)
          .where('partition', '=', partition)
          .executeTakeFirst();
        const at = row ? String(row.next_offset) : null;
        this.o.log?.('info', 'partition resumes at the stored offset', { topic: t, partition, offset: at });
        return at;
      },
    });
  }

  private async fold(b: ReceivedBatch): Promise<void> {
    await this.o.beforeBatch?.(b);
    const stats = await foldBatch(this.o.db, { group: this.o.group, topic: b.topic, partition: b.partition, messages: b.messages, enqueueAlerts: !!this.o.alerts });
    this.totals.applied += stats.applied;
    this.totals.duplicates += stats.duplicates;
    this.totals.gaps += stats.gaps;
    this.totals.refused += stats.refused;
    this.totals.batches++;
    const next = BigInt(b.messages[b.messages.length - 1].offset) + 1n;
    this.lag.set(b.partition, Math.max(0, Number(BigInt(b.highWatermark) - next)));
    if (stats.gaps || stats.refused) this.o.log?.('warn', 'batch with gaps or refused messages', { partition: b.partition, ...stats });
    await this.o.afterBatch?.(b, stats);
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = null;
  }

  /** Prometheus text exposition (format 0.0.4). Counters count since this process started. */
  async metrics(): Promise<string> {
    const open = await this.o.db
      .selectFrom('projector_gaps')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('resolved_at', 'is', null)
      .executeTakeFirstOrThrow();
    const lines = [
      '# HELP motcua_projector_events_applied_total Events folded into the read model.',
      '# TYPE motcua_projector_events_applied_total counter',
      `motcua_projector_events_applied_total ${this.totals.applied}`,
      '# HELP motcua_projector_duplicates_skipped_total Events already folded (or held), received again: nothing changed.',
      '# TYPE motcua_projector_duplicates_skipped_total counter',
      `motcua_projector_duplicates_skipped_total ${this.totals.duplicates}`,
      '# HELP motcua_projector_gaps_total Gaps found in a dossier\'s sequence (its later events held until the missing ones arrive).',
      '# TYPE motcua_projector_gaps_total counter',
      `motcua_projector_gaps_total ${this.totals.gaps}`,
      '# HELP motcua_projector_gaps_open Dossiers held at a gap now (projector_gaps without resolved_at).',
      '# TYPE motcua_projector_gaps_open gauge',
      `motcua_projector_gaps_open ${Number(open.n)}`,
      '# HELP motcua_projector_refused_total Messages that are not dossier events of a known schema (kept in projector_refused).',
      '# TYPE motcua_projector_refused_total counter',
      `motcua_projector_refused_total ${this.totals.refused}`,
      '# HELP motcua_projector_consumer_lag Messages of the partition not folded yet, as of its last batch.',
      '# TYPE motcua_projector_consumer_lag gauge',
      ...[...this.lag.entries()].sort(([a], [b]) => a - b).map(([p, lag]) => `motcua_projector_consumer_lag{topic="${this.o.topic}",partition="${p}"} ${lag}`),
      ...(this.o.alerts ? await this.o.alerts.metrics() : []),
    ];
    return lines.join('\n') + '\n';
  }
}

/** GET /metrics (Prometheus text) and GET /health. */
export function serveMetrics(projector: Projector, port: number, host = '127.0.0.1'): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/metrics') {
      projector.metrics().then(
        (text) => {
          res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
          res.end(text);
        },
        () => {
          res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
          res.end('the store does not answer\n');
        },
      );
      return;
    }
    if (req.method === 'GET' && path === '/health') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ status: 'UP' }));
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('not found\n');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
