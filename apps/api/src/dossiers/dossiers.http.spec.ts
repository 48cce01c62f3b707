import { InMemoryDossierGateway } from '../testing/in-memory-dossier-gateway';
import type { Principal } from '../auth/principal';
import { people } from '../testing/test-tokens';
import { startTestApp, type TestApp } from '../testing/start-test-app';

// 2026-03-02T18:30Z is Tuesday 3 March 2026, 01:30 in Vietnam: codes are dated 260303.
const NOW = Date.parse('2026-03-03T09:00:00+07:00');
const applicant = { name: 'Nguyễn Văn An', idNumber: '001203004567', phone: '0912 345 678', address: 'Số 1 Tràng Tiền, Hà Nội' };
const counter = (over: Record<string, unknown> = {}) => ({ procedureCode: 'LLTP-CAP-PHIEU', channel: 'COUNTER', applicant, ...over });

let gateway: InMemoryDossierGateway;
let t: TestApp;
let now = NOW;

beforeEach(async () => {
  now = NOW;
  gateway = new InMemoryDossierGateway(() => now);
  t = await startTestApp({ gateway, clock: { now: () => now } });
});
afterEach(() => t.close());

async function created(body: Record<string, unknown> = counter(), headers: Record<string, string> = {}, as?: Principal) {
  const r = await t.call('POST', '/api/v1/dossiers', body, headers, as);
  expect(r.status).toBe(201);
  return r.body as { code: string; status: string };
}

