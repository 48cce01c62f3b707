import { ApologyReasons } from '@motcua/contracts';
import { lastOf, type FormContext, type FormOrReason } from './context';
import { BLANK, vnDate, vnDateTime } from '../vietnamese';

/** Form 04: the apology and new appointment, signed by the head of the agency that is late. */
export function apologyForm(ctx: FormContext): FormOrReason {
  const apology = lastOf(ctx.events, 'ApologyIssued');
  const accepted = lastOf(ctx.events, 'DossierAccepted');
  if (!apology || !accepted) return { notApplicable: `no apology was issued for dossier ${ctx.code}: Form 04 is the apology with a new appointment` };
  // The appointment the apology moved: the one in force just before it (the original, or the restarted one after a supplement).
  const before = ctx.events.slice(0, ctx.events.indexOf(apology));
  const appointment = lastOf(before, 'DossierAccepted', 'SupplementReceived')!.deadline.at;
  const agency = ctx.names.party(apology.agency);
  return {
    form: {
      formNo: 'Mẫu số 04',
      issuer: agency,
      placeAndDate: vnDate(apology.at),
      title: 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
      subtitle: `Mã hồ sơ: ${ctx.code}`,
      blocks: [
        { kind: 'fields', rows: [['Kính gửi', ctx.applicantName ?? BLANK]] },
        {
          kind: 'paragraph',
          text:
            `Ngày ${vnDate(accepted.clockStartedAt).slice(5)}, ${ctx.names.party(ctx.unit)} tiếp nhận hồ sơ của Ông/Bà ` +
            `đề nghị giải quyết thủ tục: ${ctx.procedureName}. Mã hồ sơ: ${ctx.code}.`,
        },
        { kind: 'fields', rows: [['Thời gian hẹn trả kết quả giải quyết hồ sơ', vnDateTime(appointment)]] },
        {
          kind: 'paragraph',
          text:
            `Tuy nhiên đến nay, ${agency} chưa trả kết quả giải quyết hồ sơ cho Ông/Bà đúng thời hạn ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả` +
            (apology.reason ? `, lý do: ${ApologyReasons.labels[apology.reason]}.` : '.'),
        },
        {
          kind: 'paragraph',
          text: `Sự chậm trễ này đã gây phiền hà cho Ông/Bà. ${agency} xin lỗi Ông/Bà và sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà vào ${vnDateTime(apology.newAppointment)}.`,
        },
        { kind: 'paragraph', text: 'Mong nhận được sự thông cảm của Ông/Bà.' },
        { kind: 'signatures', parties: [{ role: 'Thủ trưởng cơ quan', name: apology.by.id }] },
      ],
    },
  };
}
