/**
 * The printed forms read back: each PDF is rendered, its text extracted as a reader would (pdf.js)
 * and checked for the Vietnamese words with their diacritics — which the standard PDF fonts could
 * not print. The dossier is a three-stage inter-agency one with a parallel group and a vertical
 * sector agency (the provincial police).
 */
import { calendarFor, parseInstant } from '@motcua/calendar';
import { builtInCatalog } from '@motcua/catalog';
import { controlSheet, Dossier, isRefusal, type Actor, type DossierCommand, type ProcedureVersion } from '@motcua/dossier';
import { controlSheetForm, dossierForm, PdfFormPrinter, type FormContext } from './index';
import { missingPhrases, pdfText } from './testing/pdf-text';

const at = (local: string) => parseInstant(`${local.replace(' ', 'T')}:00+07:00`);
const UNIT = '000.00.00.H26';
const CODE = `${UNIT}-260302-0001`;
const ONE_STOP: Actor = { id: 'mc-000.00.00.H26', role: 'ONE_STOP_OFFICER', agency: UNIT };
const officer = (agency: string): Actor => ({ id: `cb-${agency}`, role: 'AGENCY_OFFICER', agency });
const head = (agency: string): Actor => ({ id: `ld-${agency}`, role: 'AGENCY_HEAD', agency });
const catalog = builtInCatalog();
// Construction, then the provincial police beside Agriculture and Environment, then Construction: 20 WD.
const PERMIT: ProcedureVersion = catalog.find('XD-GIAY-PHEP-CONG-TRINH')!;

function run(commands: DossierCommand[]): Dossier {
  const d = new Dossier(calendarFor);
  for (const c of [
    { type: 'register', at: at('2026-03-02 08:50'), by: ONE_STOP, code: CODE, unit: UNIT, procedure: PERMIT, ruleSet: 'ND118-2025', calendar: { id: 'VN-GOV', version: calendarFor('VN-GOV').version }, applicantRef: null } as DossierCommand,
    ...commands,
  ]) {
    const refused = d.check(c);
    if (refused) throw new Error(`${c.type}: ${refused.message}`);
    const r = d.execute(c);
    if (isRefusal(r)) throw new Error(r.message);
  }
  return d;
}

const context = (d: Dossier, applicantName: string | null = 'Nguyễn Thị Hường'): FormContext => ({
  code: CODE,
  unit: UNIT,
  procedureName: PERMIT.name,
  events: d.events.map((r) => r.event),
  applicantName,
  lookupUrl: `https://motcua.example.vn/api/v1/lookup/${CODE}`,
  names: {
    party: (c) => catalog.units.find(c)?.name ?? catalog.agencies.find(c)?.name ?? c,
    document: (c) => (c === 'BAN_VE' ? 'Bản vẽ thiết kế xây dựng' : c),
  },
});

const printer = new PdfFormPrinter();

async function printed(ctx: FormContext, n: '01' | '02' | '03' | '04'): Promise<string> {
  const f = dossierForm(n, ctx);
  if (!('form' in f)) throw new Error(f.notApplicable);
  const pdf = await printer.print(f.form);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  return pdfText(pdf);
}

const submitted: DossierCommand[] = [{ type: 'submit', at: at('2026-03-02 08:55'), by: ONE_STOP, channel: 'COUNTER' }];
const trip: DossierCommand[] = [
  ...submitted,
  { type: 'accept', at: at('2026-03-02 09:00'), by: ONE_STOP },
  { type: 'assign', at: at('2026-03-03 08:30'), by: head('SO_XAY_DUNG'), agency: 'SO_XAY_DUNG', officer: 'cb-xd-2' },
  { type: 'complete', at: at('2026-03-06 10:00'), by: officer('SO_XAY_DUNG'), agency: 'SO_XAY_DUNG' },
  { type: 'complete', at: at('2026-03-12 15:00'), by: officer('CONG_AN_TINH'), agency: 'CONG_AN_TINH' },
  { type: 'complete', at: at('2026-03-16 09:00'), by: officer('SO_NONG_NGHIEP_MT'), agency: 'SO_NONG_NGHIEP_MT' },
  { type: 'complete', at: at('2026-03-19 10:00'), by: officer('SO_XAY_DUNG'), agency: 'SO_XAY_DUNG' },
];

