import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApplicationFailure } from '@temporalio/common';
import { PostalOrderRequestSchema, type PostalOrderRequest } from '@motcua/contracts';
import { HttpPostalOperator, retryAfterMs } from './http-postal-operator';
import { createPostalActivities, type ContactLookup } from './postal.activities';
import { PostalOperatorBusy } from './postal-operator';

/**
 * The HTTP adapter against a fake operator on a local port: what it sends (path, Idempotency-Key,
 * body), and how it reads every kind of answer — placed, pending, busy with Retry-After,
 * transient, refused, and a cancellation of an order already gone.
 */
interface Seen {
  method: string;
  url: string;
  key: string | undefined;
  body: unknown;
}

type Reply = (req: Seen) => { status: number; headers?: Record<string, string>; body?: unknown };

let server: Server;
let baseUrl: string;
let reply: Reply;
const seen: Seen[] = [];

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const s: Seen = { method: req.method!, url: req.url!, key: req.headers['idempotency-key'] as string | undefined, body: text ? JSON.parse(text) : null };
      seen.push(s);
      const r = reply(s);
      res.writeHead(r.status, { 'content-type': 'application/json', ...r.headers });
      res.end(r.body === undefined ? '' : JSON.stringify(r.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  seen.length = 0;
});

const CODE = '000.00.00.H42-260601-0001';
const order: PostalOrderRequest = {
  orderRef: `${CODE}:PICKUP:1`,
  leg: 'PICKUP',
  dossierCode: CODE,
  service: 'DOSSIER',
  sender: { kind: 'APPLICANT', name: 'Nguyễn Văn An', phone: '0912345678', address: '12 Hàng Bài, Hà Nội', unit: null },
  receiver: { kind: 'UNIT', name: 'Trung tâm Phục vụ hành chính công', phone: null, address: null, unit: '000.00.00.H42' },
  documentCount: 1,
  callbackUrl: 'http://127.0.0.1:3000/api/v1/postal/events',
};

describe('HttpPostalOperator', () => {
  it('POSTs the order to {POSTAL_API_URL}/orders with its Idempotency-Key, and reads a 201 with its waybill', async () => {
    reply = () => ({ status: 201, body: { orderRef: order.orderRef, waybill: 'EN340902457VN', status: 'CREATED' } });
    const op = new HttpPostalOperator({ baseUrl });
    expect(await op.placeOrder(order, order.orderRef)).toEqual({ kind: 'PLACED', orderRef: order.orderRef, waybill: 'EN340902457VN', partnerStatus: 'CREATED' });
    expect(seen).toEqual([{ method: 'POST', url: '/orders', key: `${CODE}:PICKUP:1`, body: order }]);
    expect(PostalOrderRequestSchema.parse(seen[0].body)).toEqual(order);
  });

  it('reads a 202 (the waybill comes later by webhook)', async () => {
    reply = () => ({ status: 202, body: { orderRef: order.orderRef, status: 'PENDING' } });
    expect(await new HttpPostalOperator({ baseUrl }).placeOrder(order, order.orderRef)).toEqual({ kind: 'PLACED', orderRef: order.orderRef, waybill: null, partnerStatus: 'PENDING' });
  });

  it('429 and 503 with Retry-After: busy for as long as the operator asked (seconds or an HTTP date)', async () => {
    reply = () => ({ status: 429, headers: { 'retry-after': '7' }, body: { error: { code: 'RATE_LIMITED' } } });
    await expect(new HttpPostalOperator({ baseUrl }).placeOrder(order, order.orderRef)).rejects.toEqual(new PostalOperatorBusy(429, 7000));
    reply = () => ({ status: 503, headers: { 'retry-after': '120' } });
    await expect(new HttpPostalOperator({ baseUrl }).placeOrder(order, order.orderRef)).rejects.toMatchObject({ status: 503, retryAfterMs: 120_000 });
    expect(retryAfterMs('Wed, 02 Dec 2026 01:00:30 GMT', Date.parse('2026-12-02T01:00:00Z'))).toBe(30_000);
    expect(retryAfterMs('soon', 0)).toBeNull();
  });

  it('5xx, 408 and 409 are transient (thrown, so retried); a network failure too', async () => {
    for (const status of [500, 502, 503, 504, 408, 409]) {
      reply = () => ({ status });
      const e = await new HttpPostalOperator({ baseUrl }).placeOrder(order, order.orderRef).catch((x: unknown) => x);
      expect([status, e instanceof Error && !(e instanceof PostalOperatorBusy)]).toEqual([status, true]);
    }
    await expect(new HttpPostalOperator({ baseUrl: 'http://127.0.0.1:9' }).placeOrder(order, order.orderRef)).rejects.toThrow();
  });

  it('another 4xx is a refusal, with the operator\'s error code and never its message', async () => {
    reply = () => ({ status: 422, body: { error: { code: 'ADDRESS_OUT_OF_AREA', message: 'Địa chỉ 12 Hàng Bài ngoài vùng phục vụ' } } });
    expect(await new HttpPostalOperator({ baseUrl }).placeOrder(order, order.orderRef)).toEqual({ kind: 'REFUSED', httpStatus: 422, partnerCode: 'ADDRESS_OUT_OF_AREA' });
    reply = () => ({ status: 400 });
    expect(await new HttpPostalOperator({ baseUrl }).placeOrder(order, order.orderRef)).toEqual({ kind: 'REFUSED', httpStatus: 400, partnerCode: null });
  });

  it('cancels with DELETE /orders/{orderRef}; 404 and 410 mean already gone, which is done too', async () => {
    const op = new HttpPostalOperator({ baseUrl });
    reply = () => ({ status: 204 });
    expect(await op.cancelOrder(order.orderRef)).toEqual({ alreadyGone: false });
    expect(seen.at(-1)).toMatchObject({ method: 'DELETE', url: `/orders/${encodeURIComponent(order.orderRef)}` });
    for (const status of [404, 410]) {
      reply = () => ({ status });
      expect(await op.cancelOrder(order.orderRef)).toEqual({ alreadyGone: true });
    }
    reply = () => ({ status: 503, headers: { 'retry-after': '3' } });
    await expect(op.cancelOrder(order.orderRef)).rejects.toBeInstanceOf(PostalOperatorBusy);
  });
});

