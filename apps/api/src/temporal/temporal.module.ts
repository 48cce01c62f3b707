import { Inject, Injectable, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { KafkaTopicAdmin, type TopicAdmin } from '@motcua/event-bus';
import type { ApiConfig } from '../config/api-config';
import { API_CONFIG } from '../config/api-config';
import { HealthProbe } from '../health/health-probe';
import { ServerHealthProbe } from '../health/server-health-probe';
import { KAFKA_ADMIN, TEMPORAL_CLIENT } from './temporal.tokens';

/** Closes the Temporal connection and the Kafka admin when the app shuts down. */
@Injectable()
class ConnectionsCloser implements OnApplicationShutdown {
  private readonly logger = new Logger('shutdown');
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(KAFKA_ADMIN) private readonly kafka: TopicAdmin,
  ) {}

  async onApplicationShutdown() {
    await Promise.all([
      this.client.connection.close().catch((e) => this.logger.warn(`closing Temporal: ${String(e)}`)),
      this.kafka.close().catch((e) => this.logger.warn(`closing Kafka admin: ${String(e)}`)),
    ]);
  }
}

/**
 * The Temporal client and the Kafka admin, hand-wired (PITFALLS.md 10: no third-party
 * Temporal-Nest wrapper). The connection is lazy, so the API starts, and /health answers 503,
 * while Temporal is still down.
 */
@Module({})
export class TemporalModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: TemporalModule,
      providers: [
        { provide: API_CONFIG, useValue: config },
        {
          provide: TEMPORAL_CLIENT,
          useFactory: () =>
            new Client({ connection: Connection.lazy({ address: config.temporal.address }), namespace: config.temporal.namespace }),
        },
        { provide: KAFKA_ADMIN, useFactory: () => new KafkaTopicAdmin({ brokers: config.kafkaBrokers, clientId: 'motcua-api' }) },
        { provide: HealthProbe, useClass: ServerHealthProbe },
        ConnectionsCloser,
      ],
      // The dossier gateway is the app module's: it needs the store too (dossier codes).
      exports: [TEMPORAL_CLIENT, HealthProbe],
    };
  }
}
