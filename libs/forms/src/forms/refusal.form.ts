import { IntakeRefusalReasons } from '@motcua/contracts';
import { lastOf, type FormContext, type FormOrReason } from './context';
import { BLANK, vnDate } from '../vietnamese';

/** Form 03: the refusal to receive and process the dossier, with its reasons (refused at intake). */
export function refusalForm(ctx: FormContext): FormOrReason {
  const refused = lastOf(ctx.events, 'IntakeRefused');
  if (!refused) return { notApplicable: `dossier ${ctx.code} was not refused at intake: Form 03 is the refusal at intake` };
  const unit = ctx.names.party(ctx.unit);
  return {
    form: {
      formNo: 'Mẫu số 03',
      issuer: unit,
      placeAndDate: vnDate(refused.at),
      title: 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
      subtitle: `Mã hồ sơ: ${ctx.code}`,
      blocks: [
        {
          kind: 'fields',
          rows: [
            [`${unit} tiếp nhận hồ sơ của`, ctx.applicantName ?? BLANK],
            ['Nội dung yêu cầu giải quyết', ctx.procedureName],
          ],
        },
        { kind: 'paragraph', text: `Qua nghiên cứu, xem xét, ${unit} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:` },
        refused.reasons.length
          ? { kind: 'list', items: refused.reasons.map((r) => IntakeRefusalReasons.labels[r]) }
          : { kind: 'paragraph', text: 'Theo ghi chú của cán bộ kèm theo.' },
        { kind: 'paragraph', text: 'Xin thông báo cho Ông/Bà được biết và thực hiện./.' },
        { kind: 'signatures', parties: [{ role: 'Người tiếp nhận hồ sơ', name: refused.by.id }] },
      ],
    },
  };
}