describe('placePostalOrder (the activity)', () => {
  const contacts: ContactLookup = {
    async of(code) {
      return code === CODE
        ? { name: 'Nguyễn Văn An', phone: '0912345678', address: '5 Tràng Tiền, Hà Nội', pickupAddress: '12 Hàng Bài, Hà Nội', addressArea: '000.00.00.H26', pickupArea: '000.00.00.H42' }
        : null;
    },
  };
  const input = { dossierCode: CODE, unit: '000.00.00.H42', leg: 'PICKUP' as const, n: 1, key: `${CODE}:PICKUP:1`, documentCount: 1 };

  it('reads the pickup address and its area from the applicant store, and gives the workflow back only references and codes', async () => {
    reply = () => ({ status: 201, body: { orderRef: input.key, waybill: 'EN340902457VN', status: 'CREATED' } });
    const activities = createPostalActivities({
      operator: new HttpPostalOperator({ baseUrl }),
      contacts,
      callbackUrl: order.callbackUrl,
      unitName: () => 'Trung tâm Phục vụ hành chính công',
    });
    const answer = await activities.placePostalOrder(input);
    expect(answer).toEqual({ kind: 'PLACED', orderRef: input.key, waybill: 'EN340902457VN', partnerStatus: 'CREATED', scope: 'SAME_DISTRICT' });
    expect(JSON.stringify(answer)).not.toMatch(/Hàng Bài|Nguyễn|0912/);
    expect(seen[0].body).toEqual(order);

    // The return goes to the applicant's address, in another province: J+4.
    const back = await activities.placePostalOrder({ ...input, leg: 'RETURN', key: `${CODE}:RETURN:1` });
    expect(back).toMatchObject({ kind: 'PLACED', scope: 'BETWEEN_PROVINCES' });
    expect(seen[1]).toMatchObject({ key: `${CODE}:RETURN:1`, body: { leg: 'RETURN', service: 'RESULT', sender: { kind: 'UNIT' }, receiver: { kind: 'APPLICANT', address: '5 Tràng Tiền, Hà Nội' } } });
  });

  it('no address to give: refused as NO_ADDRESS, without calling the operator', async () => {
    const activities = createPostalActivities({ operator: new HttpPostalOperator({ baseUrl }), contacts, callbackUrl: order.callbackUrl });
    expect(await activities.placePostalOrder({ ...input, dossierCode: 'OTHER' })).toEqual({ kind: 'REFUSED', reason: 'NO_ADDRESS', httpStatus: null, partnerCode: null });
    expect(seen).toEqual([]);
  });

  it('a busy operator fails the attempt with the Retry-After as the next retry\'s delay', async () => {
    reply = () => ({ status: 429, headers: { 'retry-after': '42' } });
    const activities = createPostalActivities({ operator: new HttpPostalOperator({ baseUrl }), contacts, callbackUrl: order.callbackUrl });
    const e = await activities.placePostalOrder(input).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApplicationFailure);
    expect(e).toMatchObject({ type: 'PostalOperatorBusy', nonRetryable: false, nextRetryDelay: 42_000 });
  });
});
