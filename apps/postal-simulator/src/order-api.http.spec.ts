import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isS10Waybill } from '@motcua/contracts';
import { fileStateStore } from './state';
import { Harness, serve, testConfig } from './testing/harness';

/** The order API over HTTP (CONTRACTS.md "Postal partner", outbound): every answer of the contract. */
let h: Harness;
let srv: Awaited<ReturnType<typeof serve>>;
const CODE = '000.00.00.H26-260303-0001';

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(srv.url + path, { method, headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, read freely
  return { status: res.status, body: (await res.json()) as any, headers: res.headers };
}
const post = (body: unknown, key?: string) => call('POST', '/orders', body, key === undefined ? {} : { 'idempotency-key': key });

beforeEach(async () => {
  h = new Harness();
  srv = await serve(h);
});
afterEach(() => srv.close());

describe('POST /orders', () => {
  it('answers 202 PENDING to a pickup (the waybill comes with PICKED_UP) and the same to a repeat, whatever its key order', async () => {
    const body = h.order('ord-1');
    const first = await post(body, `${CODE}:PICKUP:1`);
    expect([first.status, first.body]).toEqual([202, { orderRef: 'ord-1', status: 'PENDING' }]);
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const again = await post(reordered, `${CODE}:PICKUP:1`);
    expect([again.status, again.body]).toEqual([202, first.body]);
    expect((await call('GET', '/orders')).body).toHaveLength(1);
  });

  it('answers 201 with a UPU S10 waybill to a delivery, and the same waybill to a repeat', async () => {
    const body = h.order('ord-r', 'RETURN');
    const first = await post(body, `${CODE}:RETURN:1`);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ orderRef: 'ord-r', status: 'ACCEPTED' });
    expect(isS10Waybill(first.body.waybill)).toBe(true);
    expect((await post(body, `${CODE}:RETURN:1`)).body).toEqual(first.body);
  });

  it('answers 422 to a key used with another body, or an orderRef placed under another key', async () => {
    await post(h.order('ord-1'), `${CODE}:PICKUP:1`);
    const other = await post(h.order('ord-1', 'PICKUP', { documentCount: 4 }), `${CODE}:PICKUP:1`);
    expect([other.status, other.body.error.rule]).toEqual([422, 'ORDER.IDEMPOTENCY_KEY_REUSED']);
    const ref = await post(h.order('ord-1'), `${CODE}:PICKUP:2`);
    expect([ref.status, ref.body.error.rule]).toEqual([422, 'ORDER.REF_REUSED']);
    expect((await call('GET', '/orders')).body).toHaveLength(1);
  });

  it('answers 400 to what is malformed, and takes no order', async () => {
    const good = h.order('ord-1');
    const cases: [string, unknown, string | undefined][] = [
      ['no key', good, undefined],
      ['a key of another shape', good, `${CODE}:PICKUP`],
      ['a key of another leg', good, `${CODE}:RETURN:1`],
      ['a key of another dossier', good, '000.00.00.H26-260303-0002:PICKUP:1'],
      ['not JSON', '{"orderRef":', `${CODE}:PICKUP:1`],
      ['no receiver', { ...good, receiver: undefined }, `${CODE}:PICKUP:1`],
      ['an unknown leg', { ...good, leg: 'BOTH' }, `${CODE}:PICKUP:1`],
      ['no document', { ...good, documentCount: 0 }, `${CODE}:PICKUP:1`],
      ['a callback that is not http(s)', { ...good, callbackUrl: 'ftp://x/y' }, `${CODE}:PICKUP:1`],
    ];
    for (const [what, body, key] of cases) {
      const r = await post(body, key);
      expect([what, r.status, r.body.error.rule]).toEqual([what, 400, 'ORDER.MALFORMED']);
    }
    expect((await call('GET', '/orders')).body).toEqual([]);
    const big = await post({ ...good, service: 'x'.repeat(70_000) }, `${CODE}:PICKUP:1`);
    expect(big.status).toBe(413);
  });
});

