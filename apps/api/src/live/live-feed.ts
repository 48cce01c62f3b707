import { randomBytes } from 'node:crypto';

/** A line of a live list: what tells it from the others. */
export interface Keyed {
  readonly key: string;
}

/** One step of the list: lines added or changed, lines gone. `id` is the SSE event id. */
export interface FeedChange<R extends Keyed> {
  readonly id: string;
  readonly upsert: readonly R[];
  /** The lines as they were before they left, so a reader's scope can be checked on them too. */
  readonly remove: readonly R[];
}

export interface FeedOptions {
  /** How often the read model is read while someone listens. */
  intervalMs: number;
  /** How many steps are kept for a `Last-Event-ID` resume; older ones get a fresh snapshot. */
  keep: number;
  onError: (e: unknown) => void;
}

/**
 * A list of this API process (the breach board, the workbench queue), kept current while at least
 * one page listens: read from
 * the read model every `intervalMs` (one query for every listener), compared line by line with
 * the last reading, and each difference numbered `<epoch>-<n>` and handed to the listeners. The
 * last `keep` differences are kept so a page that reconnects with `Last-Event-ID` gets only what
 * it missed; an id of another process (another epoch: the API restarted) or one too old gets a
 * snapshot instead. The page itself never polls.
 */
export class LiveFeed<R extends Keyed> {
  readonly epoch = randomBytes(4).toString('hex');
  private rev = 0;
  private lines = new Map<string, { row: R; json: string }>();
  private history: { rev: number; change: FeedChange<R> }[] = [];
  private readonly listeners = new Set<(c: FeedChange<R>) => void>();
  private timer: NodeJS.Timeout | null = null;
  private reading: Promise<void> | null = null;

  constructor(
    private readonly read: () => Promise<R[]>,
    private readonly options: FeedOptions,
  ) {}

  get lastId(): string {
    return `${this.epoch}-${this.rev}`;
  }

  rows(): R[] {
    return [...this.lines.values()].map((l) => l.row);
  }

  /** Brings the board up to date now (a listener arriving while nobody listened finds it stale). */
  refresh(): Promise<void> {
    // One reading at a time: a slow read model is not read twice over.
    this.reading ??= this.readOnce().finally(() => (this.reading = null));
    return this.reading;
  }

  /** The changes after `lastEventId`, in order; null when it cannot be resumed (send a snapshot). */
  since(lastEventId: string | undefined): FeedChange<R>[] | null {
    const m = lastEventId ? /^([0-9a-f]{8})-(\d{1,15})$/.exec(lastEventId) : null;
    if (!m || m[1] !== this.epoch) return null;
    const rev = Number(m[2]);
    if (rev > this.rev) return null;
    if (rev === this.rev) return [];
    const oldest = this.history[0]?.rev ?? this.rev + 1;
    if (rev + 1 < oldest) return null;
    return this.history.filter((h) => h.rev > rev).map((h) => h.change);
  }

  /** Every later change goes to `listener` until the returned function is called. */
  listen(listener: (c: FeedChange<R>) => void): () => void {
    this.listeners.add(listener);
    if (!this.timer) {
      this.timer = setInterval(() => void this.refresh(), this.options.intervalMs);
      this.timer.unref();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  }

  close(): void {
    this.listeners.clear();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async readOnce(): Promise<void> {
    let rows: R[];
    try {
      rows = await this.read();
    } catch (e) {
      this.options.onError(e);
      return;
    }
    const next = new Map(rows.map((row) => [row.key, { row, json: JSON.stringify(row) }]));
    const upsert = [...next.values()].filter((l) => this.lines.get(l.row.key)?.json !== l.json).map((l) => l.row);
    const remove = [...this.lines.values()].filter((l) => !next.has(l.row.key)).map((l) => l.row);
    this.lines = next;
    if (upsert.length === 0 && remove.length === 0) return;
    this.rev++;
    const change: FeedChange<R> = { id: this.lastId, upsert, remove };
    this.history.push({ rev: this.rev, change });
    if (this.history.length > this.options.keep) this.history.splice(0, this.history.length - this.options.keep);
    for (const listener of this.listeners) listener(change);
  }
}
