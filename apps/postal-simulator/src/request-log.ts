/** One HTTP exchange of the simulated post, either way, as GET /log shows it. */
export interface LogEntry {
  seq: number;
  at: string;
  /** `received`: a call to the post's order API; `sent`: a webhook the post made. */
  direction: 'received' | 'sent';
  method: string;
  url: string;
  /** The headers that matter to the exchange (Idempotency-Key, webhook-*). */
  headers: Record<string, string>;
  /** The request body, contact data (sender, receiver) left out. */
  body: unknown;
  status: number | null;
  answer: unknown;
  /** What the simulator made of it: a fault it injected, a retry, an abandoned delivery, a network error. */
  note?: string;
}

/** The last `limit` exchanges, in memory (a restart starts a new log; the orders are kept). */
export class RequestLog {
  private entries: LogEntry[] = [];
  private seq = 0;

  constructor(
    private readonly limit = 10_000,
    private readonly echo: (entry: LogEntry) => void = () => undefined,
  ) {}

  add(entry: Omit<LogEntry, 'seq'>): LogEntry {
    const full = { seq: ++this.seq, ...entry };
    this.entries.push(full);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
    this.echo(full);
    return full;
  }

  list(filter: { orderRef?: string; since?: number } = {}): LogEntry[] {
    return this.entries.filter((e) => (filter.since === undefined || e.seq > filter.since) && (filter.orderRef === undefined || mentions(e, filter.orderRef)));
  }
}

function mentions(e: LogEntry, orderRef: string): boolean {
  return e.url.endsWith(`/${encodeURIComponent(orderRef)}`) || e.url.includes(`/${encodeURIComponent(orderRef)}/`) || (typeof e.body === 'object' && e.body !== null && (e.body as { orderRef?: unknown }).orderRef === orderRef);
}
