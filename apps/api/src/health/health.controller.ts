import { Controller, Get, Inject, Res } from '@nestjs/common';
import { HealthProbe } from './health-probe';

interface StatusSetter {
  status(code: number): unknown;
}

type Check = 'UP' | 'DOWN';

/**
 * GET /health: 200 only when Temporal and Kafka both answer (CONTRACTS.md); 503 otherwise, with
 * which one is down, in the error shape too.
 */
@Controller('health')
export class HealthController {
  constructor(@Inject(HealthProbe) private readonly probe: HealthProbe) {}

  @Get()
  async health(@Res({ passthrough: true }) res: StatusSetter) {
    const { temporal, kafka } = await this.probe.check();
    const checks: Record<'temporal' | 'kafka', Check> = { temporal: temporal ? 'UP' : 'DOWN', kafka: kafka ? 'UP' : 'DOWN' };
    const down = (Object.keys(checks) as (keyof typeof checks)[]).filter((k) => checks[k] === 'DOWN');
    if (down.length === 0) return { status: 'UP', checks };
    res.status(503);
    return {
      status: 'DOWN',
      checks,
      error: { code: 'UNAVAILABLE', rule: null, message: `${down.join(' and ')} ${down.length > 1 ? 'are' : 'is'} not reachable` },
    };
  }
}
