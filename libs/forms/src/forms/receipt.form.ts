import { lastOf, type FormContext, type FormOrReason } from './context';
import { BLANK, vnDate, vnDateTime } from '../vietnamese';

/**
 * Form 01: the receipt and appointment slip, from the acceptance (the legal clock's start and the
 * appointment it computed), with the dossier code and a QR code of the public look-up.
 */
export function receiptForm(ctx: FormContext): FormOrReason {
  const accepted = lastOf(ctx.events, 'DossierAccepted');
  if (!accepted) return { notApplicable: `dossier ${ctx.code} was not received (no acceptance): Form 01 is issued when a dossier is received` };
  const unit = ctx.names.party(ctx.unit);
  return {
    form: {
      formNo: 'Mẫu số 01',
      issuer: unit,
      placeAndDate: vnDate(accepted.at),
      title: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      subtitle: `Mã hồ sơ: ${ctx.code}`,
      blocks: [
        { kind: 'paragraph', text: `${unit} tiếp nhận hồ sơ của:` },
        {
          kind: 'fields',
          rows: [
            ['Ông/Bà', ctx.applicantName ?? BLANK],
            ['Nội dung yêu cầu giải quyết', ctx.procedureName],
            ['Thời gian nhận hồ sơ', vnDateTime(accepted.clockStartedAt)],
            ['Thời gian trả kết quả giải quyết hồ sơ', vnDateTime(accepted.deadline.at)],
            ['Đăng ký nhận kết quả tại', unit],
          ],
        },
        { kind: 'qr', payload: ctx.lookupUrl, caption: 'Tra cứu tình trạng hồ sơ bằng mã QR hoặc mã hồ sơ trên Cổng dịch vụ công.' },
        {
          kind: 'signatures',
          parties: [
            { role: 'Người nộp hồ sơ', name: ctx.applicantName },
            { role: 'Người tiếp nhận hồ sơ', name: accepted.by.id },
          ],
        },
      ],
    },
  };
}