describe('POST /api/v1/dossiers', () => {
  it('registers a counter dossier under a code of the unit and the Vietnam date, SUBMITTED, with Location', async () => {
    const r = await t.call('POST', '/api/v1/dossiers', counter());
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ code: '000.00.00.H26-260303-0001', status: 'SUBMITTED', channel: 'COUNTER', procedure: { code: 'LLTP-CAP-PHIEU', version: '2026.1' } });
    expect(r.headers.get('location')).toBe('/api/v1/dossiers/000.00.00.H26-260303-0001');
    expect((await created()).code).toBe('000.00.00.H26-260303-0002');
  });

  it('dates the code by the Vietnam day, not the UTC one', async () => {
    now = Date.parse('2026-03-02T18:30:00Z');
    expect((await created()).code).toBe('000.00.00.H26-260303-0001');
  });

  it('uses the unit given, else the catalog default', async () => {
    expect((await created(counter({ unit: '000.31.25.H26' }), {}, people.oneStop('000.31.25.H26'))).code).toMatch(/^000\.31\.25\.H26-260303-0001$/);
    expect(gateway.registrations[0].unit).toBe('000.31.25.H26');
  });

  it('registers ONLINE as SUBMITTED and POSTAL as a pickup request', async () => {
    expect((await created(counter({ channel: 'ONLINE' }))).status).toBe('SUBMITTED');
    const postal = await created(counter({ channel: 'POSTAL' }));
    expect(postal.status).toBe('PICKUP_REQUESTED');
    expect(gateway.commands.map((c) => c.name)).toEqual(['submit', 'requestPickup']);
    expect(gateway.commands[0].arg).toMatchObject({ channel: 'ONLINE' });
    expect(gateway.commands[0].requestId).toMatch(/^create:/);
  });

  it('keeps personal data out of the workflow: only a pseudonymous applicantRef', async () => {
    await created(counter({ channel: 'POSTAL', pickupAddress: 'Bưu cục Hoàn Kiếm' }));
    const sent = JSON.stringify({ registrations: gateway.registrations, commands: gateway.commands, events: [...gateway.dossiers.values()].map((d) => d.events) });
    for (const personal of [applicant.name, applicant.idNumber, applicant.phone, applicant.address, 'Bưu cục Hoàn Kiếm', '001203004567']) {
      expect(sent).not.toContain(personal);
    }
    expect(gateway.registrations[0].applicantRef).toMatch(/^ap1_[0-9a-f]{32}$/);
  });

  it('gives the same code and no second dossier for the same Idempotency-Key', async () => {
    const a = await created(counter(), { 'Idempotency-Key': 'intake-42' });
    const b = await created(counter(), { 'Idempotency-Key': 'intake-42' });
    expect(b.code).toBe(a.code);
    expect(gateway.dossiers.size).toBe(1);
    expect(gateway.commands).toHaveLength(1);
    const c = await created(counter(), { 'Idempotency-Key': 'intake-43' });
    expect(c.code).not.toBe(a.code);
  });

  describe('an Idempotency-Key reused for another request (422 IDEMPOTENCY.KEY_REUSED, nothing changes)', () => {
    const officer = {};
    const refused = (r: { status: number; body: { error: { code: string; rule: string } } }) => {
      expect(r.status).toBe(422);
      expect(r.body.error).toMatchObject({ code: 'UNPROCESSABLE_ENTITY', rule: 'IDEMPOTENCY.KEY_REUSED' });
    };

    it('another applicant or channel never gets the first dossier', async () => {
      await created(counter(), { ...officer, 'Idempotency-Key': 'dup-1' });
      const other = { name: 'Phạm Thị D', idNumber: '001199888777', phone: '0977000111', address: '1 Tràng Tiền' };
      refused(await t.call('POST', '/api/v1/dossiers', counter({ channel: 'POSTAL', applicant: other }), { ...officer, 'Idempotency-Key': 'dup-1' }));
      refused(await t.call('POST', '/api/v1/dossiers', counter({ applicant: other }), { ...officer, 'Idempotency-Key': 'dup-1' }));
      expect(gateway.dossiers.size).toBe(1);
    });

    it('another procedure or channel makes no second dossier', async () => {
      // (A unit the officer does not belong to is refused before the key is looked at: 403.)
      await created(counter(), { ...officer, 'Idempotency-Key': 'dup-2' });
      refused(await t.call('POST', '/api/v1/dossiers', counter({ procedureCode: 'DKKD-THANH-LAP-DN' }), { ...officer, 'Idempotency-Key': 'dup-2' }));
      refused(await t.call('POST', '/api/v1/dossiers', counter({ channel: 'POSTAL' }), { ...officer, 'Idempotency-Key': 'dup-2' }));
      expect(gateway.dossiers.size).toBe(1);
      expect(gateway.registrations).toHaveLength(1);
    });

    it('an action with another body, or on another dossier, is refused instead of answered from the first', async () => {
      const procedureCode = 'LT-KHAI-SINH-THUONG-TRU-BHYT';
      const commune = people.oneStop('000.31.25.H26');
      const ubnd = people.officer('UBND_XA');
      const { code } = await created(counter({ procedureCode, unit: '000.31.25.H26' }), {}, commune);
      await t.call('POST', `/api/v1/dossiers/${code}/accept`, {}, {}, commune);
      const first = await t.call('POST', `/api/v1/dossiers/${code}/complete`, { agency: 'UBND_XA' }, { 'Idempotency-Key': 'k1' }, ubnd);
      expect(first.status).toBe(200);
      refused(await t.call('POST', `/api/v1/dossiers/${code}/complete`, { agency: 'CONG_AN_XA' }, { 'Idempotency-Key': 'k1' }, ubnd));
      refused(await t.call('POST', `/api/v1/dossiers/${code}/requestSupplement`, { agency: 'UBND_XA' }, { 'Idempotency-Key': 'k1' }, ubnd));
      const { code: other } = await created(counter({ procedureCode, unit: '000.31.25.H26' }), {}, commune);
      refused(await t.call('POST', `/api/v1/dossiers/${other}/complete`, { agency: 'UBND_XA' }, { 'Idempotency-Key': 'k1' }, ubnd));
      expect(gateway.commands.filter((c) => c.name === 'complete')).toHaveLength(1);
      // The same request again is still answered as the first time.
      const again = await t.call('POST', `/api/v1/dossiers/${code}/complete`, { agency: 'UBND_XA' }, { 'Idempotency-Key': 'k1' }, ubnd);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
    });

    it('keys belong to their caller: another officer may use the same key for their own request', async () => {
      const a = await created(counter(), { ...officer, 'Idempotency-Key': 'shared-key' });
      const b = await created(counter(), { 'Idempotency-Key': 'shared-key' }, { ...people.oneStop(), sub: 'mc-2' });
      expect(b.code).not.toBe(a.code);
    });

    it('a retry after local midnight gets the same dossier, not a second one', async () => {
      now = Date.parse('2026-03-03T23:59:00+07:00');
      const a = await created(counter(), { ...officer, 'Idempotency-Key': 'late' });
      now = Date.parse('2026-03-04T00:01:00+07:00');
      const b = await created(counter(), { ...officer, 'Idempotency-Key': 'late' });
      expect(b.code).toBe(a.code);
      expect(a.code).toMatch(/-260303-/);
      expect(gateway.dossiers.size).toBe(1);
    });
  });

  it('answers 400 naming each malformed field', async () => {
    const r = await t.call('POST', '/api/v1/dossiers', { procedureCode: 'LLTP-CAP-PHIEU', channel: 'FAX', applicant: { name: 'A', phone: 'x' } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('BAD_REQUEST');
    expect(r.body.error.message).toMatch(/channel/);
    expect(r.body.error.message).toMatch(/applicant\.idNumber/);
    expect(r.body.error.message).toMatch(/applicant\.phone/);
    expect(gateway.registrations).toHaveLength(0);
  });

  it('answers 400 with rule CATALOG.UNKNOWN_PROCEDURE for a code not in the catalog', async () => {
    const r = await t.call('POST', '/api/v1/dossiers', counter({ procedureCode: 'NO-SUCH' }));
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'BAD_REQUEST', rule: 'CATALOG.UNKNOWN_PROCEDURE' });
    expect(r.body.error.message).toMatch(/procedureCode/);
  });

  it('refuses POSTAL for a procedure the post may not carry (409 POSTAL.NOT_FOR_PROCEDURE), and without an address (400)', async () => {
    const notPostal = await t.call('POST', '/api/v1/dossiers', counter({ procedureCode: 'LT-KHAI-SINH-THUONG-TRU-BHYT', channel: 'POSTAL' }));
    expect(notPostal.status).toBe(409);
    expect(notPostal.body.error).toMatchObject({ code: 'RULE_VIOLATION', rule: 'POSTAL.NOT_FOR_PROCEDURE' });
    const { address: _a, ...noAddress } = applicant;
    const r = await t.call('POST', '/api/v1/dossiers', counter({ channel: 'POSTAL', applicant: noAddress }));
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/pickupAddress/);
    expect((await created(counter({ channel: 'POSTAL', applicant: noAddress, pickupAddress: 'Bưu cục 1' }))).status).toBe('PICKUP_REQUESTED');
    expect(gateway.registrations).toHaveLength(1);
  });

  it('answers 400 in the error shape for a body that is not JSON, and for a bad Idempotency-Key', async () => {
    const r = await t.call('POST', '/api/v1/dossiers', '{"procedureCode":', {});
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('BAD_REQUEST');
    const k = await t.call('POST', '/api/v1/dossiers', counter(), { 'Idempotency-Key': 'x'.repeat(201) });
    expect(k.status).toBe(400);
    expect(k.body.error.message).toMatch(/Idempotency-Key/);
  });
});

