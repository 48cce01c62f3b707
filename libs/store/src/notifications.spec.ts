import { MemoryNotifications, openStore, SqlApplicantContacts, SqlNotifications, type Notifications, type Store } from './index';

/**
 * The notifications' record: one row per (event, kind, channel) however often an activity takes it
 * up, settled once. On PGlite, on PostgreSQL when STORE_TEST_DATABASE_URL names one (as
 * store.spec.ts), and the in-memory twin the worker falls back on.
 */
const postgresUrl = process.env.STORE_TEST_DATABASE_URL;
const engines: [string, () => Promise<{ notifications: Notifications; store?: Store }>][] = [
  ['memory', async () => ({ notifications: new MemoryNotifications() })],
  [
    'pglite',
    async () => {
      const store = await openStore({});
      return { store, notifications: new SqlNotifications(store.db) };
    },
  ],
];
if (postgresUrl) {
  engines.push([
    'postgres',
    async () => {
      const store = await openStore({ url: postgresUrl });
      return { store, notifications: new SqlNotifications(store.db) };
    },
  ]);
}

describe.each(engines)('notifications on %s', (_engine, open) => {
  let notifications: Notifications;
  let store: Store | undefined;
  beforeAll(async () => {
    ({ notifications, store } = await open());
  });
  afterAll(() => store?.close());

  const code = `000.00.00.H42-261201-${String(Math.floor(Math.random() * 9999)).padStart(4, '0')}`;
  const key = { eventId: `${code}:3`, kind: 'RECEIPT', channel: 'SMS' as const };
  const intent = { ...key, dossierCode: code, to: '091****678', text: 'Hồ sơ đã được tiếp nhận.' };

  it('records an intent once, however often it is taken up, and counts the attempts', async () => {
    expect(await notifications.intend(intent)).toMatchObject({ ...key, status: 'PENDING', attempts: 1, to: '091****678' });
    expect(await notifications.intend({ ...intent, text: 'another rendering' })).toMatchObject({ status: 'PENDING', attempts: 2, text: 'Hồ sơ đã được tiếp nhận.' });
    expect(await notifications.ofDossier(code)).toHaveLength(1);
  });

  it('settles once: a settled record is never changed again, and a retry sees it settled', async () => {
    await notifications.noteError(key, 'gateway answered 503');
    expect((await notifications.ofDossier(code))[0]).toMatchObject({ status: 'PENDING', error: 'gateway answered 503' });
    await notifications.settle(key, { status: 'SENT', providerRef: 'msg-1' });
    await notifications.settle(key, { status: 'FAILED', error: 'late' });
    await notifications.noteError(key, 'late');
    expect(await notifications.intend(intent)).toMatchObject({ status: 'SENT', providerRef: 'msg-1', error: null, attempts: 3 });
  });

  it('keeps channels and kinds apart, and lists a dossier\'s only', async () => {
    await notifications.intend({ ...intent, channel: 'EMAIL', to: 'n***@example.com' });
    await notifications.intend({ ...intent, kind: 'RESULT_READY', eventId: `${code}:9` });
    await notifications.intend({ ...intent, dossierCode: `${code}X`, eventId: `${code}X:3` });
    const rows = await notifications.ofDossier(code);
    expect(rows.map((r) => `${r.eventId}/${r.kind}/${r.channel}`).sort()).toEqual([`${code}:3/RECEIPT/EMAIL`, `${code}:3/RECEIPT/SMS`, `${code}:9/RESULT_READY/SMS`]);
    expect(rows.every((r) => r.recordedAt instanceof Date)).toBe(true);
  });

  it('has the concurrent first attempts agree on one record', async () => {
    const racing = { ...intent, eventId: `${code}:race` };
    const records = await Promise.all([1, 2, 3, 4].map(() => notifications.intend(racing)));
    expect(records.map((r) => r.attempts).sort()).toEqual([1, 2, 3, 4]);
    expect((await notifications.ofDossier(code)).filter((r) => r.eventId === racing.eventId)).toHaveLength(1);
  });

  if (_engine !== 'memory') {
    it('keeps the applicant\'s e-mail beside the phone (0008); a contact without one reads as before', async () => {
      const contacts = new SqlApplicantContacts(store!.db);
      await contacts.keep({ dossierCode: code, name: 'Trần Thị Bình', idNumber: '079190001234', phone: '0912345678', address: null, pickupAddress: null, email: 'binh@example.com' });
      await contacts.keep({ dossierCode: `${code}Y`, name: 'Lê Văn C', idNumber: '079190001235', phone: '0912345679', address: null, pickupAddress: null });
      expect((await contacts.of(code))?.email).toBe('binh@example.com');
      expect(await contacts.of(`${code}Y`)).not.toHaveProperty('email');
    });
  }
});
