import { logLine } from './json-logger';

interface Req {
  method: string;
  originalUrl?: string;
  url: string;
}
interface Res {
  statusCode: number;
  on(event: 'finish' | 'close', listener: () => void): unknown;
}

/**
 * One log line per request: method, path (without the query string), status, duration. No
 * bodies, no headers, no query values: nothing personal reaches the log.
 */
export function requestLog(req: Req, res: Res, next: () => void): void {
  const started = process.hrtime.bigint();
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const path = (req.originalUrl ?? req.url).split('?')[0];
    logLine('info', 'request', { method: req.method, path, status: res.statusCode, ms: Math.round(ms * 10) / 10 });
  };
  res.on('finish', finish);
  res.on('close', finish);
  next();
}
