import { UNIDENTIFIED } from '@motcua/dossier';
import { ApiError } from '../errors/api-error';
import { InMemoryDossierGateway } from '../testing/in-memory-dossier-gateway';
import { startTestApp, type TestApp } from '../testing/start-test-app';
import { rawRequest } from '../testing/raw-request';
import { ActorResolver } from './actor-resolver';

describe('ActorResolver (the authentication seam)', () => {
  const resolver = new ActorResolver();

  it('records the X-Actor-Id and X-Actor-Role headers as given, with the agency acted for', () => {
    expect(resolver.resolve({ 'x-actor-id': 'officer-7', 'x-actor-role': 'AGENCY_OFFICER' }, 'CONG_AN_TINH')).toEqual({
      id: 'officer-7',
      role: 'AGENCY_OFFICER',
      agency: 'CONG_AN_TINH',
    });
  });

  it('is "unidentified" when the headers are absent or empty', () => {
    expect(resolver.resolve({}, 'U')).toEqual({ id: UNIDENTIFIED, role: UNIDENTIFIED, agency: 'U' });
    expect(resolver.resolve({ 'x-actor-id': '  ', 'x-actor-role': '' }, null)).toEqual({ id: UNIDENTIFIED, role: UNIDENTIFIED, agency: null });
  });

  it('refuses values that could carry a name, markup or a second value (400)', () => {
    for (const headers of [
      { 'x-actor-id': 'Nguyễn Văn An' },
      { 'x-actor-id': 'a@b.vn' },
      { 'x-actor-id': 'x'.repeat(129) },
      { 'x-actor-role': 'ADMIN;DROP' },
      { 'x-actor-id': ['a', 'b'] },
    ]) {
      expect(() => resolver.resolve(headers, null)).toThrow(ApiError);
    }
  });

  const refusal = (headers: Record<string, string>) => {
    try {
      resolver.resolve(headers, null);
    } catch (e) {
      return e instanceof ApiError ? [e.status, e.message] : e;
    }
    return 'accepted';
  };

  it('says "give the header once" for a repeated header, which Node hands over joined with ", "', () => {
    expect(refusal({ 'x-actor-id': 'officer-1, officer-2' })).toEqual([400, 'X-Actor-Id: give the header once']);
    expect(refusal({ 'x-actor-role': 'ONE_STOP_OFFICER, ADMIN' })).toEqual([400, 'X-Actor-Role: give the header once']);
    expect(refusal({ 'x-actor-id': 'a,b' })).toEqual([400, 'X-Actor-Id: give the header once']);
  });

  it('refuses the ids and roles the engine writes itself (timers, absent headers, simulated officers)', () => {
    for (const id of ['system', 'unidentified', 'SYSTEM', 'Unidentified', 'scenario:P01', 'Scenario:x']) {
      expect([id, refusal({ 'x-actor-id': id })]).toEqual([id, [400, expect.stringMatching(/^X-Actor-Id: .* is reserved to the engine$/)]]);
    }
    for (const role of ['SYSTEM', 'system', 'unidentified']) {
      expect([role, refusal({ 'x-actor-id': 'officer-1', 'x-actor-role': role })]).toEqual([role, [400, expect.stringMatching(/^X-Actor-Role: .* is reserved/)]]);
    }
    expect(refusal({ 'x-actor-id': 'systems-officer', 'x-actor-role': 'SYSTEM_ADMIN' })).toBe('accepted');
  });

  it('refuses an id shaped like a citizen id or a phone number: personal data must not become an actor id', () => {
    for (const id of ['001099012345', '123456789', '0912345678', '0912.345.678', '001-099-012-345', '00109901234']) {
      expect([id, refusal({ 'x-actor-id': id })]).toEqual([id, [400, expect.stringMatching(/citizen id/)]]);
    }
    for (const id of ['officer-17', '12345678', '1234567890123', 'u-001099012345', '3f2a9c10-5b7e-4d21-9a0c-123456789012']) {
      expect([id, refusal({ 'x-actor-id': id })]).toEqual([id, 'accepted']);
    }
  });
});

describe('the actor over HTTP', () => {
  let gateway: InMemoryDossierGateway;
  let t: TestApp;
  beforeEach(async () => {
    gateway = new InMemoryDossierGateway();
    t = await startTestApp({ gateway });
  });
  afterEach(() => t.close());

  const create = (headers: Record<string, string> = {}) =>
    t.call(
      'POST',
      '/api/v1/dossiers',
      { procedureCode: 'LT-KHAI-SINH-THUONG-TRU-BHYT', channel: 'ONLINE', applicant: { name: 'B', idNumber: '001203004567', phone: '0912345678' } },
      headers,
    );

  it('registers with the headers\' person and role and the receiving unit as the agency', async () => {
    const r = await create({ 'X-Actor-Id': 'portal', 'X-Actor-Role': 'APPLICANT' });
    expect(r.status).toBe(201);
    expect(gateway.registrations[0].by).toEqual({ id: 'portal', role: 'APPLICANT', agency: '000.31.25.H26' });
    expect(gateway.commands[0].arg.by).toEqual({ id: 'portal', role: 'APPLICANT', agency: '000.31.25.H26' });
  });

  it('acts for the body\'s agency when the action names one, else for the dossier\'s unit', async () => {
    const { code } = (await create()).body;
    await t.call('POST', `/api/v1/dossiers/${code}/accept`, {}, { 'X-Actor-Id': 'o1', 'X-Actor-Role': 'ONE_STOP_OFFICER' });
    await t.call('POST', `/api/v1/dossiers/${code}/complete`, { agency: 'UBND_XA' }, { 'X-Actor-Id': 'o2', 'X-Actor-Role': 'AGENCY_OFFICER' });
    expect(gateway.commands.slice(1).map((c) => c.arg.by)).toEqual([
      { id: 'o1', role: 'ONE_STOP_OFFICER', agency: '000.31.25.H26' },
      { id: 'o2', role: 'AGENCY_OFFICER', agency: 'UBND_XA' },
    ]);
    const events = (await t.call('GET', `/api/v1/dossiers/${code}`)).body.events;
    expect(events.find((e: { type: string }) => e.type === 'StagePartCompleted').actor).toEqual({ id: 'o2', role: 'AGENCY_OFFICER', agency: 'UBND_XA' });
  });

  it('answers 400 "give the header once" to a header sent twice, before acting', async () => {
    const { code } = (await create()).body;
    const raw = await rawRequest(t.url, {
      method: 'POST',
      path: `/api/v1/dossiers/${code}/accept`,
      headers: [
        ['Content-Type', 'application/json'],
        ['X-Actor-Id', 'officer-1'],
        ['X-Actor-Id', 'officer-2'],
      ],
      body: '{}',
    });
    expect(raw.status).toBe(400);
    expect(JSON.parse(raw.body)).toEqual({ error: { code: 'BAD_REQUEST', rule: null, message: 'X-Actor-Id: give the header once' } });
    expect(gateway.commands).toHaveLength(1);
  });

  it('records "unidentified" without headers, and answers 400 for a malformed one without acting', async () => {
    const { code } = (await create()).body;
    expect(gateway.registrations[0].by).toMatchObject({ id: 'unidentified', role: 'unidentified' });
    const r = await t.call('POST', `/api/v1/dossiers/${code}/accept`, {}, { 'X-Actor-Id': 'a b' });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/X-Actor-Id/);
    expect(gateway.commands).toHaveLength(1);
  });
});
