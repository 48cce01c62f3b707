/**
 * The control sheet (Form 05) and Forms 01–04 over HTTP, for a three-stage inter-agency dossier
 * with a parallel group and a vertical-sector agency (XD-GIAY-PHEP-CONG-TRINH: the Department of
 * Construction, then the provincial police beside the Department of Agriculture and Environment,
 * then Construction again). The PDFs are read back as text.
 */
import { MemoryApplicantContacts, MemoryAuditLog } from '@motcua/store';
import { missingPhrases, pdfText } from '@motcua/forms';
import type { Principal } from '../auth/principal';
import { InMemoryDossierGateway } from '../testing/in-memory-dossier-gateway';
import { people } from '../testing/test-tokens';
import { startTestApp, type TestApp } from '../testing/start-test-app';

const applicant = { name: 'Trần Thị Bích Ngọc', idNumber: '001203004567', phone: '0912 345 678', address: 'Số 1 Tràng Tiền, Hà Nội' };
let now = Date.parse('2026-03-02T09:00:00+07:00');
let gateway: InMemoryDossierGateway;
let audit: MemoryAuditLog;
let t: TestApp;

beforeEach(async () => {
  now = Date.parse('2026-03-02T09:00:00+07:00');
  gateway = new InMemoryDossierGateway(() => now);
  audit = new MemoryAuditLog();
  t = await startTestApp({ gateway, audit, contacts: new MemoryApplicantContacts(), clock: { now: () => now } });
});
afterEach(() => t.close());

async function act(code: string, action: string, body: Record<string, unknown>, as: Principal, at: string) {
  now = Date.parse(at);
  const r = await t.call('POST', `/api/v1/dossiers/${code}/${action}`, body, {}, as);
  expect([action, r.status, r.body.error]).toEqual([action, 200, undefined]);
}

/** Through the route to the result, handed back to the one-stop unit. */
async function permitDossier(): Promise<string> {
  const created = await t.call('POST', '/api/v1/dossiers', { procedureCode: 'XD-GIAY-PHEP-CONG-TRINH', channel: 'COUNTER', applicant });
  expect(created.status).toBe(201);
  const code = created.body.code as string;
  await act(code, 'accept', {}, people.oneStop(), '2026-03-02T09:05:00+07:00');
  await act(code, 'assign', { agency: 'SO_XAY_DUNG', officer: 'cb-xd-2' }, people.head('SO_XAY_DUNG'), '2026-03-03T08:30:00+07:00');
  await act(code, 'appraise', { agency: 'SO_XAY_DUNG' }, people.officer('SO_XAY_DUNG'), '2026-03-10T10:00:00+07:00');
  await act(code, 'approve', { agency: 'SO_XAY_DUNG' }, people.head('SO_XAY_DUNG'), '2026-03-11T10:00:00+07:00');
  await act(code, 'complete', { agency: 'SO_XAY_DUNG' }, people.officer('SO_XAY_DUNG'), '2026-03-11T11:00:00+07:00');
  await act(code, 'complete', { agency: 'CONG_AN_TINH' }, people.officer('CONG_AN_TINH'), '2026-03-16T15:00:00+07:00');
  await act(code, 'complete', { agency: 'SO_NONG_NGHIEP_MT' }, people.officer('SO_NONG_NGHIEP_MT'), '2026-03-19T09:00:00+07:00');
  await act(code, 'complete', { agency: 'SO_XAY_DUNG' }, people.officer('SO_XAY_DUNG'), '2026-03-23T10:00:00+07:00');
  return code;
}

