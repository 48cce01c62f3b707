import { lastOf, type FormContext, type FormOrReason } from './context';
import { BLANK, vnDate } from '../vietnamese';

/** Form 02: the request to supplement and complete the dossier, everything missing listed at once. */
export function supplementRequestForm(ctx: FormContext): FormOrReason {
  const request = lastOf(ctx.events, 'IntakeSupplementRequested', 'SupplementRequested');
  if (!request) return { notApplicable: `no supplement was requested for dossier ${ctx.code}: Form 02 lists what a supplement request asked for` };
  const unit = ctx.names.party(ctx.unit);
  const asker = request.type === 'SupplementRequested' ? ctx.names.party(request.agency) : unit;
  return {
    form: {
      formNo: 'Mẫu số 02',
      issuer: unit,
      placeAndDate: vnDate(request.at),
      title: 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
      subtitle: `Mã hồ sơ: ${ctx.code}`,
      blocks: [
        {
          kind: 'fields',
          rows: [
            ['Hồ sơ của', ctx.applicantName ?? BLANK],
            ['Nội dung yêu cầu giải quyết', ctx.procedureName],
            ['Cơ quan yêu cầu', asker],
          ],
        },
        { kind: 'paragraph', text: 'Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:' },
        request.missing.length
          ? { kind: 'list', items: request.missing.map((d) => ctx.names.document(d)) }
          : { kind: 'paragraph', text: 'Theo ghi chú của cán bộ kèm theo.' },
        { kind: 'paragraph', text: 'Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, Ông/Bà liên hệ cán bộ hướng dẫn để được hướng dẫn.' },
        { kind: 'signatures', parties: [{ role: 'Người hướng dẫn', name: request.by.id }] },
      ],
    },
  };
}
