import { parseInstant } from '@motcua/calendar';
import type { ApplicantNotice } from '@motcua/dossier';
import { MemoryApplicantContacts, MemoryNotifications, openStore, SqlApplicantContacts, SqlNotifications } from '@motcua/store';
import { HttpGatewaySender } from './http-sender';
import { LocalSender } from './local-sender';
import { maskAddress } from './mask';
import { createNotificationActivities } from './notify.activities';
import { PermanentSendFailure, type NotificationSender, type OutgoingMessage } from './sender';
import { notificationSendersFromEnv } from './senders-from-env';
import { renderNotice } from './templates';

const CODE = '000.00.00.H42-260302-0001';
const notice = (over: Partial<ApplicantNotice> = {}): ApplicantNotice => ({
  eventId: `${CODE}:3`,
  kind: 'RECEIPT',
  cause: 'DossierAccepted',
  code: CODE,
  procedure: { code: 'LLTP-CAP-PHIEU', name: 'Cấp Phiếu lý lịch tư pháp' },
  at: parseInstant('2026-03-02T09:20:00+07:00'),
  appointment: parseInstant('2026-03-16T17:00:00+07:00'),
  ...over,
});

/** A provider that fails as told: `failures` times with a retryable error, then takes the messages. */
class FlakySender implements NotificationSender {
  readonly name = 'flaky';
  readonly taken: OutgoingMessage[] = [];
  constructor(private failures = 0) {}
  async send(m: OutgoingMessage) {
    if (this.failures-- > 0) throw new Error('gateway answered 503');
    this.taken.push(m);
    return { delivered: true, providerRef: `ref-${this.taken.length}` };
  }
}

async function setUp(sms: NotificationSender, email: NotificationSender = new LocalSender(), withEmail = true) {
  const contacts = new MemoryApplicantContacts();
  await contacts.keep({ dossierCode: CODE, name: 'Trần Thị Bình', idNumber: '079190001234', phone: '0912 345 678', address: null, pickupAddress: null, ...(withEmail ? { email: 'binh@example.com' } : {}) });
  const notifications = new MemoryNotifications();
  return { notifications, activity: createNotificationActivities({ contacts, notifications, senders: { SMS: sms, EMAIL: email } }) };
}

