import { ApiError } from '../errors/api-error';

/**
 * A fixed window per client address: the public look-up needs no token, so it must not become a
 * way to walk every dossier code. Per process; behind several API replicas put the same limit on
 * the load balancer too (infra/production).
 */
export class RateLimit {
  private window = 0;
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly perWindow: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request of `client`; 429 with the seconds to wait when over the limit. */
  take(client: string): void {
    const window = Math.floor(this.now() / this.windowMs);
    if (window !== this.window) {
      this.window = window;
      this.counts.clear();
    }
    const n = (this.counts.get(client) ?? 0) + 1;
    this.counts.set(client, n);
    if (n > this.perWindow) {
      const retryAfterS = Math.ceil(((window + 1) * this.windowMs - this.now()) / 1000);
      throw new ApiError(429, 'TOO_MANY_REQUESTS', 'LOOKUP.RATE_LIMITED', `at most ${this.perWindow} look-ups a minute; retry in ${retryAfterS} s`);
    }
  }
}
