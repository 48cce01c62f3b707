import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HttpRequest, HttpResponse, Next } from '../http/express-shapes';

/** Where the pages' shell is answered: every path of the dashboard and the workbench, and the login's return. */
const SHELL = /^\/(dashboard|workbench)(\/[A-Za-z0-9._~%-]*)*$|^\/auth\/callback$/;
const ASSET = /^\/web\/([A-Za-z0-9_-]{1,64}(?:\.js)?\.(js|css|map|svg))$/;
const TYPES: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', map: 'application/json', svg: 'image/svg+xml' };

/** The identity provider's public client for pages on the API's origin (apps/identity config.ts). */
export const WEB_CLIENT_ID = 'motcua-web';

export interface WebPagesSettings {
  /** The built app (apps/dashboard → dist/apps/dashboard). */
  dir: string;
  /** The identity provider the pages log in with; its origin is the one other place they may call. */
  issuer: string | null;
  clientId: string;
  /** Where a dossier's workflow is shown (the Temporal Web UI and namespace), if anywhere. */
  temporalUi: string | null;
  namespace: string;
}

/**
 * The web pages (apps/dashboard), same origin as the API: one shell for /dashboard and
 * /workbench, its scripts and styles under /web/, and /web/config.json telling the page where to
 * log in. Only the files the build wrote, read once at start (no path from the request ever
 * reaches the file system). The page's content policy is the API's with one addition: the token
 * endpoint of the identity provider, which the page calls itself to exchange its code (PKCE).
 */
export function webPages(settings: WebPagesSettings) {
  const files = readBuild(settings.dir);
  const config = JSON.stringify({ issuer: settings.issuer, clientId: settings.clientId, temporalUi: settings.temporalUi, namespace: settings.namespace });
  const issuerOrigin = settings.issuer ? URL.parse(settings.issuer)?.origin : undefined;
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    // ECharts sets inline styles on the elements it draws into.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self'${issuerOrigin ? ` ${issuerOrigin}` : ''}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');

  return (req: HttpRequest, res: HttpResponse & { end(body?: string | Buffer): unknown }, next: Next): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    let body: Buffer | string | undefined;
    let type = 'text/html; charset=utf-8';
    if (SHELL.test(req.path)) {
      body = files.get('index.html') ?? notBuilt(settings.dir);
    } else if (req.path === '/web/config.json') {
      body = config;
      type = 'application/json';
    } else {
      const m = ASSET.exec(req.path);
      if (!m || !files.has(m[1])) return next();
      body = files.get(m[1])!;
      type = TYPES[m[2]];
    }
    res.setHeader('Content-Type', type);
    res.setHeader('Content-Security-Policy', csp);
    // The files' names carry no content hash (yet): the browser revalidates them each time.
    res.setHeader('Cache-Control', 'no-cache');
    res.status(200);
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}

function readBuild(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  if (!fs.existsSync(dir)) return files;
  for (const name of fs.readdirSync(dir)) {
    if (name === 'index.html' || ASSET.test(`/web/${name}`)) files.set(name, fs.readFileSync(path.join(dir, name)));
  }
  return files;
}

function notBuilt(dir: string): string {
  return `<!doctype html><html lang="vi"><meta charset="utf-8"><title>Bảng điều hành chưa được dựng</title><main><h1>Bảng điều hành chưa được dựng</h1><p>Không thấy tệp trong <code>${dir.replace(/[<>&]/g, '')}</code>: chạy <code>npx nx run dashboard:build</code> (npm start và npm test tự làm việc này).</p></main></html>`;
}
