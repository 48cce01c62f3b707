import { parseInstant, vnGovCalendar } from '@motcua/calendar';
import { nextAttemptAt } from './leg-plan';
import { Harness, T0, testConfig } from './testing/harness';

/** The legs the simulated post plays, on a clock the test moves, and how it delivers their webhooks. */
const at = (local: string) => Date.parse(`${local}+07:00`);
const cal = vnGovCalendar();

describe('a pickup leg', () => {
  it('reports PICKED_UP with a new waybill, then HANDED_OVER with the same one, each at its own instant, never ahead of the clock', async () => {
    const h = new Harness();
    h.place('ord-1');
    await h.run(5_000);
    const events = h.transport.events();
    expect(events.map((e) => [e.type, e.occurredAt])).toEqual([
      ['PICKED_UP', '2026-03-03T09:00:01+07:00'],
      ['HANDED_OVER', '2026-03-03T09:00:02+07:00'],
    ]);
    expect(events[1].waybill).toBe(events[0].waybill);
    expect(h.transport.sent.every((s) => parseInstant(JSON.parse(s.body).occurredAt) <= s.at)).toBe(true);
    expect(h.sim.order('ord-1')).toMatchObject({ status: 'HANDED_OVER', waybill: events[0].waybill, nextAt: null });
  });
});

describe('a delivery leg', () => {
  it('delivers at the first attempt unless the attempt fails', async () => {
    const h = new Harness();
    h.place('ord-r', 'RETURN');
    await h.run(5_000);
    expect(h.transport.events()).toMatchObject([{ type: 'DELIVERED', attempt: 1 }]);
  });

  it('tries again 2 working days later (ONE-STOP §5), then returns the result to the sender', async () => {
    const h = new Harness(testConfig({ failedAttemptRate: 1 }));
    h.place('ord-r', 'RETURN');
    await h.runUntil(at('2026-03-06T09:00:00'), 3_600_000);
    const events = h.transport.events();
    expect(events.map((e) => [e.type, e.attempt, e.occurredAt])).toEqual([
      ['DELIVERY_ATTEMPT_FAILED', 1, '2026-03-03T09:00:01+07:00'],
      ['DELIVERY_ATTEMPT_FAILED', 2, '2026-03-05T09:00:01+07:00'],
      ['RETURNED_TO_SENDER', undefined, '2026-03-05T09:00:02+07:00'],
    ]);
    expect(cal.workingDaysBetween(parseInstant(events[0].occurredAt), parseInstant(events[1].occurredAt))).toBe(2);
  });

  it('spaces attempts over weekends and holidays as the receiver counts them', () => {
    const friday = at('2026-03-06T15:00:00');
    expect(new Date(nextAttemptAt(friday, cal)).getTime()).toBe(at('2026-03-10T15:00:00'));
    // Reunification Day and Labour Day (Thu 30 Apr, Fri 1 May 2026): Wed 29 Apr → Tue 5 May.
    const beforeHolidays = at('2026-04-29T10:00:00');
    expect(nextAttemptAt(beforeHolidays, cal)).toBe(at('2026-05-05T10:00:00'));
  });

  it('POSTAL_SIM_ATTEMPT_GAP_MS compresses the gap for demos (the receiver then counts one attempt only)', async () => {
    const h = new Harness(testConfig({ failedAttemptRate: 1, attemptGapMs: 5_000 }));
    h.place('ord-r', 'RETURN');
    await h.run(10_000);
    expect(h.transport.events().map((e) => [e.type, e.occurredAt])).toEqual([
      ['DELIVERY_ATTEMPT_FAILED', '2026-03-03T09:00:01+07:00'],
      ['DELIVERY_ATTEMPT_FAILED', '2026-03-03T09:00:06+07:00'],
      ['RETURNED_TO_SENDER', '2026-03-03T09:00:07+07:00'],
    ]);
  });
});

describe('webhook delivery', () => {
  it('retries a 5xx, a 409 (in flight) and a 429 with back-off (Retry-After honoured), and no answer at all', async () => {
    const h = new Harness(testConfig({ maxDeliveryAttempts: 8 }));
    h.transport.answers = [{ status: 503 }, { status: 409 }, { status: 429, retryAfterS: 5 }, { status: null, error: 'ECONNREFUSED' }];
    h.place('ord-r', 'RETURN');
    await h.run(30_000);
    const times = h.transport.sent.map((s) => (s.at - T0) / 1000);
    // first at 1 s; then 1 s, 2 s, max(4 s, Retry-After 5 s), 8 s later.
    expect(times).toEqual([1, 2, 4, 9, 17]);
    expect(new Set(h.transport.events().map((e) => e.eventId)).size).toBe(1);
    expect(h.log.list().at(-1)!.note).toBe('original delivered (attempt 5)');
    expect(h.sim.order('ord-r')!.deliveries).toEqual([]);
  });

  it('gives up on a 4xx other than 409 and 429, and after POSTAL_SIM_MAX_ATTEMPTS', async () => {
    const refused = new Harness();
    refused.transport.answers = [{ status: 400 }];
    refused.place('ord-r', 'RETURN');
    await refused.run(30_000);
    expect(refused.transport.sent).toHaveLength(1);
    expect(refused.log.list().at(-1)!.note).toMatch(/abandoned: refused with 400/);

    const down = new Harness(testConfig({ maxDeliveryAttempts: 3 }));
    down.transport.answers = Array.from({ length: 10 }, () => ({ status: 500 }));
    down.place('ord-r', 'RETURN');
    await down.run(60_000);
    expect(down.transport.sent).toHaveLength(3);
    expect(down.log.list().at(-1)!.note).toBe('original abandoned after 3 attempts');
  });

  it("sends an order's events one at a time, in order: the next waits while the one before is retried", async () => {
    const h = new Harness();
    h.transport.answers = [{ status: 503 }, { status: 503 }];
    h.place('ord-1');
    await h.run(10_000);
    expect(h.transport.events().map((e) => e.type)).toEqual(['PICKED_UP', 'PICKED_UP', 'PICKED_UP', 'HANDED_OVER']);
  });
});
