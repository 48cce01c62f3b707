import type { Session } from './auth';

export type FeedState = 'connecting' | 'live' | 'reconnecting';

export interface FeedHandlers<Snapshot, Delta> {
  snapshot(data: Snapshot): void;
  delta(data: Delta): void;
  /** `serverNow`: the API's clock at the last event or heartbeat. */
  status(state: FeedState, serverNow?: number): void;
  /** The session's token was refused: log in again. */
  unauthorized(): void;
}

/**
 * A live feed of the API (server-sent events): a ticket bought with the access token, then an
 * EventSource on `path`. The browser reconnects by itself (sending Last-Event-ID); when the
 * server refuses that (the ticket expired, or the stream ended with the access token), the page
 * buys a new ticket and reopens the stream from the last event it saw. Events come when something
 * changes: the page never polls.
 */
export class LiveFeed<Snapshot extends { at: number }, Delta extends { at: number }> {
  private source: EventSource | null = null;
  private lastEventId: string | null = null;
  private closed = false;

  constructor(
    private readonly path: string,
    private readonly session: () => Session | null,
    private readonly on: FeedHandlers<Snapshot, Delta>,
  ) {}

  async open(): Promise<void> {
    const session = this.session();
    if (!session) return this.on.unauthorized();
    this.on.status(this.lastEventId ? 'reconnecting' : 'connecting');
    const res = await fetch('/api/v1/stream/tickets', { method: 'POST', headers: { authorization: `Bearer ${session.accessToken}` } });
    if (res.status === 401) return this.on.unauthorized();
    if (!res.ok) throw new Error(`Không mở được luồng cập nhật (${res.status}).`);
    const { ticket } = (await res.json()) as { ticket: string };
    if (this.closed) return;
    const url = new URL(this.path, location.origin);
    url.searchParams.set('ticket', ticket);
    if (this.lastEventId) url.searchParams.set('lastEventId', this.lastEventId);
    const source = new EventSource(url);
    this.source = source;
    source.addEventListener('snapshot', (e) => {
      this.lastEventId = e.lastEventId;
      const d = JSON.parse(e.data) as Snapshot;
      this.on.snapshot(d);
      this.on.status('live', d.at);
    });
    source.addEventListener('delta', (e) => {
      this.lastEventId = e.lastEventId;
      const d = JSON.parse(e.data) as Delta;
      this.on.delta(d);
      this.on.status('live', d.at);
    });
    source.addEventListener('heartbeat', (e) => this.on.status('live', (JSON.parse(e.data) as { at: number }).at));
    source.addEventListener('error', () => {
      if (this.closed) return;
      if (source.readyState === EventSource.CLOSED) {
        // The server refused the reconnection (an expired ticket): a new ticket, once, after a pause.
        this.source = null;
        this.on.status('reconnecting');
        setTimeout(() => void this.open().catch(() => this.on.status('reconnecting')), 2000);
      } else {
        this.on.status('reconnecting');
      }
    });
  }

  close(): void {
    this.closed = true;
    this.source?.close();
  }
}
