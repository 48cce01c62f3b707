import { randomUUID } from 'node:crypto';

/**
 * The load of a chaos run: dossiers taken through the HTTP API as the officers would (create,
 * accept, complete, return), each command with an Idempotency-Key that its retries keep, so a
 * command whose answer was lost in a crash is sent again without being applied twice. A command
 * is retried on a network error, a 5xx or a 429 until it is answered or its dossier's deadline
 * passes; any other refusal ends the dossier's journey (it then counts as lost).
 */
export const PROCEDURE = 'HT-XAC-NHAN-TINH-TRANG-HON-NHAN'; // one stage (UBND_XA), received by 000.31.25.H26
export const EXPECTED_STATUS = 'RETURNED';

export interface LoadSettings {
  api: string;
  oneStopToken: string;
  agencyToken: string;
  /** A dossier not through by then is given up (and counts as lost). */
  journeyTimeoutMs: number;
}

export interface Journey {
  index: number;
  code: string | null;
  /** The steps answered 2xx, in order. */
  done: string[];
  status: string | null;
  error: string | null;
  startedAt: number;
  finishedAt: number | null;
}

export interface CommandStats {
  ok: number;
  /** Attempts that got no answer or a 5xx/429 and were sent again. */
  retried: number;
  /** When each command was answered 2xx, and when it had been sent (first attempt). */
  answers: { sentAt: number; answeredAt: number }[];
}

const RETRYABLE = (status: number) => status >= 500 || status === 429 || status === 408;

export class Load {
  readonly journeys: Journey[] = [];
  readonly stats: CommandStats = { ok: 0, retried: 0, answers: [] };
  private readonly runId = randomUUID().slice(0, 8);
  private running = new Set<Promise<void>>();
  private starting = false;

  constructor(private readonly s: LoadSettings) {}

  /** Keeps `concurrency` journeys going until stop() is called. */
  start(concurrency: number): void {
    this.starting = true;
    for (let i = 0; i < concurrency; i++) this.spawn();
  }

  /** No new journeys; resolves when the running ones ended (or gave up). */
  async stop(): Promise<void> {
    this.starting = false;
    while (this.running.size) await Promise.all([...this.running]);
  }

  get inFlight(): number {
    return this.running.size;
  }

  private spawn(): void {
    if (!this.starting) return;
    const j: Journey = { index: this.journeys.length, code: null, done: [], status: null, error: null, startedAt: Date.now(), finishedAt: null };
    this.journeys.push(j);
    const p: Promise<void> = this.run(j).finally(() => {
      this.running.delete(p);
      this.spawn();
    });
    this.running.add(p);
  }

  private async run(j: Journey): Promise<void> {
    const deadline = j.startedAt + this.s.journeyTimeoutMs;
    const key = (step: string) => `chaos-${this.runId}-${j.index}-${step}`;
    try {
      const created = (await this.command(deadline, key('create'), 'POST', '/api/v1/dossiers', this.s.oneStopToken, {
        procedureCode: PROCEDURE,
        channel: 'COUNTER',
        applicant: { name: 'Trần Văn Bình', idNumber: '079190001234', phone: '0912000111' },
      })) as { code: string };
      j.code = created.code;
      j.done.push('create');
      const steps: [string, string, object][] = [
        ['accept', this.s.oneStopToken, {}],
        ['complete', this.s.agencyToken, { agency: 'UBND_XA' }],
        ['return', this.s.oneStopToken, { channel: 'COUNTER' }],
      ];
      for (const [step, token, body] of steps) {
        const answer = (await this.command(deadline, key(step), 'POST', `/api/v1/dossiers/${j.code}/${step}`, token, body)) as { status?: string };
        j.done.push(step);
        j.status = answer.status ?? null;
      }
    } catch (e) {
      j.error = e instanceof Error ? e.message : String(e);
    } finally {
      j.finishedAt = Date.now();
    }
  }

  private async command(deadline: number, key: string, method: string, route: string, token: string, body: unknown): Promise<unknown> {
    const sentAt = Date.now();
    let last = '';
    for (let attempt = 0; Date.now() < deadline; attempt++) {
      if (attempt > 0) {
        this.stats.retried++;
        await sleep(Math.min(250 * 2 ** Math.min(attempt, 4), 3000));
      }
      try {
        const r = await fetch(`${this.s.api}${route}`, {
          method,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': key },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(Math.max(1000, Math.min(30_000, deadline - Date.now()))),
        });
        const text = await r.text();
        if (r.ok) {
          this.stats.ok++;
          this.stats.answers.push({ sentAt, answeredAt: Date.now() });
          return JSON.parse(text) as unknown;
        }
        last = `${r.status} ${text.slice(0, 300)}`;
        if (!RETRYABLE(r.status)) throw new Refused(`${method} ${route}: ${last}`);
      } catch (e) {
        if (e instanceof Refused) throw e;
        last = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      }
    }
    throw new Error(`${method} ${route}: no answer before the dossier's deadline (last: ${last})`);
  }
}

class Refused extends Error {}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
