import { MemoryApplicantContacts, MemoryAuditLog, MemoryNotifications } from '@motcua/store';
import { InMemoryDossierGateway } from '../testing/in-memory-dossier-gateway';
import { people } from '../testing/test-tokens';
import { startTestApp, type TestApp } from '../testing/start-test-app';

/**
 * GET /api/v1/dossiers/{code}/notifications: what the applicant was sent, as the notification
 * activity recorded it (the worker writes the records; here they are written as it would), for the
 * dossier's readers, addresses masked, audited as a personal-data read.
 */
const NOW = Date.parse('2026-03-03T09:00:00+07:00');
const applicant = { name: 'Nguyễn Văn An', idNumber: '001203004567', phone: '0912345678', email: 'an@example.com' };

let gateway: InMemoryDossierGateway;
let notifications: MemoryNotifications;
let contacts: MemoryApplicantContacts;
let audit: MemoryAuditLog;
let t: TestApp;

beforeEach(async () => {
  gateway = new InMemoryDossierGateway(() => NOW);
  notifications = new MemoryNotifications();
  contacts = new MemoryApplicantContacts();
  audit = new MemoryAuditLog();
  t = await startTestApp({ gateway, notifications, contacts, audit, clock: { now: () => NOW } });
});
afterEach(() => t.close());

async function dossierWithNotices(): Promise<string> {
  const r = await t.call('POST', '/api/v1/dossiers', { procedureCode: 'LLTP-CAP-PHIEU', channel: 'COUNTER', applicant });
  expect(r.status).toBe(201);
  const code = r.body.code as string;
  for (const channel of ['SMS', 'EMAIL'] as const) {
    const key = { eventId: `${code}:3`, kind: 'RECEIPT', channel };
    await notifications.intend({ ...key, dossierCode: code, to: channel === 'SMS' ? '091****678' : 'a***@example.com', text: `Hồ sơ ${code} đã được tiếp nhận.` });
    await notifications.settle(key, { status: channel === 'SMS' ? 'SENT' : 'RECORDED' });
  }
  return code;
}

describe('GET /api/v1/dossiers/{code}/notifications', () => {
  it('keeps the e-mail given at intake beside the phone (the notifications\' addresses)', async () => {
    const code = await dossierWithNotices();
    expect(await contacts.of(code)).toMatchObject({ phone: '0912345678', email: 'an@example.com' });
    const bad = await t.call('POST', '/api/v1/dossiers', { procedureCode: 'LLTP-CAP-PHIEU', channel: 'COUNTER', applicant: { ...applicant, email: 'not an address' } });
    expect([bad.status, bad.body.error?.code]).toEqual([400, 'BAD_REQUEST']);
  });

  it('lists what was sent, per channel, addresses masked, to each of the dossier\'s readers', async () => {
    const code = await dossierWithNotices();
    for (const who of [people.oneStop(), people.officer('SO_TU_PHAP'), people.operations(), people.auditor()]) {
      const r = await t.call('GET', `/api/v1/dossiers/${code}/notifications`, undefined, {}, who);
      expect([who.sub, r.status]).toEqual([who.sub, 200]);
      expect(r.body).toEqual([
        { kind: 'RECEIPT', channel: 'SMS', to: '091****678', text: `Hồ sơ ${code} đã được tiếp nhận.`, at: expect.stringMatching(/\+07:00$/), status: 'SENT' },
        { kind: 'RECEIPT', channel: 'EMAIL', to: 'a***@example.com', text: `Hồ sơ ${code} đã được tiếp nhận.`, at: expect.stringMatching(/\+07:00$/), status: 'RECORDED' },
      ]);
      expect(JSON.stringify(r.body)).not.toMatch(/0912345678|an@example\.com|Nguyễn/);
    }
  });

  it('is refused 403 to who may not read the dossier, 401 without a token, 404 for an unknown dossier', async () => {
    const code = await dossierWithNotices();
    for (const who of [people.oneStop('000.31.25.H26'), people.officer('SO_XAY_DUNG'), people.portal(), people.admin()]) {
      const r = await t.call('GET', `/api/v1/dossiers/${code}/notifications`, undefined, {}, who);
      expect([who.sub, r.status, r.body.error?.rule]).toEqual([who.sub, 403, 'ACCESS.MAY_NOT_READ']);
    }
    expect((await t.call('GET', `/api/v1/dossiers/${code}/notifications`, undefined, {}, null)).status).toBe(401);
    expect((await t.call('GET', '/api/v1/dossiers/000.00.00.H26-260303-0999/notifications')).status).toBe(404);
    expect((await t.call('GET', '/api/v1/dossiers/not-a-code/notifications')).status).toBe(404);
  });

  it('answers an empty list for a dossier nothing was sent for', async () => {
    const r = await t.call('POST', '/api/v1/dossiers', { procedureCode: 'LLTP-CAP-PHIEU', channel: 'COUNTER', applicant });
    expect((await t.call('GET', `/api/v1/dossiers/${r.body.code}/notifications`)).body).toEqual([]);
  });

  it('is audited as a read of personal data, refusals too', async () => {
    const code = await dossierWithNotices();
    await t.call('GET', `/api/v1/dossiers/${code}/notifications`, undefined, { 'X-Request-Id': 'req-notifications-1' }, people.oneStop());
    await t.call('GET', `/api/v1/dossiers/${code}/notifications`, undefined, { 'X-Request-Id': 'req-notifications-2' }, people.portal());
    await new Promise((r) => setTimeout(r, 20)); // entries are appended when the answer has gone
    const entries = await audit.find({ limit: 50 });
    const action = 'GET /api/v1/dossiers/{code}/notifications';
    expect(entries.find((e) => e.requestId === 'req-notifications-1')).toMatchObject({ action, target: code, outcome: 200, personalData: true });
    expect(entries.find((e) => e.requestId === 'req-notifications-2')).toMatchObject({ action, target: code, outcome: 403, personalData: true });
  });
});
