import { refusalOf, type ApiRefusal } from './api';

export type CommandAnswer<T> = { ok: true; status: number; body: T } | { ok: false; refusal: ApiRefusal };

/** Pauses before each automatic retry (after a network error or a 503): the same key each time. */
const RETRY_PAUSES_MS = [500, 1500, 4000];

/** A new Idempotency-Key: one per click, never per attempt. */
export const newIdempotencyKey = (): string => `wb-${crypto.randomUUID()}`;

/**
 * POST a command with the click's Idempotency-Key. A network error (the answer lost, not the
 * request) or a 503 (the dossier did not answer in time) is retried with the same key, so the API
 * answers the first outcome again instead of applying the command twice.
 */
export async function sendCommand<T>(path: string, body: unknown, token: string, key: string): Promise<CommandAnswer<T>> {
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch(path, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(body),
      });
      if (res.ok) return { ok: true, status: res.status, body: (await res.json()) as T };
      if (res.status !== 503 || attempt >= RETRY_PAUSES_MS.length) return { ok: false, refusal: await refusalOf(res) };
    } catch (e) {
      if (attempt >= RETRY_PAUSES_MS.length) {
        return { ok: false, refusal: { status: 0, code: 'NETWORK', rule: null, message: `Không kết nối được máy chủ (${e instanceof Error ? e.message : String(e)}).` } };
      }
    }
    await new Promise((r) => setTimeout(r, RETRY_PAUSES_MS[attempt]));
  }
}
