/** What a webhook request got back: the status (null: no answer at all), the body, Retry-After in seconds. */
export interface WebhookResponse {
  status: number | null;
  text: string;
  retryAfterS: number | null;
  error?: string;
}

/** How the simulated post reaches a callback URL: behind an interface so tests can stand in for the network. */
export interface WebhookTransport {
  post(url: string, headers: Record<string, string>, body: string): Promise<WebhookResponse>;
}

/** node's fetch, each request given `timeoutMs` to answer (a receiver that hangs is retried later). */
export function fetchTransport(timeoutMs = 10_000): WebhookTransport {
  return {
    async post(url, headers, body) {
      try {
        const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
        const retryAfter = Number(res.headers.get('retry-after'));
        return { status: res.status, text: await res.text(), retryAfterS: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null };
      } catch (e) {
        return { status: null, text: '', retryAfterS: null, error: e instanceof Error ? e.message : String(e) };
      }
    },
  };
}
