import { Controller, Get, HttpCode, Inject, Post, Query, Req, Res, type BeforeApplicationShutdown } from '@nestjs/common';
import { decodeJwt } from 'jose';
import { ActorResolver } from '../actor/actor-resolver';
import { Caller } from '../auth/caller.decorator';
import type { Principal } from '../auth/principal';
import { Clock } from '../dossiers/clock';
import { ApiError } from '../errors/api-error';
import { EventStreams, type StreamRequest, type StreamResponse } from '../live/event-streams';
import { visibleTo, type BreachRow } from './breach-board';
import type { BreachFeed } from './breach-feed';
import { BREACH_FEED, STREAM_OPTIONS, STREAM_TICKETS, type StreamOptions } from './breach.tokens';
import type { StreamTickets } from './stream-ticket';

const forbidden = () => new ApiError(403, 'FORBIDDEN', 'ACCESS.MAY_NOT_READ', 'the breach board shows dossiers this account may read; it may read none');

/**
 * The breach board, live (CONTRACTS.md `GET /dashboard`): Server-Sent Events from the read model.
 * A page first buys a ticket with its access token (POST /api/v1/stream/tickets; why a ticket:
 * stream-ticket.ts), then opens GET /api/v1/stream/breaches?ticket=…: a `snapshot` of the board as
 * this caller may see it (scoped as the dossier list), then a `delta` for each change, each with
 * an id the browser sends back as `Last-Event-ID` when it reconnects (or `lastEventId=` in the
 * URL when the page reopens the stream itself with a new ticket), and a `heartbeat` every
 * `heartbeatMs` so proxies and the page know the line is alive. Each carries `at`, the API's clock
 * (epoch ms), which the page counts "how long overdue" from, whatever its own clock says.
 */
@Controller('api/v1/stream')
export class BreachStreamController implements BeforeApplicationShutdown {
  private readonly streams: EventStreams;

  constructor(
    @Inject(BREACH_FEED) private readonly feed: BreachFeed,
    @Inject(STREAM_TICKETS) private readonly tickets: StreamTickets,
    @Inject(STREAM_OPTIONS) private readonly options: StreamOptions,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(ActorResolver) private readonly actors: ActorResolver,
  ) {
    this.streams = new EventStreams(tickets, options, () => clock.now());
  }

  @Post('tickets')
  @HttpCode(201)
  ticket(@Caller() caller: Principal, @Req() req: StreamRequest): { ticket: string; expiresAt: string } {
    if (!this.actors.listScope(caller)) throw forbidden();
    const now = this.clock.now();
    // The token was verified by `authenticate`; its expiry bounds the stream it opens.
    const bearer = String(req.headers.authorization).slice('Bearer '.length);
    const exp = decodeJwt(bearer).exp;
    const { ticket, expiresAt } = this.tickets.issue(caller, now, typeof exp === 'number' ? exp * 1000 : now + this.options.ticketTtlMs);
    return { ticket, expiresAt: new Date(expiresAt).toISOString() };
  }

  @Get('breaches')
  async breaches(@Query('ticket') ticket: unknown, @Query('lastEventId') lastInUrl: unknown, @Req() req: StreamRequest, @Res() res: StreamResponse): Promise<void> {
    const claims = this.streams.claims(ticket);
    const scope = this.actors.listScope(claims.principal);
    if (!scope) throw forbidden();
    await this.streams.serve(this.feed, { visible: (r) => visibleTo(scope, r), shown }, claims, lastInUrl, req, res);
  }

  beforeApplicationShutdown(): void {
    this.streams.endAll();
  }
}

/** What the page gets of a line: everything but the route (which agencies it passes through is not the board's). */
function shown(row: BreachRow): Omit<BreachRow, 'route'> {
  const { route: _route, ...rest } = row;
  return rest;
}

