import type { Session } from './auth';

/** A line of the breach board as the API sends it (apps/api/src/breaches/breach-board.ts). */
export interface BreachLine {
  key: string;
  code: string;
  scope: 'DOSSIER' | 'STAGE';
  state: 'NEAR_DUE' | 'OVERDUE';
  unit: string;
  channel: string | null;
  procedureCode: string;
  procedureName: string | null;
  stage: number | null;
  agencies: string[];
  dueAt: number;
  newAppointment: number | null;
  apology: 'MADE' | 'MADE_LATE' | 'MISSED' | 'NONE';
}

export interface StreamHandlers {
  snapshot(lines: BreachLine[], serverNow: number): void;
  delta(upsert: BreachLine[], remove: string[], serverNow: number): void;
  /** `serverNow`: the API's clock at the last event or heartbeat. */
  status(state: 'connecting' | 'live' | 'reconnecting', serverNow?: number): void;
  /** The session's token was refused: log in again. */
  unauthorized(): void;
}

/**
 * The board's live feed: a ticket bought with the access token, then an EventSource. The browser
 * reconnects by itself (sending Last-Event-ID); when the server refuses that (the ticket expired,
 * or the stream ended with the access token), the page buys a new ticket and reopens the stream
 * from the last event it saw. Events come when something changes: the page never polls.
 */
export class BreachStream {
  private source: EventSource | null = null;
  private lastEventId: string | null = null;
  private closed = false;

  constructor(
    private readonly session: () => Session | null,
    private readonly on: StreamHandlers,
  ) {}

  async open(): Promise<void> {
    const session = this.session();
    if (!session) return this.on.unauthorized();
    this.on.status(this.lastEventId ? 'reconnecting' : 'connecting');
    const res = await fetch('/api/v1/stream/tickets', { method: 'POST', headers: { authorization: `Bearer ${session.accessToken}` } });
    if (res.status === 401) return this.on.unauthorized();
    if (!res.ok) throw new Error(`Không mở được luồng cập nhật (${res.status}).`);
    const { ticket } = (await res.json()) as { ticket: string };
    const url = new URL('/api/v1/stream/breaches', location.origin);
    url.searchParams.set('ticket', ticket);
    if (this.lastEventId) url.searchParams.set('lastEventId', this.lastEventId);
    const source = new EventSource(url);
    this.source = source;
    source.addEventListener('snapshot', (e) => {
      this.lastEventId = e.lastEventId;
      const d = JSON.parse(e.data) as { at: number; rows: BreachLine[] };
      this.on.snapshot(d.rows, d.at);
      this.on.status('live', d.at);
    });
    source.addEventListener('delta', (e) => {
      this.lastEventId = e.lastEventId;
      const d = JSON.parse(e.data) as { at: number; upsert: BreachLine[]; remove: string[] };
      this.on.delta(d.upsert, d.remove, d.at);
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