describe('the printed forms, read back from their PDF', () => {
  it('Form 05: every handoff of the control sheet, its times, officers and results, in Vietnamese', async () => {
    const d = run(trip);
    const sheet = controlSheet(CODE, d.events.map((r) => r.event));
    expect(sheet.rows).toHaveLength(6);
    const text = await pdfText(await printer.print(controlSheetForm(sheet, context(d), at('2026-03-20 08:00'))));
    expect(
      missingPhrases(text, [
        'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
        `Mã hồ sơ: ${CODE}`,
        'Cơ quan (bộ phận) giải quyết hồ sơ: Sở Xây dựng thành phố Hà Nội',
        'Cơ quan phối hợp giải quyết hồ sơ: Công an thành phố Hà Nội; Sở Nông nghiệp và Môi trường thành phố Hà Nội',
        'THỜI GIAN GIAO, NHẬN HỒ SƠ',
        '1. Giao: Trung tâm Phục vụ hành chính công thành phố Hà Nội Nhận: Sở Xây dựng thành phố Hà Nội',
        '09 giờ 00 phút, ngày 02 tháng 03 năm 2026',
        'Người nhận: cb-xd-2',
        '3. Giao: Sở Xây dựng thành phố Hà Nội Nhận: Sở Nông nghiệp và Môi trường thành phố Hà Nội',
        'Quá hạn',
        'Trước hạn',
        'Đúng hạn',
        '6. Giao: Sở Xây dựng thành phố Hà Nội Nhận: Trung tâm Phục vụ hành chính công thành phố Hà Nội',
        'Trả kết quả giải quyết cho người nộp hồ sơ',
      ]),
    ).toEqual([]);
  });

  it('Form 01: the receipt and appointment slip, with the applicant, the appointment and the look-up address of its QR code', async () => {
    const text = await printed(context(run(trip)), '01');
    expect(
      missingPhrases(text, [
        'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
        `Mã hồ sơ: ${CODE}`,
        'Ông/Bà: Nguyễn Thị Hường',
        'Nội dung yêu cầu giải quyết: Cấp giấy phép xây dựng mới đối với công trình cấp II, cấp III',
        'Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 30 tháng 03 năm 2026',
        `https://motcua.example.vn/api/v1/lookup/${CODE}`,
        'NGƯỜI TIẾP NHẬN HỒ SƠ',
      ]),
    ).toEqual([]);
  });

  it('Form 02, 03, 04 from the events that issue them; a form that does not apply says why', async () => {
    const accepted = [...submitted, { type: 'accept', at: at('2026-03-02 09:00'), by: ONE_STOP } as DossierCommand];
    const supplement = run([...accepted, { type: 'requestSupplement', at: at('2026-03-03 10:00'), by: officer('SO_XAY_DUNG'), agency: 'SO_XAY_DUNG', missing: ['BAN_VE'] }]);
    expect(missingPhrases(await printed(context(supplement), '02'), ['PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ', '1. Bản vẽ thiết kế xây dựng'])).toEqual([]);

    const refusedAtIntake = run([...submitted, { type: 'refuseIntake', at: at('2026-03-02 09:05'), by: ONE_STOP, reasons: ['NOT_COMPETENT'] }]);
    const three = await printed(context(refusedAtIntake, null), '03');
    expect(missingPhrases(three, ['PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ', 'Không thuộc thẩm quyền giải quyết của cơ quan'])).toEqual([]);

    const apologised = run([
      ...accepted,
      { type: 'apologize', at: at('2026-03-17 10:00'), by: head('SO_XAY_DUNG'), agency: 'SO_XAY_DUNG', newAppointment: '2026-04-03T16:00:00+07:00', reason: 'WORKLOAD' },
    ]);
    const four = await printed(context(apologised), '04');
    expect(
      missingPhrases(four, [
        'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
        'Kính gửi: Nguyễn Thị Hường',
        'Thời gian hẹn trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 30 tháng 03 năm 2026',
        '16 giờ 00 phút, ngày 03 tháng 04 năm 2026',
        'xin lỗi Ông/Bà',
      ]),
    ).toEqual([]);

    expect(dossierForm('03', context(apologised))).toEqual({ notApplicable: expect.stringContaining('Form 03') });
    expect(dossierForm('01', context(refusedAtIntake))).toEqual({ notApplicable: expect.stringContaining('Form 01') });
    expect(dossierForm('04', context(supplement))).toEqual({ notApplicable: expect.stringContaining('Form 04') });
  });
});
