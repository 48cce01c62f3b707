import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { TopicAdmin } from '@motcua/event-bus';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { KAFKA_ADMIN, TEMPORAL_CLIENT } from '../temporal/temporal.tokens';
import type { HealthProbe } from './health-probe';

/** Temporal: a GetSystemInfo call under a short deadline; Kafka: a metadata request (ping). */
@Injectable()
export class ServerHealthProbe implements HealthProbe {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(KAFKA_ADMIN) private readonly kafka: TopicAdmin,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async check() {
    const timeout = this.config.healthTimeoutMs;
    const temporal = this.client.connection
      .withDeadline(Date.now() + timeout, () => this.client.workflowService.getSystemInfo({}))
      .then(
        () => true,
        () => false,
      );
    const [t, k] = await Promise.all([within(temporal, timeout), within(this.kafka.ping(timeout), timeout)]);
    return { temporal: t, kafka: k };
  }
}

/** A lazy connection's first call may wait for its connect before the deadline applies: bound it here too. */
function within(check: Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  return Promise.race([check, timeout]).finally(() => clearTimeout(timer));
}