describe('POST /api/v1/dossiers/{code}/{action}', () => {
  it('accepts: 200 with the new state (IN_PROCESSING, appointment in +07:00)', async () => {
    const { code } = await created();
    const r = await t.call('POST', `/api/v1/dossiers/${code}/accept`, {});
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ code, status: 'IN_PROCESSING', holders: ['SO_TU_PHAP'] });
    expect(r.body.appointment).toMatch(/\+07:00$/);
  });

  it('answers 404 for an unknown action, before anything else', async () => {
    const { code } = await created();
    for (const action of ['sign', 'postalDelivered', 'postalHandover', '__proto__']) {
      const r = await t.call('POST', `/api/v1/dossiers/${code}/${action}`, {});
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe('NOT_FOUND');
    }
    expect(gateway.commands).toHaveLength(1);
  });

  it('answers 400 naming the field of a malformed body (zod message)', async () => {
    const { code } = await created();
    await t.call('POST', `/api/v1/dossiers/${code}/accept`, {});
    const r = await t.call('POST', `/api/v1/dossiers/${code}/complete`, {});
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/^agency: /);
    const apology = await t.call('POST', `/api/v1/dossiers/${code}/apologize`, { agency: 'SO_TU_PHAP', newAppointment: '2026-03-20 17:00' });
    expect(apology.status).toBe(400);
    expect(apology.body.error.message).toMatch(/newAppointment/);
    const ret = await t.call('POST', `/api/v1/dossiers/${code}/return`, { channel: 'EMAIL' });
    expect(ret.body.error.message).toMatch(/channel/);
  });

  it('answers 400 for an apology to an instant outside the years 2000–2099 (9999-12-31T23:59:59Z is 10000 in Vietnam), and nothing changes', async () => {
    const { code } = await created();
    await t.call('POST', `/api/v1/dossiers/${code}/accept`, {});
    const before = await t.call('GET', `/api/v1/dossiers/${code}`);
    for (const newAppointment of ['9999-12-31T23:59:59Z', '2100-01-01T08:00:00+07:00', '+010000-01-01T00:00:00Z']) {
      const r = await t.call('POST', `/api/v1/dossiers/${code}/apologize`, { agency: 'SO_TU_PHAP', newAppointment });
      expect([newAppointment, r.status, r.body.error.code]).toEqual([newAppointment, 400, 'BAD_REQUEST']);
      expect(r.body.error.message).toMatch(/newAppointment/);
    }
    expect(gateway.commands.filter((c) => c.name === 'apologize')).toEqual([]);
    expect((await t.call('GET', `/api/v1/dossiers/${code}`)).body).toEqual(before.body);
  });

  it('maps a refusal of the rules to 409 with the rule, and nothing changes', async () => {
    const { code } = await created();
    await t.call('POST', `/api/v1/dossiers/${code}/accept`, {});
    const before = await t.call('GET', `/api/v1/dossiers/${code}`);
    const again = await t.call('POST', `/api/v1/dossiers/${code}/accept`, {});
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ error: { code: 'RULE_VIOLATION', rule: 'LIFECYCLE.ACTION_NOT_ALLOWED', message: expect.any(String) } });
    // CONG_AN_TINH is on the route (its stage comes second): who it is is fine, where the dossier is is not.
    const notHolding = await t.call('POST', `/api/v1/dossiers/${code}/complete`, { agency: 'CONG_AN_TINH' }, {}, people.officer('CONG_AN_TINH'));
    expect(notHolding.status).toBe(409);
    expect(notHolding.body.error.rule).toBe('ROUTE.AGENCY_DOES_NOT_HOLD');
    expect((await t.call('GET', `/api/v1/dossiers/${code}`)).body).toEqual(before.body);
  });

  it('answers 409 LIFECYCLE.DOSSIER_CLOSED once the dossier has ended', async () => {
    const { code } = await created();
    await t.call('POST', `/api/v1/dossiers/${code}/refuseIntake`, { reasons: ['DOCUMENTS_INVALID'] });
    const r = await t.call('POST', `/api/v1/dossiers/${code}/accept`, {});
    expect(r.status).toBe(409);
    expect(r.body.error.rule).toBe('LIFECYCLE.DOSSIER_CLOSED');
  });

  it('answers 404 for an unknown dossier and for something that is not a dossier code', async () => {
    const unknown = await t.call('POST', '/api/v1/dossiers/000.00.00.H26-260303-0999/accept', {});
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
    const notACode = await t.call('POST', `/api/v1/dossiers/${encodeURIComponent('dossier-codes:000.00.00.H26:260303')}/accept`, {});
    expect(notACode.status).toBe(404);
  });

  it('forwards only the contract fields: a client cannot set the domain time or the actor in the body', async () => {
    const { code } = await created();
    await t.call('POST', `/api/v1/dossiers/${code}/accept`, { at: '2020-01-01T00:00:00+07:00', by: { id: 'x', role: 'ADMIN', agency: 'Y' }, extra: 1 });
    const accept = gateway.commands[1];
    expect(Object.keys(accept.arg).sort()).toEqual(['by']);
    expect(accept.arg.by).toEqual({ id: 'mc-000.00.00.H26', role: 'ONE_STOP_OFFICER', agency: '000.00.00.H26' });
  });

  it('uses the Idempotency-Key as the update id, per action', async () => {
    const { code } = await created();
    const a = await t.call('POST', `/api/v1/dossiers/${code}/accept`, {}, { 'Idempotency-Key': 'k1' });
    const b = await t.call('POST', `/api/v1/dossiers/${code}/accept`, {}, { 'Idempotency-Key': 'k1' });
    expect(b.status).toBe(200);
    expect(b.body).toEqual(a.body);
    expect(gateway.commands.filter((c) => c.name === 'accept')).toHaveLength(1);
    expect(gateway.commands[1].requestId).toMatch(/^cmd:[0-9a-f]{40}$/);
  });

  it('takes a resubmission after Form 02 (submit from INTAKE_SUPPLEMENT), then the dossier can be received', async () => {
    const { code } = await created();
    expect((await t.call('POST', `/api/v1/dossiers/${code}/requestIntakeSupplement`, {})).body.status).toBe('INTAKE_SUPPLEMENT');
    expect((await t.call('POST', `/api/v1/dossiers/${code}/accept`, {})).status).toBe(409);
    const again = await t.call('POST', `/api/v1/dossiers/${code}/submit`, { channel: 'COUNTER' });
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('SUBMITTED');
    expect((await t.call('POST', `/api/v1/dossiers/${code}/accept`, {})).body.status).toBe('IN_PROCESSING');
    // Only after Form 02: a second submission of a SUBMITTED dossier is refused by the rules.
    expect((await t.call('POST', `/api/v1/dossiers/${code}/submit`, { channel: 'COUNTER' })).status).toBe(409);
  });

  describe('free text stays out of the dossier: codes in events, notes in the store', () => {
    const personal = 'Ông Hoàng Văn Riêng (CCCD 038201555666, ĐT 0966555444) xin rút';
    const sentToWorkflow = () => JSON.stringify({ commands: gateway.commands, events: [...gateway.dossiers.values()].map((d) => d.events) });

    it('refuses prose where the rules want codes (400), changing nothing', async () => {
      const { code } = await created();
      const r = await t.call('POST', `/api/v1/dossiers/${code}/refuseIntake`, { reasons: ['Không thuộc thẩm quyền'] });
      expect(r.status).toBe(400);
      expect(r.body.error.message).toMatch(/reasons/);
      const m = await t.call('POST', `/api/v1/dossiers/${code}/requestIntakeSupplement`, { missing: ['Bản sao CCCD của ông A'] });
      expect(m.status).toBe(400);
      expect(gateway.commands).toHaveLength(1);
    });

    it('keeps the note apart and gives the event its reference only', async () => {
      const { code } = await created();
      const r = await t.call('POST', `/api/v1/dossiers/${code}/withdraw`, { reason: 'APPLICANT_REQUEST', note: personal });
      expect(r.status).toBe(200);
      expect(sentToWorkflow()).not.toContain('038201555666');
      expect(sentToWorkflow()).not.toContain('Hoàng Văn Riêng');
      const event = gateway.dossiers.get(code)!.events.map((e) => e.event).find((e) => e.type === 'DossierWithdrawn') as { reason: string; noteRef: string };
      expect(event.reason).toBe('APPLICANT_REQUEST');
      expect(event.noteRef).toMatch(/^note:[0-9a-f]{32,}$/);
      const notes = await t.call('GET', `/api/v1/dossiers/${code}/notes`);
      expect(notes.body).toEqual([expect.objectContaining({ id: event.noteRef, action: 'withdraw', text: personal, dossierCode: code })]);
    });

    it('keeps one note for a retried request, and none for a refused one', async () => {
      const { code } = await created();
      const headers = { 'Idempotency-Key': 'refuse-1' };
      const body = { reasons: ['NOT_COMPETENT', 'OTHER'], note: 'Hồ sơ thuộc thẩm quyền cấp tỉnh' };
      await t.call('POST', `/api/v1/dossiers/${code}/refuseIntake`, body, headers);
      await t.call('POST', `/api/v1/dossiers/${code}/refuseIntake`, body, headers);
      expect((await t.call('GET', `/api/v1/dossiers/${code}/notes`)).body).toHaveLength(1);
      const refused = await t.call('POST', `/api/v1/dossiers/${code}/withdraw`, { note: 'không được nhận' });
      expect(refused.status).toBe(409);
      expect((await t.call('GET', `/api/v1/dossiers/${code}/notes`)).body).toHaveLength(1);
      expect((await t.call('GET', '/api/v1/dossiers/000.00.00.H26-260303-0999/notes')).status).toBe(404);
    });
  });

  it('takes a dossier through a parallel route to RETURNED', async () => {
    // Each step by whom the rules want: the commune's one-stop officer, then each agency's officer.
    const commune = people.oneStop('000.31.25.H26');
    const { code } = await created(counter({ procedureCode: 'LT-KHAI-SINH-THUONG-TRU-BHYT', unit: '000.31.25.H26' }), {}, commune);
    const step = async (action: string, body: { agency?: string; channel?: string } = {}) => {
      const r = await t.call('POST', `/api/v1/dossiers/${code}/${action}`, body, {}, body.agency ? people.officer(body.agency) : commune);
      expect([action, r.status]).toEqual([action, 200]);
      return r.body;
    };
    await step('accept');
    expect((await step('complete', { agency: 'UBND_XA' })).holders).toEqual(['CONG_AN_XA', 'BHXH']);
    await step('complete', { agency: 'BHXH' });
    expect((await step('complete', { agency: 'CONG_AN_XA' })).status).toBe('RESULT_READY');
    expect((await step('return', { channel: 'COUNTER' })).status).toBe('RETURNED');
  });
});