async function getPdf(path: string, as: Principal = people.oneStop()): Promise<{ status: number; type: string | null; body: Buffer }> {
  const res = await fetch(t.url + path, { headers: { authorization: `Bearer ${await t.tokens.tokenFor(as)}` } });
  return { status: res.status, type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
}


describe('GET /api/v1/dossiers/{code}/control-sheet', () => {
  it('lists every handoff with its officers, deadline, finish and result (JSON)', async () => {
    const code = await permitDossier();
    const r = await t.call('GET', `/api/v1/dossiers/${code}/control-sheet`, undefined, {}, people.operations());
    expect(r.status).toBe(200);
    const unit = '000.00.00.H26';
    expect(r.body.code).toBe(code);
    // Accepted Mon 2/3 09:05: Construction 12 WD → Wed 18/3; the group 5 WD from Wed 11/3 → Wed 18/3;
    // Construction again 3 WD from Thu 19/3 → Tue 24/3; the dossier 20 WD → Mon 30/3.
    expect(r.body.rows).toEqual([
      row(unit, 'mc-000.00.00.H26', 'SO_XAY_DUNG', 'cb-xd-2', '2026-03-02T09:05', '2026-03-18T17:00', '2026-03-11T11:00', 'EARLY'),
      row('SO_XAY_DUNG', 'cb-SO_XAY_DUNG', 'CONG_AN_TINH', 'cb-CONG_AN_TINH', '2026-03-11T11:00', '2026-03-18T17:00', '2026-03-16T15:00', 'EARLY'),
      row('SO_XAY_DUNG', 'cb-SO_XAY_DUNG', 'SO_NONG_NGHIEP_MT', 'cb-SO_NONG_NGHIEP_MT', '2026-03-11T11:00', '2026-03-18T17:00', '2026-03-19T09:00', 'LATE'),
      row('CONG_AN_TINH', 'cb-CONG_AN_TINH', 'SO_XAY_DUNG', 'cb-SO_XAY_DUNG', '2026-03-19T09:00', '2026-03-24T17:00', '2026-03-23T10:00', 'EARLY'),
      row('SO_NONG_NGHIEP_MT', 'cb-SO_NONG_NGHIEP_MT', 'SO_XAY_DUNG', 'cb-SO_XAY_DUNG', '2026-03-19T09:00', '2026-03-24T17:00', '2026-03-23T10:00', 'EARLY'),
      { ...row('SO_XAY_DUNG', 'cb-SO_XAY_DUNG', unit, null, '2026-03-23T10:00', '2026-03-30T17:00', '2026-03-23T10:00', 'EARLY'), task: 'RETURN_RESULT' },
    ]);
  });

  it('prints Form 05 as a PDF that reads in Vietnamese, with every handoff and its result', async () => {
    const code = await permitDossier();
    const r = await getPdf(`/api/v1/dossiers/${code}/control-sheet?format=pdf`, people.officer('CONG_AN_TINH'));
    expect([r.status, r.type]).toEqual([200, 'application/pdf']);
    expect(
      missingPhrases(await pdfText(r.body), [
        'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
        `Mã hồ sơ: ${code}`,
        'Cơ quan (bộ phận) giải quyết hồ sơ: Sở Xây dựng thành phố Hà Nội',
        'Nhận: Công an thành phố Hà Nội',
        'Nhận: Sở Nông nghiệp và Môi trường thành phố Hà Nội',
        '6. Giao: Sở Xây dựng thành phố Hà Nội Nhận: Trung tâm Phục vụ hành chính công thành phố Hà Nội',
        '11 giờ 00 phút, ngày 11 tháng 03 năm 2026',
        'Trước hạn',
        'Quá hạn',
      ]),
    ).toEqual([]);
  });

  it('is read like the dossier: a stranger to it is refused; another format is a 400', async () => {
    const code = await permitDossier();
    expect((await t.call('GET', `/api/v1/dossiers/${code}/control-sheet`, undefined, {}, people.officer('SO_Y_TE'))).body.error.rule).toBe('ACCESS.MAY_NOT_READ');
    expect((await t.call('GET', `/api/v1/dossiers/${code}/control-sheet?format=docx`)).status).toBe(400);
    expect((await t.call('GET', '/api/v1/dossiers/000.00.00.H26-260302-0099/control-sheet')).status).toBe(404);
  });
});

describe('GET /api/v1/dossiers/{code}/forms/{n}', () => {
  it('prints Form 01 with the applicant from the store and the look-up address of its QR code; audited as a read of personal data', async () => {
    const code = await permitDossier();
    const r = await getPdf(`/api/v1/dossiers/${code}/forms/01`);
    expect([r.status, r.type]).toEqual([200, 'application/pdf']);
    expect(
      missingPhrases(await pdfText(r.body), [
        'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
        'Ông/Bà: Trần Thị Bích Ngọc',
        `/api/v1/lookup/${code}`,
        'Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 30 tháng 03 năm 2026',
      ]),
    ).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(audit.records.find((a) => a.action === 'GET /api/v1/dossiers/{code}/forms/{form}')).toMatchObject({ target: code, personalData: true, outcome: 200 });
  });

  it('answers 409 FORMS.NOT_APPLICABLE for a form the dossier has no event for, 404 for an unknown form', async () => {
    const code = await permitDossier();
    const r = await t.call('GET', `/api/v1/dossiers/${code}/forms/04`);
    expect([r.status, r.body.error.rule]).toEqual([409, 'FORMS.NOT_APPLICABLE']);
    const unknown = await t.call('GET', `/api/v1/dossiers/${code}/forms/07`);
    expect([unknown.status, unknown.body.error.rule]).toEqual([404, 'FORMS.UNKNOWN_FORM']);
  });
});

function row(from: string, fromOfficer: string, to: string, toOfficer: string | null, handed: string, due: string, finished: string, outcome: string) {
  return {
    from: { unit: from, officer: fromOfficer },
    to: { unit: to, officer: toOfficer },
    handedOverAt: `${handed}:00+07:00`,
    dueAt: `${due}:00+07:00`,
    finishedAt: `${finished}:00+07:00`,
    outcome,
    task: 'PROCESS',
  };
}
