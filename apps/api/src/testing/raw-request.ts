import { connect } from 'node:net';

export interface RawRequest {
  method: string;
  /** Sent as given: a malformed %-escape stays malformed. */
  path: string;
  /** In order, repeats allowed (fetch would join or refuse them). */
  headers?: [string, string][];
  body?: string;
  /** Sends the body in 64 kB chunks without a Content-Length. */
  chunked?: boolean;
}

export interface RawAnswer {
  status: number;
  /** Lower-case names; a repeated header's values joined with ", ". */
  headers: Record<string, string>;
  body: string;
}

/** One HTTP/1.1 request written byte for byte, on its own connection. */
export function rawRequest(baseUrl: string, req: RawRequest): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl);
  const body = Buffer.from(req.body ?? '', 'utf8');
  const head = [`${req.method} ${req.path} HTTP/1.1`, `Host: ${hostname}:${port}`, 'Connection: close'];
  for (const [name, value] of req.headers ?? []) head.push(`${name}: ${value}`);
  let payload = body;
  if (req.chunked) {
    head.push('Transfer-Encoding: chunked');
    const parts: Buffer[] = [];
    for (let i = 0; i < body.length; i += 65536) {
      const chunk = body.subarray(i, i + 65536);
      parts.push(Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n'));
    }
    payload = Buffer.concat([...parts, Buffer.from('0\r\n\r\n')]);
  } else if (req.body !== undefined) {
    head.push(`Content-Length: ${body.length}`);
  }
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    // The server may answer (413, 415) and close before it has read everything: keep the answer.
    socket.on('error', (e) => (chunks.length ? socket.destroy() : reject(e)));
    socket.on('close', () => {
      const bytes = Buffer.concat(chunks);
      const split = bytes.indexOf('\r\n\r\n');
      if (split < 0) return reject(new Error(`no HTTP answer to ${req.method} ${req.path}`));
      const [statusLine, ...lines] = bytes.subarray(0, split).toString('latin1').split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim().toLowerCase();
        const value = line.slice(colon + 1).trim();
        headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
      }
      const rest = bytes.subarray(split + 4);
      const body = headers['transfer-encoding'] === 'chunked' ? dechunk(rest) : rest;
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: body.toString('utf8') });
    });
    socket.write(Buffer.concat([Buffer.from(head.join('\r\n') + '\r\n\r\n'), payload]));
  });
}

function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = body.indexOf('\r\n', at);
    const size = parseInt(body.subarray(at, eol).toString('latin1'), 16);
    if (!size) return Buffer.concat(parts);
    parts.push(body.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
}
