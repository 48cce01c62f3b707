import { Controller, Get, Inject, Query } from '@nestjs/common';
import type { StoreSchema } from '@motcua/store';
import type { Kysely } from 'kysely';
import { ActorResolver } from '../actor/actor-resolver';
import { Caller } from '../auth/caller.decorator';
import type { Principal } from '../auth/principal';
import { Clock } from '../dossiers/clock';
import { dashboardScope } from '../operations/dashboard-scope';
import { parseOr400 } from '../errors/parse-body';
import { READ_MODEL } from './breach.tokens';
import { BreachDaysQuerySchema, lastYear, readBreachDays, type BreachDay } from './breaches-per-day';

/** GET /api/v1/dashboard/breaches-per-day: the dashboard's calendar heat map, scoped as the dossier list. */
@Controller('api/v1/dashboard')
export class BreachDaysController {
  constructor(
    @Inject(READ_MODEL) private readonly db: Kysely<StoreSchema> | null,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(ActorResolver) private readonly actors: ActorResolver,
  ) {}

  @Get('breaches-per-day')
  async perDay(@Query() query: unknown, @Caller() caller: Principal): Promise<{ from: string; to: string; days: BreachDay[] }> {
    const scope = dashboardScope(this.actors, caller);
    const given = query && Object.keys(query).length > 0 ? query : lastYear(this.clock.now());
    const { from, to } = parseOr400(BreachDaysQuerySchema, given, 'query');
    return { from, to, days: this.db ? await readBreachDays(this.db, from, to, scope) : [] };
  }
}
