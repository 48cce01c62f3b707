import { Controller, Get, Inject, Query, Req, Res, type BeforeApplicationShutdown } from '@nestjs/common';
import type { StoreSchema } from '@motcua/store';
import type { Kysely } from 'kysely';
import { ActorResolver } from '../actor/actor-resolver';
import { Caller } from '../auth/caller.decorator';
import type { Principal } from '../auth/principal';
import { READ_MODEL, STREAM_OPTIONS, STREAM_TICKETS, type StreamOptions } from '../breaches/breach.tokens';
import type { StreamTickets } from '../breaches/stream-ticket';
import { Clock } from '../dossiers/clock';
import type { ListScope } from '../dossiers/dossier-list.query';
import { ApiError } from '../errors/api-error';
import { parseOr400 } from '../errors/parse-body';
import { EventStreams, type StreamRequest, type StreamResponse } from '../live/event-streams';
import type { LiveFeed } from '../live/live-feed';
import { pageOf, WorkbenchQuerySchema, type Page } from './workbench-query';
import { holdsFor, readWorkbenchQueue } from './workbench-queue';
import type { WorkbenchItem } from './workbench-schemas';
import { WORKBENCH_FEED } from './workbench.tokens';

/**
 * The officers' workbench queue (CONTRACTS.md `GET /workbench`): the dossiers the caller's unit or
 * agency holds now, from the projector's read model, nearest deadline first. A one-stop officer
 * sees its unit's, an agency's officers and head their agency's parts, operations and auditors
 * every holder's; no other role has a queue (403). The same lines live over Server-Sent Events,
 * with a ticket from POST /api/v1/stream/tickets, as the breach board (live/event-streams.ts).
 */
@Controller('api/v1/workbench')
export class WorkbenchController implements BeforeApplicationShutdown {
  private readonly streams: EventStreams;

  constructor(
    @Inject(READ_MODEL) private readonly db: Kysely<StoreSchema> | null,
    @Inject(WORKBENCH_FEED) private readonly feed: LiveFeed<WorkbenchItem>,
    @Inject(STREAM_TICKETS) tickets: StreamTickets,
    @Inject(STREAM_OPTIONS) options: StreamOptions,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(ActorResolver) private readonly actors: ActorResolver,
  ) {
    this.streams = new EventStreams(tickets, options, () => clock.now());
  }

  @Get('queue')
  async queue(@Query() query: unknown, @Caller() caller: Principal): Promise<Page<WorkbenchItem>> {
    const scope = this.scopeOf(caller);
    const { page, pageSize, ...narrowing } = parseOr400(WorkbenchQuerySchema, query ?? {}, 'query', 'WORKBENCH.BAD_QUERY');
    const items = this.db ? await readWorkbenchQueue(this.db, this.clock.now(), scope, narrowing) : [];
    return pageOf(items, page, pageSize);
  }

  @Get('stream')
  async stream(@Query('ticket') ticket: unknown, @Query('lastEventId') lastInUrl: unknown, @Req() req: StreamRequest, @Res() res: StreamResponse): Promise<void> {
    const claims = this.streams.claims(ticket);
    // Checked again when the stream opens: a ticket names a principal, not a right to this list.
    const scope = this.scopeOf(claims.principal);
    await this.streams.serve(this.feed, { visible: (item) => holdsFor(scope, item), shown: (item) => item }, claims, lastInUrl, req, res);
  }

  beforeApplicationShutdown(): void {
    this.streams.endAll();
  }

  private scopeOf(caller: Principal): ListScope {
    const scope = this.actors.listScope(caller);
    if (!scope) throw new ApiError(403, 'FORBIDDEN', 'ACCESS.MAY_NOT_READ', 'the workbench queue is for one-stop officers, agency officers and heads, operations and auditors');
    return scope;
  }
}