describe('notifyApplicant', () => {
  it('sends on every channel the contact allows, records each masked, with the Vietnamese text', async () => {
    const sms = new FlakySender();
    const email = new LocalSender();
    const { notifications, activity } = await setUp(sms, email);
    expect(await activity.notifyApplicant(notice())).toEqual({ channels: [{ channel: 'SMS', status: 'SENT' }, { channel: 'EMAIL', status: 'RECORDED' }] });
    expect(sms.taken).toEqual([
      expect.objectContaining({ channel: 'SMS', to: '0912 345 678', idempotencyKey: `${CODE}:3:RECEIPT:SMS`, text: expect.stringContaining('17:00 ngày 16/03/2026') }),
    ]);
    expect(email.recorded).toEqual([expect.objectContaining({ channel: 'EMAIL', to: 'binh@example.com', subject: `Hồ sơ ${CODE}: đã tiếp nhận` })]);
    const rows = await notifications.ofDossier(CODE);
    expect(rows.map((r) => [r.kind, r.channel, r.to, r.status])).toEqual([
      ['RECEIPT', 'SMS', '091****678', 'SENT'],
      ['RECEIPT', 'EMAIL', 'b***@example.com', 'RECORDED'],
    ]);
    expect(JSON.stringify(rows)).not.toContain('Trần Thị Bình');
  });

  it('retried after failing midway (the provider down, then back): one record, one message', async () => {
    const sms = new FlakySender(2);
    const { notifications, activity } = await setUp(sms, new LocalSender(), false);
    await expect(activity.notifyApplicant(notice())).rejects.toThrow('503');
    await expect(activity.notifyApplicant(notice())).rejects.toThrow('503');
    expect((await notifications.ofDossier(CODE))[0]).toMatchObject({ status: 'PENDING', error: 'gateway answered 503' });
    await activity.notifyApplicant(notice());
    expect(sms.taken).toHaveLength(1);
    expect(await notifications.ofDossier(CODE)).toEqual([expect.objectContaining({ status: 'SENT', attempts: 3, error: null, providerRef: 'ref-1' })]);
  });

  it('retried after it succeeded (its completion lost): nothing is sent again', async () => {
    const sms = new FlakySender();
    const { notifications, activity } = await setUp(sms);
    await activity.notifyApplicant(notice());
    expect(await activity.notifyApplicant(notice())).toEqual({ channels: [{ channel: 'SMS', status: 'ALREADY_SETTLED' }, { channel: 'EMAIL', status: 'ALREADY_SETTLED' }] });
    expect(sms.taken).toHaveLength(1);
    expect(await notifications.ofDossier(CODE)).toHaveLength(2);
  });

  it('the one at-least-once edge: sent, then the worker died before settling — sent again with the same key, still one record', async () => {
    const sms = new FlakySender();
    const { notifications, activity } = await setUp(sms, new LocalSender(), false);
    const settle = notifications.settle.bind(notifications);
    let crash = true;
    notifications.settle = async (...args) => {
      if (crash) {
        crash = false;
        throw new Error('worker died');
      }
      return settle(...args);
    };
    await expect(activity.notifyApplicant(notice())).rejects.toThrow('worker died');
    await activity.notifyApplicant(notice());
    expect(sms.taken.map((m) => m.idempotencyKey)).toEqual([`${CODE}:3:RECEIPT:SMS`, `${CODE}:3:RECEIPT:SMS`]);
    expect(await notifications.ofDossier(CODE)).toEqual([expect.objectContaining({ status: 'SENT', attempts: 2 })]);
  });

  it('a permanent refusal is settled FAILED and the other channel still goes; nothing is retried', async () => {
    const refusing: NotificationSender = { name: 'refusing', send: async () => Promise.reject(new PermanentSendFailure('gateway answered 400')) };
    const { notifications, activity } = await setUp(refusing);
    expect(await activity.notifyApplicant(notice())).toEqual({ channels: [{ channel: 'SMS', status: 'FAILED' }, { channel: 'EMAIL', status: 'RECORDED' }] });
    expect((await notifications.ofDossier(CODE)).map((r) => [r.channel, r.status, r.error])).toEqual([
      ['SMS', 'FAILED', 'gateway answered 400'],
      ['EMAIL', 'RECORDED', null],
    ]);
  });

  it('records nothing for a dossier without contact data (scenarios, dossiers from before contacts were kept)', async () => {
    const { notifications, activity } = await setUp(new FlakySender());
    expect(await activity.notifyApplicant(notice({ code: '000.00.00.H42-260302-0002', eventId: '000.00.00.H42-260302-0002:3' }))).toEqual({ channels: [] });
    expect(await notifications.ofDossier('000.00.00.H42-260302-0002')).toEqual([]);
  });
});

describe('notifyApplicant on the SQL store (embedded PGlite)', () => {
  it('retried concurrently and after failing midway: one row per channel, each message sent once', async () => {
    const store = await openStore({});
    try {
      const contacts = new SqlApplicantContacts(store.db);
      await contacts.keep({ dossierCode: CODE, name: 'Trần Thị Bình', idNumber: '079190001234', phone: '0912345678', address: null, pickupAddress: null, email: 'binh@example.com' });
      const notifications = new SqlNotifications(store.db);
      const sms = new FlakySender(1);
      const activity = createNotificationActivities({ contacts, notifications, senders: { SMS: sms, EMAIL: new LocalSender() } });
      await expect(activity.notifyApplicant(notice())).rejects.toThrow('503');
      await activity.notifyApplicant(notice());
      await activity.notifyApplicant(notice());
      const rows = await notifications.ofDossier(CODE);
      expect(rows.map((r) => [r.kind, r.channel, r.to, r.status, r.attempts])).toEqual([
        ['RECEIPT', 'SMS', '091****678', 'SENT', 3],
        ['RECEIPT', 'EMAIL', 'b***@example.com', 'RECORDED', 2],
      ]);
      expect(sms.taken).toHaveLength(1);
    } finally {
      await store.close();
    }
  });
});

