import { Controller, Get, HttpCode, Inject, Post, Query, Req, Res, type BeforeApplicationShutdown } from '@nestjs/common';
import { decodeJwt } from 'jose';
import { ActorResolver } from '../actor/actor-resolver';
import { Caller } from '../auth/caller.decorator';
import type { Principal } from '../auth/principal';
import { Clock } from '../dossiers/clock';
import type { ListScope } from '../dossiers/dossier-list.query';
import { ApiError } from '../errors/api-error';
import { visibleTo, type BreachRow } from './breach-board';
import type { BoardChange, BreachFeed } from './breach-feed';
import { BREACH_FEED, STREAM_OPTIONS, STREAM_TICKETS, type StreamOptions } from './breach.tokens';
import type { StreamTickets } from './stream-ticket';

interface StreamRequest {
  headers: Record<string, string | string[] | undefined>;
  on(event: 'close', listener: () => void): unknown;
}
interface StreamResponse {
  writeHead(status: number, headers: Record<string, string>): unknown;
  write(chunk: string): boolean;
  end(): unknown;
  flushHeaders?(): void;
}

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
  /** The streams open now: ended when the API shuts down, which would otherwise wait for them. */
  private readonly open = new Set<() => void>();

  constructor(
    @Inject(BREACH_FEED) private readonly feed: BreachFeed,
    @Inject(STREAM_TICKETS) private readonly tickets: StreamTickets,
    @Inject(STREAM_OPTIONS) private readonly options: StreamOptions,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(ActorResolver) private readonly actors: ActorResolver,
  ) {}

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
    const claims = typeof ticket === 'string' ? this.tickets.check(ticket, this.clock.now()) : null;
    if (!claims) throw new ApiError(401, 'UNAUTHORIZED', 'AUTH.TICKET_INVALID', 'this stream needs ?ticket= from POST /api/v1/stream/tickets, unexpired');
    const scope = this.actors.listScope(claims.principal);
    if (!scope) throw forbidden();

    await this.feed.refresh();
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      // nginx and its kind buffer responses unless told not to: events would arrive in lumps.
      'X-Accel-Buffering': 'no',
      Connection: 'keep-alive',
    });
    const send = (event: string, data: unknown, id?: string) => res.write(`${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    res.write(`retry: ${this.options.retryMs}\n\n`);

    const header = req.headers['last-event-id'];
    const lastEventId = typeof header === 'string' ? header : typeof lastInUrl === 'string' ? lastInUrl : undefined;
    const missed = this.feed.since(lastEventId);
    if (missed === null) {
      send('snapshot', { at: this.clock.now(), rows: this.feed.rows().filter((r) => visibleTo(scope, r)).map(shown) }, this.feed.lastId);
    } else {
      for (const change of missed) send('delta', { at: this.clock.now(), ...scoped(change, scope) }, change.id);
    }
    // A change this reader may see nothing of is sent all the same (empty): the id moves on, so a resume starts after it.
    const stop = this.feed.listen((change) => send('delta', { at: this.clock.now(), ...scoped(change, scope) }, change.id));
    const heartbeat = setInterval(() => send('heartbeat', { at: this.clock.now() }), this.options.heartbeatMs);
    // The access token the ticket was bought with expires: so does the stream (the page buys another).
    const expiry = setTimeout(() => end(), Math.min(2 ** 31 - 1, Math.max(0, claims.tokenExp - Date.now())));
    const end = () => {
      stop();
      clearInterval(heartbeat);
      clearTimeout(expiry);
      this.open.delete(end);
      res.end();
    };
    this.open.add(end);
    req.on('close', end);
  }

  beforeApplicationShutdown(): void {
    for (const end of [...this.open]) end();
  }
}

/** What the page gets of a line: everything but the route (which agencies it passes through is not the board's). */
function shown(row: BreachRow): Omit<BreachRow, 'route'> {
  const { route: _route, ...rest } = row;
  return rest;
}

function scoped(change: BoardChange, scope: ListScope) {
  return { upsert: change.upsert.filter((r) => visibleTo(scope, r)).map(shown), remove: change.remove.filter((r) => visibleTo(scope, r)).map((r) => r.key) };
}
