import { createServer, type Server } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler } from '@electric-sql/pglite-socket';

/**
 * The embedded store (PGlite) served over PostgreSQL's wire protocol, so that several processes
 * (API, worker, projector) share it through `pg` at a postgres:// URL, the same path as production
 * PostgreSQL. PGlite's data folder can be opened by one process only: this server is that process.
 *
 * The wire protocol (message framing, SSL refusal, startup) is @electric-sql/pglite-socket's; the
 * scheduling of the one PGlite session between clients is ours (`OneSessionAtATime`).
 */
export interface EmbeddedStoreServer {
  /** postgres://… for node-postgres: PGlite's one database and user are both `postgres`. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export interface EmbeddedStoreServerOptions {
  /** PGlite's data folder (kept across restarts); in memory when absent. */
  dataDir?: string;
  host?: string;
  /** 0 = a free port. */
  port?: number;
}

interface Turn {
  client: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: Error) => void;
}

/** The Sync message: ends an extended-protocol exchange a client left unfinished. */
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);

/** The output so far ends with ReadyForQuery('I'): the session is idle, outside any transaction. */
function endsIdle(tail: Uint8Array): boolean {
  return tail.length === 6 && tail[0] === 0x5a && tail[1] === 0 && tail[2] === 0 && tail[3] === 0 && tail[4] === 5 && tail[5] === 0x49;
}

function lastSix(tail: Uint8Array, data: Uint8Array): Uint8Array {
  if (data.length >= 6) return data.slice(data.length - 6);
  const joined = new Uint8Array(tail.length + data.length);
  joined.set(tail);
  joined.set(data, tail.length);
  return joined.slice(Math.max(0, joined.length - 6));
}

/**
 * PGlite has one session. pglite-socket's own queue hands it out protocol message by protocol
 * message and keeps only explicit transactions together, so an extended-protocol exchange (Parse,
 * Bind, Execute, Sync) whose messages arrive in several TCP reads is interleaved with another
 * client's, and binds to that client's unnamed statement: measured with 200 concurrent queries
 * from three pools, a third of them with a 300 kB parameter, 7 failed with the other query's type
 * error. Here a client keeps the session from its first message until PGlite answers
 * ReadyForQuery idle ('I'): through a whole exchange, and through a whole transaction ('T', 'E').
 * Others wait in arrival order. A client that goes away while it holds the session has its
 * exchange ended (Sync) and its transaction rolled back.
 *
 * It has the shape PGLiteSocketHandler calls (enqueue, clearQueueForHandler,
 * clearTransactionIfNeeded).
 */
export class OneSessionAtATime {
  private waiting: Turn[] = [];
  private holder: number | null = null;
  private running = false;

  constructor(private readonly db: PGlite) {}

  enqueue(client: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ client, message, onData, resolve, reject });
      void this.run();
    });
  }

  clearQueueForHandler(client: number): void {
    const mine = this.waiting.filter((t) => t.client === client);
    this.waiting = this.waiting.filter((t) => t.client !== client);
    for (const t of mine) t.reject(new Error('client disconnected'));
  }

  async clearTransactionIfNeeded(client: number): Promise<void> {
    if (this.holder !== client) return;
    await this.db.runExclusive(() => this.db.execProtocolRaw(SYNC));
    if (this.db.isInTransaction()) await this.db.exec('rollback');
    this.holder = null;
    void this.run();
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const i = this.holder === null ? (this.waiting.length ? 0 : -1) : this.waiting.findIndex((t) => t.client === this.holder);
        if (i < 0) return;
        const [turn] = this.waiting.splice(i, 1);
        this.holder = turn.client;
        let tail: Uint8Array = new Uint8Array(0);
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(turn.message, {
              onRawData: (data) => {
                bytes += data.length;
                tail = lastSix(tail, data);
                turn.onData(data);
              },
            }),
          );
        } catch (e) {
          // The handler detaches the client on this, which ends its exchange (clearTransactionIfNeeded).
          turn.reject(e instanceof Error ? e : new Error(String(e)));
          continue;
        }
        if (endsIdle(tail)) this.holder = null;
        turn.resolve(bytes);
      }
    } finally {
      this.running = false;
    }
  }
}

/** Opens PGlite in `dataDir` and serves it on host:port until closed. */
export async function serveEmbeddedStore(options: EmbeddedStoreServerOptions = {}): Promise<EmbeddedStoreServer> {
  const db = await PGlite.create(options.dataDir ? { dataDir: options.dataDir } : {});
  const sessions = new OneSessionAtATime(db);
  const handlers = new Set<PGLiteSocketHandler>();
  const server: Server = createServer((socket) => {
    // Its options name pglite-socket's own queue class (private members): ours has its public shape.
    const handler = new PGLiteSocketHandler({ queryQueue: sessions as unknown as ConstructorParameters<typeof PGLiteSocketHandler>[0]['queryQueue'], closeOnDetach: true });
    handlers.add(handler);
    const forget = () => handlers.delete(handler);
    handler.addEventListener('close', forget);
    handler.addEventListener('error', forget);
    handler.attach(socket).catch(() => socket.destroy());
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as { port: number };
  return {
    url: `postgres://postgres@${host}:${port}/postgres`,
    port,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const h of handlers) await h.detach(true);
      await closed;
      await db.close();
    },
  };
}
