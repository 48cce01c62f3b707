import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signWebhook } from '@motcua/standard-webhooks';
import type { AlertWebhookBody } from './alert-outbox';
import { createAlertReceiver } from './alert-receiver';

/** npm run alerts:listen's receiver: signed alerts handed over once, anything else refused. */
describe('the alerts receiver', () => {
  const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
  const other = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;
  const now = Date.UTC(2026, 5, 11, 3, 0, 0);
  const alert: AlertWebhookBody = {
    eventId: 'evt-1',
    type: 'dossier.alert',
    alert: 'OVERDUE',
    scope: 'DOSSIER',
    dossierCode: '000.00.00.H26-260611-0001',
    agency: 'SO_TU_PHAP',
    dueAt: '2026-06-11T10:00:00+07:00',
    raisedAt: '2026-06-11T10:00:00+07:00',
  };
  let server: Server;
  let url: string;
  const got: AlertWebhookBody[] = [];
  const refused: string[] = [];

  beforeAll(async () => {
    server = createAlertReceiver({ secret, onAlert: (a) => got.push(a), onRefused: (s, r) => refused.push(`${s} ${r}`), now: () => now });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    got.length = 0;
    refused.length = 0;
  });

  const post = async (body: string, headers: Record<string, string>) =>
    (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })).status;
  const signed = (body: string, key = secret, id = alert.eventId, at = now) => signWebhook(key, id, Math.floor(at / 1000), body);

  it('hands over a signed alert once, however often it is sent', async () => {
    const body = JSON.stringify(alert);
    expect(await post(body, signed(body))).toBe(204);
    expect(await post(body, signed(body, secret, alert.eventId, now + 5_000))).toBe(204);
    expect(got).toEqual([alert]);
    expect(refused).toEqual([]);
  });

  it('refuses a request signed with another secret, unsigned, stale, or not an alert', async () => {
    const body = JSON.stringify({ ...alert, eventId: 'evt-2' });
    expect(await post(body, signed(body, other, 'evt-2'))).toBe(401);
    expect(await post(body, {})).toBe(401);
    expect(await post(body, signed(body, secret, 'evt-2', now - 10 * 60_000))).toBe(401);
    // Signed, but its body names another event than the header: not what the projector sends.
    expect(await post(body, signed(body, secret, 'evt-3'))).toBe(400);
    expect(await post('not json', signed('not json', secret, 'evt-4'))).toBe(400);
    expect((await fetch(url)).status).toBe(405);
    expect(got).toEqual([]);
    expect(refused.map((r) => r.slice(0, 3))).toEqual(['401', '401', '401', '400', '400', '405']);
  });
});
