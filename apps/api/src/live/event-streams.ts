import { ApiError } from '../errors/api-error';
import type { StreamOptions } from '../breaches/breach.tokens';
import type { StreamTickets, TicketClaims } from '../breaches/stream-ticket';
import type { FeedChange, Keyed, LiveFeed } from './live-feed';

export interface StreamRequest {
  headers: Record<string, string | string[] | undefined>;
  on(event: 'close', listener: () => void): unknown;
}
export interface StreamResponse {
  writeHead(status: number, headers: Record<string, string>): unknown;
  write(chunk: string): boolean;
  end(): unknown;
  flushHeaders?(): void;
}

/** What one reader gets of a feed: the lines it may see, as it sees them, and the key a removal names. */
export interface Reader<R extends Keyed> {
  visible(row: R): boolean;
  shown(row: R): unknown;
}

/**
 * Server-Sent Events from a live feed (the breach board, the workbench queue), for readers who
 * opened it with a ticket (stream-ticket.ts): a `snapshot` of the lines this reader may see, then
 * a `delta` (`upsert`: lines, `remove`: keys) for each change, each with an id the browser sends
 * back as `Last-Event-ID` when it reconnects (or `lastEventId=` in the URL when the page reopens
 * the stream itself with a new ticket), and a `heartbeat` every `heartbeatMs` so proxies and the
 * page know the line is alive. Each carries `at`, the API's clock (epoch ms). The reader's scope
 * is checked on every line it is sent, removals included.
 */
export class EventStreams {
  /** The streams open now: ended when the API shuts down, which would otherwise wait for them. */
  private readonly open = new Set<() => void>();

  constructor(
    private readonly tickets: StreamTickets,
    private readonly options: StreamOptions,
    private readonly now: () => number,
  ) {}

  /** The ticket's claims, or 401 AUTH.TICKET_INVALID. */
  claims(ticket: unknown): TicketClaims {
    const claims = typeof ticket === 'string' ? this.tickets.check(ticket, this.now()) : null;
    if (!claims) throw new ApiError(401, 'UNAUTHORIZED', 'AUTH.TICKET_INVALID', 'this stream needs ?ticket= from POST /api/v1/stream/tickets, unexpired');
    return claims;
  }

  async serve<R extends Keyed>(feed: LiveFeed<R>, reader: Reader<R>, claims: TicketClaims, lastInUrl: unknown, req: StreamRequest, res: StreamResponse): Promise<void> {
    await feed.refresh();
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      // nginx and its kind buffer responses unless told not to: events would arrive in lumps.
      'X-Accel-Buffering': 'no',
      Connection: 'keep-alive',
    });
    const send = (event: string, data: unknown, id?: string) => res.write(`${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    res.write(`retry: ${this.options.retryMs}\n\n`);
    const scoped = (change: FeedChange<R>) => ({
      upsert: change.upsert.filter((r) => reader.visible(r)).map((r) => reader.shown(r)),
      remove: change.remove.filter((r) => reader.visible(r)).map((r) => r.key),
    });

    const header = req.headers['last-event-id'];
    const lastEventId = typeof header === 'string' ? header : typeof lastInUrl === 'string' ? lastInUrl : undefined;
    const missed = feed.since(lastEventId);
    if (missed === null) {
      send('snapshot', { at: this.now(), rows: feed.rows().filter((r) => reader.visible(r)).map((r) => reader.shown(r)) }, feed.lastId);
    } else {
      for (const change of missed) send('delta', { at: this.now(), ...scoped(change) }, change.id);
    }
    // A change this reader may see nothing of is sent all the same (empty): the id moves on, so a resume starts after it.
    const stop = feed.listen((change) => send('delta', { at: this.now(), ...scoped(change) }, change.id));
    const heartbeat = setInterval(() => send('heartbeat', { at: this.now() }), this.options.heartbeatMs);
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

  endAll(): void {
    for (const end of [...this.open]) end();
  }
}
