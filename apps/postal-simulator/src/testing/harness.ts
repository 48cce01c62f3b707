import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { SimulatorConfig } from '../config';
import { createSimulatorServer } from '../http-server';
import { RequestLog } from '../request-log';
import { PostalSimulator } from '../simulator';
import { memoryStateStore, type StateStore } from '../state';
import type { WebhookResponse, WebhookTransport } from '../webhook-transport';

export const SECRET = `whsec_${Buffer.alloc(32, 5).toString('base64')}`;
export const CALLBACK = 'http://receiver.test/api/v1/postal/events';
/** A Tuesday, 09:00 in Hanoi: no test depends on today's date. */
export const T0 = Date.parse('2026-03-03T09:00:00+07:00');

export function testConfig(over: Partial<SimulatorConfig> = {}): SimulatorConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    seed: 'test',
    delayMs: 1000,
    attemptGapMs: null,
    failedAttemptRate: 0,
    duplicateRate: 0,
    reorderRate: 0,
    orderErrorRate: 0,
    forgedRate: 0,
    staleRate: 0,
    timeoutMs: 200,
    retryBaseMs: 1000,
    maxDeliveryAttempts: 4,
    secret: SECRET,
    stateDir: null,
    ...over,
  };
}

export interface SentWebhook {
  url: string;
  headers: Record<string, string>;
  body: string;
  at: number;
}

/** Stands in for the receiver: records every request, answers 200 unless `answers` says otherwise. */
export class RecordingTransport implements WebhookTransport {
  readonly sent: SentWebhook[] = [];
  /** Answers to give, in turn, before falling back to 200. */
  answers: Partial<WebhookResponse>[] = [];

  constructor(private readonly now: () => number) {}

  async post(url: string, headers: Record<string, string>, body: string): Promise<WebhookResponse> {
    this.sent.push({ url, headers, body, at: this.now() });
    const a = this.answers.shift() ?? {};
    return { status: 200, text: '{}', retryAfterS: null, ...a };
  }

  /** The bodies sent, parsed, in the order they went out. */
  events(): { eventId: string; type: string; occurredAt: string; waybill: string; attempt?: number }[] {
    return this.sent.map((s) => JSON.parse(s.body));
  }
}

/** A simulator on a clock the test moves. */
export class Harness {
  now = T0;
  readonly transport = new RecordingTransport(() => this.now);
  readonly log = new RequestLog();
  readonly sim: PostalSimulator;

  constructor(
    readonly config: SimulatorConfig = testConfig(),
    store: StateStore = memoryStateStore(),
  ) {
    this.sim = new PostalSimulator(config, { now: () => this.now, store, transport: this.transport, log: this.log });
  }

  /** Moves the clock to `at` in steps of `stepMs`, ticking and waiting for the webhooks each time. */
  async runUntil(at: number, stepMs = 250): Promise<void> {
    while (this.now < at) {
      this.now = Math.min(at, this.now + stepMs);
      this.sim.tick();
      await this.sim.settled();
    }
  }

  async run(ms: number, stepMs = 250): Promise<void> {
    await this.runUntil(this.now + ms, stepMs);
  }

  order(orderRef: string, leg: 'PICKUP' | 'RETURN' = 'PICKUP', over: Record<string, unknown> = {}) {
    return {
      orderRef,
      leg,
      dossierCode: '000.00.00.H26-260303-0001',
      service: 'DOSSIER',
      sender: { kind: 'APPLICANT', name: 'Nguyễn Văn An', address: 'Số 1 Tràng Tiền, Hà Nội', phone: '0912345678', unit: null },
      receiver: { kind: 'UNIT', name: 'Bộ phận Một cửa tỉnh', address: null, phone: null, unit: '000.00.00.H26' },
      documentCount: 3,
      callbackUrl: CALLBACK,
      ...over,
    };
  }

  place(orderRef: string, leg: 'PICKUP' | 'RETURN' = 'PICKUP', over: Record<string, unknown> = {}, run = 1) {
    const body = this.order(orderRef, leg, over);
    return this.sim.placeOrder(`${body.dossierCode}:${leg}:${run}`, JSON.stringify(body));
  }
}

/** The simulator's HTTP server on a free port. */
export async function serve(h: Harness): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
  const server = createSimulatorServer(h.sim, h.log, h.config.timeoutMs);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    server,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
