import { MemoryApplicantContacts, MemoryAuditLog } from '@motcua/store';
import { InMemoryDossierGateway } from '../testing/in-memory-dossier-gateway';
import { people } from '../testing/test-tokens';
import { startTestApp, type TestApp } from '../testing/start-test-app';

/**
 * The applicant's contact data: kept at intake in the operational store (not in the workflow or
 * its events), read back only by the receiving unit's one-stop officers and auditors, audited.
 */
const NOW = Date.parse('2026-03-03T09:00:00+07:00');
const applicant = { name: 'Nguyễn Văn An', idNumber: '001203004567', phone: '0912 345 678', address: 'Số 1 Tràng Tiền, Hà Nội' };
const intake = (over: Record<string, unknown> = {}) => ({ procedureCode: 'LLTP-CAP-PHIEU', channel: 'COUNTER', applicant, ...over });

let gateway: InMemoryDossierGateway;
let contacts: MemoryApplicantContacts;
let audit: MemoryAuditLog;
let t: TestApp;

beforeEach(async () => {
  gateway = new InMemoryDossierGateway(() => NOW);
  contacts = new MemoryApplicantContacts();
  audit = new MemoryAuditLog();
  t = await startTestApp({ gateway, contacts, audit, clock: { now: () => NOW } });
});
afterEach(() => t.close());

async function create(body = intake(), headers: Record<string, string> = {}) {
  const r = await t.call('POST', '/api/v1/dossiers', body, headers);
  expect(r.status).toBe(201);
  return r.body.code as string;
}

describe('applicant contact data', () => {
  it('is kept at intake under the dossier code, with the pickup address of a postal intake', async () => {
    const counter = await create();
    const postal = await create(intake({ channel: 'POSTAL', pickupAddress: 'Bưu cục Hoàn Kiếm' }));
    expect(await contacts.of(counter)).toMatchObject({ ...applicant, dossierCode: counter, pickupAddress: null });
    expect(await contacts.of(postal)).toMatchObject({ ...applicant, dossierCode: postal, pickupAddress: 'Bưu cục Hoàn Kiếm' });
    // ...and still nowhere in what the workflow was given.
    expect(JSON.stringify({ r: gateway.registrations, c: gateway.commands })).not.toContain(applicant.phone);
  });

  it('keeps where the addresses lie (one-stop unit identifiers, for the post\'s transit targets); the pickup\'s only for a postal intake', async () => {
    const areas = { applicant: { ...applicant, addressArea: '000.31.25.H26' }, pickupArea: '000.00.00.H26' };
    const postal = await create(intake({ channel: 'POSTAL', pickupAddress: 'Bưu cục Hoàn Kiếm', ...areas }));
    const counter = await create(intake(areas));
    expect(await contacts.of(postal)).toMatchObject({ addressArea: '000.31.25.H26', pickupArea: '000.00.00.H26' });
    expect(await contacts.of(counter)).toMatchObject({ addressArea: '000.31.25.H26', pickupArea: null });
    const bad = await t.call('POST', '/api/v1/dossiers', intake({ applicant: { ...applicant, addressArea: 'Hoàn Kiếm' } }));
    expect(bad.status).toBe(400);
  });

  it('is kept once for a retried intake (same Idempotency-Key, same code)', async () => {
    const a = await create(intake(), { 'Idempotency-Key': 'intake-7' });
    const b = await create(intake(), { 'Idempotency-Key': 'intake-7' });
    expect(b).toBe(a);
    expect([...contacts.rows.keys()]).toEqual([a]);
  });

  it('is not kept for an intake refused before a code is spent', async () => {
    const r = await t.call('POST', '/api/v1/dossiers', intake({ channel: 'POSTAL', applicant: { ...applicant, address: undefined } }));
    expect(r.status).toBe(400);
    expect(contacts.rows.size).toBe(0);
  });

  it('is read by the receiving unit\'s one-stop officer and by auditors', async () => {
    const code = await create();
    for (const who of [people.oneStop(), people.auditor()]) {
      const r = await t.call('GET', `/api/v1/dossiers/${code}/applicant`, undefined, {}, who);
      expect([r.status, r.body]).toEqual([200, { ...applicant, dossierCode: code, pickupAddress: null, addressArea: null, pickupArea: null, createdAt: expect.any(String) }]);
    }
  });

  it('is refused 403 to anyone else: another unit, the processing agency, operations, the portal', async () => {
    const code = await create();
    for (const who of [people.oneStop('000.31.25.H26'), people.officer('SO_TU_PHAP'), people.head('SO_TU_PHAP'), people.operations(), people.portal(), people.admin()]) {
      const r = await t.call('GET', `/api/v1/dossiers/${code}/applicant`, undefined, {}, who);
      expect([who.sub, r.status, r.body.error?.rule]).toEqual([who.sub, 403, 'ACCESS.MAY_NOT_READ']);
      expect(JSON.stringify(r.body)).not.toContain(applicant.phone);
    }
    expect((await t.call('GET', `/api/v1/dossiers/${code}/applicant`, undefined, {}, null)).status).toBe(401);
  });

  it('answers 404 for an unknown dossier and for a dossier with no record kept', async () => {
    expect((await t.call('GET', '/api/v1/dossiers/000.00.00.H26-260303-0999/applicant')).status).toBe(404);
    const code = await create();
    contacts.rows.clear();
    expect((await t.call('GET', `/api/v1/dossiers/${code}/applicant`)).status).toBe(404);
  });

  it('is audited as a read of personal data, refusals too', async () => {
    const code = await create();
    await t.call('GET', `/api/v1/dossiers/${code}/applicant`, undefined, { 'X-Request-Id': 'req-applicant-1' }, people.auditor());
    await t.call('GET', `/api/v1/dossiers/${code}/applicant`, undefined, { 'X-Request-Id': 'req-applicant-2' }, people.operations());
    await new Promise((r) => setTimeout(r, 20)); // entries are appended when the answer has gone
    const entries = await audit.find({ limit: 50 });
    const action = 'GET /api/v1/dossiers/{code}/applicant';
    expect(entries.find((e) => e.requestId === 'req-applicant-1')).toMatchObject({ actorId: 'auditor', action, target: code, outcome: 200, personalData: true });
    expect(entries.find((e) => e.requestId === 'req-applicant-2')).toMatchObject({ actorId: 'ops', action, target: code, outcome: 403, personalData: true });
  });
});