describe('DELETE /orders/{orderRef}', () => {
  it('cancels, idempotently; 404 for an unknown order; 409 once the leg has ended', async () => {
    await post(h.order('ord-1'), `${CODE}:PICKUP:1`);
    for (let i = 0; i < 2; i++) {
      const r = await call('DELETE', '/orders/ord-1');
      expect([r.status, r.body]).toEqual([200, { orderRef: 'ord-1', status: 'CANCELLED' }]);
    }
    await h.run(10_000);
    expect(h.transport.sent).toEqual([]);
    expect((await call('DELETE', '/orders/nope')).status).toBe(404);

    await post(h.order('ord-2', 'PICKUP', { dossierCode: '000.00.00.H26-260303-0002' }), '000.00.00.H26-260303-0002:PICKUP:1');
    await h.run(2_500);
    expect(h.transport.events().map((e) => e.type)).toEqual(['PICKED_UP', 'HANDED_OVER']);
    const late = await call('DELETE', '/orders/ord-2');
    expect([late.status, late.body.error.rule]).toEqual([409, 'ORDER.ALREADY_COMPLETED']);
  });

  it('stops the leg mid-way: what was played is still reported, nothing after', async () => {
    await post(h.order('ord-1'), `${CODE}:PICKUP:1`);
    await h.run(1_000);
    await call('DELETE', '/orders/ord-1');
    await h.run(10_000);
    expect(h.transport.events().map((e) => e.type)).toEqual(['PICKED_UP']);
    expect((await call('GET', '/orders/ord-1')).body).toMatchObject({ status: 'CANCELLED', nextAt: null });
  });
});

describe('GET /orders and GET /log', () => {
  it('show the orders and every exchange both ways, without the contact data', async () => {
    await post(h.order('ord-1'), `${CODE}:PICKUP:1`);
    await post({}, `${CODE}:PICKUP:1`);
    await h.run(2_000);
    const orders = await call('GET', '/orders');
    expect(orders.body[0]).toMatchObject({ orderRef: 'ord-1', leg: 'PICKUP', status: 'HANDED_OVER', idempotencyKey: `${CODE}:PICKUP:1` });
    expect(orders.body[0].events.map((e: { type: string }) => e.type)).toEqual(['PICKED_UP', 'HANDED_OVER']);
    const log = await call('GET', '/log');
    expect(log.body.map((e: { direction: string; method: string; status: number }) => [e.direction, e.method, e.status])).toEqual([
      ['received', 'POST', 202],
      ['received', 'POST', 400],
      ['sent', 'POST', 200],
      ['sent', 'POST', 200],
    ]);
    expect(log.body[0].headers).toEqual({ 'idempotency-key': `${CODE}:PICKUP:1` });
    expect(log.body[2].headers['webhook-id']).toBe(log.body[2].body.eventId);
    const everything = JSON.stringify([orders.body, log.body]);
    for (const personal of ['Nguyễn Văn An', 'Tràng Tiền', '0912345678']) expect(everything).not.toContain(personal);
    expect((await call('GET', '/log?orderRef=ord-1&since=2')).body.map((e: { seq: number }) => e.seq)).toEqual([3, 4]);
  });
});

describe('a restart', () => {
  it('keeps the orders (POSTAL_SIM_STATE_DIR): a repeat after it gets the same answer, and the leg goes on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'postal-sim-'));
    try {
      const before = new Harness(testConfig({ stateDir: dir }), fileStateStore(dir));
      const first = before.place('ord-r', 'RETURN');
      await before.run(500);
      const after = new Harness(testConfig({ stateDir: dir }), fileStateStore(dir));
      after.now = before.now;
      expect(after.place('ord-r', 'RETURN')).toEqual(first);
      expect(after.place('ord-r', 'RETURN', { documentCount: 9 }).status).toBe(422);
      await after.run(1_000);
      expect(after.transport.events()).toMatchObject([{ type: 'DELIVERED', waybill: (first.body as { waybill: string }).waybill }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
