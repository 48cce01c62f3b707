import { Controller, Get, Inject, Query } from '@nestjs/common';
import { mayReadReports, REPORT_READERS } from '@motcua/dossier';
import type { StoreSchema } from '@motcua/store';
import type { Kysely } from 'kysely';
import { ActorResolver } from '../actor/actor-resolver';
import { Caller } from '../auth/caller.decorator';
import type { Principal } from '../auth/principal';
import { READ_MODEL } from '../breaches/breach.tokens';
import { Clock } from '../dossiers/clock';
import { ApiError } from '../errors/api-error';
import { parseOr400 } from '../errors/parse-body';
import { dashboardScope } from './dashboard-scope';
import { readAlertWebhookFailures, type AlertWebhookFailures } from './alert-webhook-failures';
import { parseHandoffQuery, readHandoffPerformance, type HandoffPerformance } from './handoff-performance';
import { PostalTransitQuerySchema, readPostalTransit, vietnamIso, type PostalTransit } from './postal-transit';

/**
 * The operations dashboard's read-model figures beyond the statutory reports: handoff performance
 * per receiver (the control sheet's rows) and the post's legs, scoped as the breach board; the
 * alert webhook's failures, for operations and auditors only.
 */
@Controller('api/v1')
export class OperationsController {
  constructor(
    @Inject(READ_MODEL) private readonly db: Kysely<StoreSchema> | null,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(ActorResolver) private readonly actors: ActorResolver,
  ) {}

  @Get('dashboard/handoffs')
  async handoffs(@Query() query: unknown, @Caller() caller: Principal): Promise<HandoffPerformance> {
    const scope = dashboardScope(this.actors, caller);
    const { period, agency } = parseHandoffQuery(query);
    return this.db ? readHandoffPerformance(this.db, period, scope, agency) : { period: { from: period.from, to: period.to }, receivers: [] };
  }

  @Get('dashboard/postal-legs')
  async postalLegs(@Query() query: unknown, @Caller() caller: Principal): Promise<PostalTransit> {
    const scope = dashboardScope(this.actors, caller);
    const { unit } = parseOr400(PostalTransitQuerySchema, query ?? {}, 'query');
    const now = this.clock.now();
    return this.db ? readPostalTransit(this.db, now, scope, unit) : { at: vietnamIso(now), units: [], lateLegs: [] };
  }

  @Get('operations/alert-webhook')
  async alertWebhook(@Caller() caller: Principal): Promise<AlertWebhookFailures> {
    if (!caller.roles.some(mayReadReports)) {
      throw new ApiError(403, 'FORBIDDEN', 'ACCESS.OPERATIONS_ONLY', `the alert webhook's failures are for ${REPORT_READERS.join(', ')}; this account is ${caller.roles.join(', ') || 'without a role'}`);
    }
    return this.db ? readAlertWebhookFailures(this.db) : { failed: 0, retrying: 0, rows: [] };
  }
}
