import { methodNotAllowed } from '../errors/api-error';
import type { HttpRequest, HttpResponse, Next, RouterLayer } from './express-shapes';

/**
 * A known path asked with a method it does not serve answers 405 with `Allow`, not 404; OPTIONS
 * answers 204 with `Allow` and nothing else (no CORS headers: cross-origin use stays closed until
 * it is decided). Paths no route serves go on to the 404. The routes are read from the router
 * itself, so a route added later is known here without a second list to keep in step.
 */
export function allowedMethods(req: HttpRequest, res: HttpResponse, next: Next): void {
  const allowed = methodsServing(req.app.router?.stack ?? [], req.path);
  if (allowed === 'ANY' || allowed.length === 0) return next();
  const allow = [...allowed, 'OPTIONS'].join(', ');
  if (req.method === 'OPTIONS') {
    res.setHeader('Allow', allow);
    res.status(204).end();
    return;
  }
  if (allowed.includes(req.method)) return next();
  res.setHeader('Allow', allow);
  next(methodNotAllowed(`${req.method} is not served here; allowed: ${allow}`));
}

/** The methods the routes matching `path` serve (none: no route knows the path). */
export function methodsServing(stack: readonly RouterLayer[], path: string): string[] | 'ANY' {
  const methods = new Set<string>();
  for (const layer of stack) {
    if (!layer.route?.methods || !matches(layer, path)) continue;
    if (layer.route.methods._all) return 'ANY';
    for (const [method, on] of Object.entries(layer.route.methods)) if (on) methods.add(method.toUpperCase());
  }
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}

function matches(layer: RouterLayer, path: string): boolean {
  try {
    return Boolean(layer.match?.(path));
  } catch {
    // A malformed %-escape in a parameter: the path has this route's shape; the router answers 400.
    return true;
  }
}
