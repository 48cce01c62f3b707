import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { RequestLog } from './request-log';
import type { Answer, PostalSimulator } from './simulator';

/** The largest request body taken, as the API's webhook (64 kB). */
const BODY_LIMIT = 64 * 1024;

function reply(res: ServerResponse, answer: Answer): void {
  res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
  res.end(JSON.stringify(answer.body));
}

const notFound = (what: string): Answer => ({ status: 404, body: { error: { code: 'NOT_FOUND', rule: 'ORDER.NOT_FOUND', message: what } } });

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const header = (req: IncomingMessage, name: string) => {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
};

/**
 * The simulated post's HTTP surface (node:http: a handful of routes of a stand-in partner need no
 * framework, and its answers do not go through our API's code):
 *   POST /orders, DELETE /orders/{orderRef}         the order API of the contract
 *   GET /orders, GET /orders/{orderRef}, GET /log    its state and every exchange, for integrators
 *   POST /admin/orders/{orderRef}/events             one event on demand (tests)
 *   GET /health
 */
export function createSimulatorServer(sim: PostalSimulator, log: RequestLog, timeoutMs: number): Server {
  const hanging = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) reply(res, { status: 500, body: { error: { code: 'INTERNAL', rule: 'PARTNER.INTERNAL_ERROR', message: e instanceof Error ? e.message : String(e) } } });
    });
  });
  server.on('close', () => hanging.forEach(clearTimeout));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const parts = url.pathname.split('/').filter((p) => p !== '').map(decodeURIComponent);
    const method = req.method ?? 'GET';
    const raw = await readBody(req);
    if (raw === null) return reply(res, { status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE', rule: 'ORDER.TOO_LARGE', message: `the body is larger than ${BODY_LIMIT / 1024} kB` } } });

    if (method === 'GET' && url.pathname === '/health') return reply(res, { status: 200, body: { status: 'ok' } });
    if (parts[0] === 'orders' && parts.length === 1) {
      if (method === 'POST') {
        const answer = sim.placeOrder(header(req, 'idempotency-key'), raw, req.url);
        if (!answer.hangUp) return reply(res, answer);
        const timer = setTimeout(() => {
          hanging.delete(timer);
          req.socket.destroy();
        }, timeoutMs);
        hanging.add(timer);
        return;
      }
      if (method === 'GET') return reply(res, { status: 200, body: sim.orders() });
    }
    if (parts[0] === 'orders' && parts.length === 2) {
      if (method === 'DELETE') return reply(res, sim.cancel(parts[1], req.url));
      if (method === 'GET') {
        const order = sim.order(parts[1]);
        return reply(res, order ? { status: 200, body: order } : notFound(`no order ${parts[1]}`));
      }
    }
    if (method === 'GET' && url.pathname === '/log') {
      const since = url.searchParams.get('since');
      return reply(res, { status: 200, body: log.list({ orderRef: url.searchParams.get('orderRef') ?? undefined, since: since === null ? undefined : Number(since) }) });
    }
    if (method === 'POST' && parts[0] === 'admin' && parts[1] === 'orders' && parts[3] === 'events' && parts.length === 4) {
      let body: unknown;
      try {
        body = raw === '' ? {} : JSON.parse(raw);
      } catch {
        return reply(res, { status: 400, body: { error: { code: 'BAD_REQUEST', rule: 'ORDER.MALFORMED', message: 'the body is not valid JSON' } } });
      }
      return reply(res, await sim.trigger(parts[2], body));
    }
    return reply(res, notFound(`no route ${method} ${url.pathname}`));
  }

  return server;
}
