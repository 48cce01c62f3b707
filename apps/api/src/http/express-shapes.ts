/**
 * The little of Express's request and response the API's own middleware uses (Express's types
 * are not a dependency of this repository).
 */
export interface HttpRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  app: { router?: { stack?: readonly RouterLayer[] } };
}

export interface HttpResponse {
  setHeader(name: string, value: string): unknown;
  status(code: number): HttpResponse;
  end(): unknown;
}

export type Next = (error?: unknown) => void;

/** A layer of Express's router; `route` is set on the layers of routes (not of middleware). */
export interface RouterLayer {
  route?: { methods?: Record<string, boolean> };
  /** What matched (an object), or false. */
  match?(path: string): unknown;
}
