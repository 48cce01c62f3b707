import { UNIDENTIFIED } from '@motcua/dossier';
import { ApiError } from '../errors/api-error';
import { InMemoryDossierGateway } from '../testing/in-memory-dossier-gateway';
import { startTestApp, type TestApp } from '../testing/start-test-app';
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

  it('records "unidentified" without headers, and answers 400 for a malformed one without acting', async () => {
    const { code } = (await create()).body;
    expect(gateway.registrations[0].by).toMatchObject({ id: 'unidentified', role: 'unidentified' });
    const r = await t.call('POST', `/api/v1/dossiers/${code}/accept`, {}, { 'X-Actor-Id': 'a b' });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/X-Actor-Id/);
    expect(gateway.commands).toHaveLength(1);
  });
});