describe('GET /api/v1/dossiers/{code}', () => {
  it('answers the state with its events (type, sequence, +07:00 time, actor)', async () => {
    const { code } = await created();
    await t.call('POST', `/api/v1/dossiers/${code}/accept`, {}, {}, { ...people.oneStop(), sub: 'officer-7' });
    const r = await t.call('GET', `/api/v1/dossiers/${code}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ code, status: 'IN_PROCESSING', channel: 'COUNTER', procedure: { code: 'LLTP-CAP-PHIEU', version: '2026.1' } });
    for (const field of ['appointment', 'finalAppointment', 'outcome', 'stages', 'alerts', 'apologies']) expect(r.body).toHaveProperty(field);
    expect(r.body.events.map((e: { type: string }) => e.type)).toEqual(['DossierRegistered', 'DossierSubmitted', 'DossierAccepted', 'StageStarted', 'DossierHandedOff']);
    expect(r.body.events.map((e: { sequence: number }) => e.sequence)).toEqual([1, 2, 3, 4, 5]);
    expect(r.body.events[2]).toEqual({
      id: `${code}:3`,
      type: 'DossierAccepted',
      sequence: 3,
      at: '2026-03-03T09:00:00+07:00',
      actor: { id: 'officer-7', role: 'ONE_STOP_OFFICER', agency: '000.00.00.H26' },
    });
  });

  it('answers 404 for an unknown dossier', async () => {
    const r = await t.call('GET', '/api/v1/dossiers/000.00.00.H26-260303-0404');
    expect(r.status).toBe(404);
    expect(r.body.error).toMatchObject({ code: 'NOT_FOUND', rule: null });
  });
});

describe('GET /api/v1/dossiers', () => {
  it('lists with validated filters', async () => {
    const { code } = await created();
    await created();
    await t.call('POST', `/api/v1/dossiers/${code}/accept`, {});
    const r = await t.call('GET', '/api/v1/dossiers?status=IN_PROCESSING&agency=SO_TU_PHAP&overdue=false&limit=10');
    expect(r.status).toBe(200);
    expect(r.body).toEqual([expect.objectContaining({ code, status: 'IN_PROCESSING', agencies: ['SO_TU_PHAP'], overdue: false })]);
    expect(gateway.lastListFilter).toEqual({ status: 'IN_PROCESSING', agency: 'SO_TU_PHAP', overdue: false, limit: 10 });
    // One name, one meaning: the list's appointment is the dossier's finalAppointment.
    const detail = (await t.call('GET', `/api/v1/dossiers/${code}`)).body;
    expect(r.body[0].finalAppointment).toBe(detail.finalAppointment);
    expect(r.body[0]).not.toHaveProperty('appointment');
  });

  it('refuses malformed or injected filters with 400', async () => {
    for (const q of ["agency=x'%20OR%20'1'='1", 'status=DONE', 'overdue=yes', 'limit=0', 'limit=1e9', 'agnecy=A', 'status=SUBMITTED&status=RETURNED', "procedure=a'b"]) {
      const r = await t.call('GET', `/api/v1/dossiers?${q}`);
      expect([q, r.status]).toEqual([q, 400]);
      expect(r.body.error.code).toBe('BAD_REQUEST');
    }
  });
});

describe('errors the app did not expect', () => {
  it('answer 500 with a generic message, and 503 when Temporal is unreachable; unknown paths 404 in the error shape', async () => {
    jest.spyOn(gateway, 'read').mockRejectedValueOnce(new Error('secret detail: db password'));
    const r = await t.call('GET', '/api/v1/dossiers/000.00.00.H26-260303-0001');
    expect(r.status).toBe(500);
    expect(r.body.error.code).toBe('INTERNAL');
    expect(JSON.stringify(r.body)).not.toContain('secret');

    const grpcUnavailable = Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 });
    jest.spyOn(gateway, 'read').mockRejectedValueOnce(grpcUnavailable);
    const u = await t.call('GET', '/api/v1/dossiers/000.00.00.H26-260303-0001');
    expect(u.status).toBe(503);
    expect(u.body.error.code).toBe('UNAVAILABLE');

    const nowhere = await t.call('GET', '/api/v2/nothing');
    expect(nowhere.status).toBe(404);
    expect(nowhere.body.error.code).toBe('NOT_FOUND');
  });
});
