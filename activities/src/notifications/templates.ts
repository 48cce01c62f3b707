import { toLocalIso } from '@motcua/calendar';
import type { ApplicantNotice } from '@motcua/dossier';

/** A notice as the applicant reads it: the e-mail subject and the text (SMS and e-mail alike). */
export interface RenderedNotice {
  subject: string;
  text: string;
}

/** "17:00 ngày 09/03/2026", Vietnam time. */
export function vietnameseInstant(instant: number): string {
  const iso = toLocalIso(instant); // 2026-03-09T17:00:00+07:00
  return `${iso.slice(11, 16)} ngày ${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/**
 * The texts, in Vietnamese, of each kind (ONE-STOP.md §3, §5, §8; the wording follows Forms 01–04
 * of Circular 01/2018). They name the dossier and the procedure and never the applicant: a text
 * may be read by whoever holds the phone.
 */
export function renderNotice(n: ApplicantNotice): RenderedNotice {
  const dossier = `Hồ sơ ${n.code} (${n.procedure.name})`;
  const appointment = n.appointment === null ? 'theo Phiếu tiếp nhận và hẹn trả kết quả' : vietnameseInstant(n.appointment);
  const [title, text] = wording(n, dossier, appointment);
  return { subject: `Hồ sơ ${n.code}: ${title}`, text };
}

function wording(n: ApplicantNotice, dossier: string, appointment: string): [string, string] {
  switch (n.kind) {
    case 'RECEIPT':
      return ['đã tiếp nhận', `${dossier} đã được tiếp nhận. Thời gian hẹn trả kết quả: ${appointment}. Tra cứu tình trạng hồ sơ bằng mã hồ sơ.`];
    case 'SUPPLEMENT_REQUEST':
      return n.cause === 'IntakeSupplementRequested'
        ? ['cần bổ sung', `${dossier} chưa đầy đủ, chưa được tiếp nhận. Đề nghị ông/bà bổ sung, hoàn thiện hồ sơ theo Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ.`]
        : ['cần bổ sung', `${dossier} cần được bổ sung, hoàn thiện theo yêu cầu của cơ quan giải quyết. Thời hạn giải quyết được tính lại từ đầu khi nhận đủ hồ sơ bổ sung.`];
    case 'REFUSAL':
      return ['không được tiếp nhận', `${dossier} không được tiếp nhận. Lý do được nêu tại Phiếu từ chối tiếp nhận giải quyết hồ sơ.`];
    case 'APOLOGY':
      return ['xin lỗi và hẹn lại', `${dossier} chưa được giải quyết đúng hẹn. Cơ quan giải quyết thành thật xin lỗi ông/bà và hẹn lại thời gian trả kết quả: ${appointment}.`];
    case 'EARLY_RETURN':
      return ['có kết quả sớm', `${dossier} đã có kết quả, sớm hơn thời gian hẹn (${appointment}). Ông/bà có thể nhận kết quả từ bây giờ.`];
    case 'RESULT_READY':
      return ['đã có kết quả', `${dossier} đã có kết quả. Mời ông/bà nhận kết quả tại Bộ phận Một cửa hoặc theo hình thức đã đăng ký.`];
    case 'REJECTION':
      return ['không được giải quyết', `${dossier} không được giải quyết. Lý do được nêu tại văn bản trả lời của cơ quan có thẩm quyền, gửi qua Bộ phận Một cửa.`];
    case 'POSTAL_DELIVERY':
      return n.cause === 'ResultBackAtUnit'
        ? ['mời nhận tại Bộ phận Một cửa', `Bưu điện chưa phát được kết quả ${dossier}. Mời ông/bà đến Bộ phận Một cửa để nhận kết quả.`]
        : ['đã chuyển qua bưu điện', `Kết quả ${dossier} đã được chuyển qua dịch vụ bưu chính công ích và sẽ được phát đến địa chỉ ông/bà đã đăng ký.`];
  }
}
