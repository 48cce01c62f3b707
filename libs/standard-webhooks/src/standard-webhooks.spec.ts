import { Webhook } from 'standardwebhooks';
import { parseWebhookSecrets, signWebhook, StandardWebhookVerifier, WEBHOOK_TOLERANCE_S } from './standard-webhooks';

/**
 * Interoperability with the Standard Webhooks reference implementation (npm `standardwebhooks`):
 * what it signs verifies with ours, and what our signer (tests, the simulator) signs verifies with
 * it. The reference library reads the real clock, so these use it too (no fixed date).
 */
const SECRET = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
const OTHER = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const body = JSON.stringify({ eventId: 'evt_1', type: 'PICKED_UP', dossierCode: '000.00.00.H26-260303-0001', waybill: 'EN340902457VN', occurredAt: '2026-03-03T09:30:00+07:00' });

describe('Standard Webhooks interoperability', () => {
  it('a request the reference library signs verifies with ours, and fails with another secret or body', () => {
    const now = new Date();
    const signature = new Webhook(SECRET).sign('evt_1', now, body);
    const headers = { id: 'evt_1', timestamp: String(Math.floor(now.getTime() / 1000)), signature };
    expect(new StandardWebhookVerifier(parseWebhookSecrets(SECRET)).verify(headers, Buffer.from(body), now.getTime())).toEqual({ ok: true });
    expect(new StandardWebhookVerifier(parseWebhookSecrets(`${OTHER},${SECRET}`)).verify(headers, Buffer.from(body), now.getTime())).toEqual({ ok: true });
    expect(new StandardWebhookVerifier(parseWebhookSecrets(OTHER)).verify(headers, Buffer.from(body), now.getTime())).toMatchObject({ ok: false, rule: 'POSTAL.SIGNATURE_INVALID' });
    expect(new StandardWebhookVerifier(parseWebhookSecrets(SECRET)).verify(headers, Buffer.from(body + ' '), now.getTime())).toMatchObject({ ok: false });
  });

  it('a request our signer signs verifies with the reference library, and a tampered one does not', () => {
    const headers = signWebhook(SECRET, 'evt_1', Math.floor(Date.now() / 1000), body);
    expect(new Webhook(SECRET).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(SECRET).verify(body.replace('PICKED_UP', 'DELIVERED'), headers)).toThrow();
    expect(() => new Webhook(OTHER).verify(body, headers)).toThrow();
  });

  it('both refuse a timestamp past the tolerance', () => {
    const old = Math.floor(Date.now() / 1000) - WEBHOOK_TOLERANCE_S - 5;
    const headers = signWebhook(SECRET, 'evt_1', old, body);
    expect(() => new Webhook(SECRET).verify(body, headers)).toThrow(/timestamp/i);
    const ours = { id: headers['webhook-id'], timestamp: headers['webhook-timestamp'], signature: headers['webhook-signature'] };
    expect(new StandardWebhookVerifier(parseWebhookSecrets(SECRET)).verify(ours, Buffer.from(body), Date.now())).toMatchObject({ rule: 'POSTAL.TIMESTAMP_OUT_OF_TOLERANCE' });
  });
});

describe('POSTAL_WEBHOOK_SECRETS', () => {
  it('reads several whsec_ keys, and refuses a malformed or short one', () => {
    expect(parseWebhookSecrets(` ${SECRET} , ${OTHER}`).map((k) => k.length)).toEqual([32, 32]);
    for (const bad of ['', 'secret', `whsec_${Buffer.alloc(8).toString('base64')}`, `${SECRET},whsec_!!`]) {
      expect(() => parseWebhookSecrets(bad)).toThrow(/POSTAL_WEBHOOK_SECRETS/);
    }
  });
});