describe('the texts', () => {
  it('has a Vietnamese wording for every kind, naming the dossier and never the applicant', () => {
    const cases: [ApplicantNotice['kind'], ApplicantNotice['cause'], string][] = [
      ['RECEIPT', 'DossierAccepted', 'đã được tiếp nhận. Thời gian hẹn trả kết quả: 17:00 ngày 16/03/2026'],
      ['SUPPLEMENT_REQUEST', 'IntakeSupplementRequested', 'chưa đầy đủ, chưa được tiếp nhận'],
      ['SUPPLEMENT_REQUEST', 'SupplementRequested', 'tính lại từ đầu'],
      ['REFUSAL', 'IntakeRefused', 'không được tiếp nhận'],
      ['APOLOGY', 'ApologyIssued', 'xin lỗi ông/bà và hẹn lại thời gian trả kết quả: 17:00 ngày 16/03/2026'],
      ['EARLY_RETURN', 'ResultReady', 'sớm hơn thời gian hẹn'],
      ['RESULT_READY', 'ResultReady', 'đã có kết quả'],
      ['REJECTION', 'DossierRejected', 'không được giải quyết'],
      ['POSTAL_DELIVERY', 'ResultHandedToPost', 'dịch vụ bưu chính công ích'],
      ['POSTAL_DELIVERY', 'ResultBackAtUnit', 'Bưu điện chưa phát được'],
    ];
    for (const [kind, cause, phrase] of cases) {
      const { text, subject } = renderNotice(notice({ kind, cause }));
      expect([kind, cause, text]).toEqual([kind, cause, expect.stringContaining(phrase)]);
      expect(text).toContain(CODE);
      expect(subject).toMatch(new RegExp(`^Hồ sơ ${CODE.replace(/\./g, '\\.')}: `));
    }
  });
});

describe('masking', () => {
  it.each([
    ['SMS', '0912345678', '091****678'],
    ['SMS', '+84 912 345 678', '+84******678'],
    ['SMS', '12345', '*****'],
    ['EMAIL', 'nguyenvana@example.com', 'n***@example.com'],
    ['EMAIL', 'broken', '***'],
  ] as const)('%s %s → %s', (channel, address, masked) => {
    expect(maskAddress(channel, address)).toBe(masked);
  });
});

describe('providers', () => {
  const message: OutgoingMessage = { channel: 'SMS', to: '0912345678', subject: 's', text: 't', idempotencyKey: 'k:RECEIPT:SMS' };
  const gateway = (status: number, body = '{"id":"m-1"}') => {
    const calls: { url: string; init: RequestInit }[] = [];
    const fetch = (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(body, { status });
    }) as unknown as typeof globalThis.fetch;
    return { calls, sender: new HttpGatewaySender({ url: 'https://sms.example/v1/messages', token: 'tok', fetch }) };
  };

  it('the HTTP gateway gets the idempotency key, the token and the message; its id is kept', async () => {
    const { calls, sender } = gateway(201);
    expect(await sender.send(message)).toEqual({ delivered: true, providerRef: 'm-1' });
    expect(calls[0].url).toBe('https://sms.example/v1/messages');
    expect(calls[0].init.headers).toMatchObject({ 'idempotency-key': 'k:RECEIPT:SMS', authorization: 'Bearer tok' });
    expect(JSON.parse(String(calls[0].init.body))).toEqual({ channel: 'SMS', to: '0912345678', subject: 's', text: 't', idempotencyKey: 'k:RECEIPT:SMS' });
  });

  it.each([
    [503, Error],
    [429, Error],
    [408, Error],
    [400, PermanentSendFailure],
    [401, PermanentSendFailure],
  ])('the HTTP gateway answering %d is %p', async (status, kind) => {
    const failure = await gateway(status, 'to 0912345678: no').sender.send(message).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(kind);
    expect(failure instanceof PermanentSendFailure).toBe(kind === PermanentSendFailure);
    expect(String(failure)).not.toContain('0912345678');
  });

  it('from the environment: local unless a provider is named; SMTP needs its From: address', () => {
    expect(Object.values(notificationSendersFromEnv({})).map((s) => s.name)).toEqual(['local', 'local']);
    const both = notificationSendersFromEnv({ NOTIFY_SMS_URL: 'https://sms.example', NOTIFY_SMTP_URL: 'smtp://127.0.0.1:2525', NOTIFY_EMAIL_FROM: 'motcua@example.gov.vn' });
    expect([both.SMS.name, both.EMAIL.name]).toEqual(['http', 'smtp']);
    expect(notificationSendersFromEnv({ NOTIFY_EMAIL_URL: 'https://mail.example' }).EMAIL.name).toBe('http');
    expect(() => notificationSendersFromEnv({ NOTIFY_SMTP_URL: 'smtp://127.0.0.1:2525' })).toThrow('NOTIFY_EMAIL_FROM');
  });
});
