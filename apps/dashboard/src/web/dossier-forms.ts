import { h } from './dom';
import type { DossierView } from './dossier-page';
import { downloadWithToken } from './download';

/** Forms 01–04 (Circular 01/2018) and the events that issue each (rules.md "Printed forms"; the API answers 409 for a form without one). */
const FORMS: { form: string; name: string; issuedBy: string[] }[] = [
  { form: '01', name: 'Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả (có mã tra cứu QR)', issuedBy: ['DossierAccepted'] },
  { form: '02', name: 'Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ', issuedBy: ['IntakeSupplementRequested', 'SupplementRequested'] },
  { form: '03', name: 'Mẫu 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ', issuedBy: ['IntakeRefused'] },
  { form: '04', name: 'Mẫu 04: Phiếu xin lỗi và hẹn lại ngày trả kết quả', issuedBy: ['ApologyIssued'] },
];

/**
 * The forms this dossier has issued (by its events), each printed by the API and saved as PDF with
 * the token (a plain link cannot carry it): on the operations dossier page and the officer's desk.
 */
export function formsSection(d: Pick<DossierView, 'code' | 'events'>, token: () => string): HTMLElement {
  const types = new Set(d.events.map((e) => e.type));
  const issued = FORMS.filter((f) => f.issuedBy.some((t) => types.has(t)));
  const status = h('p', { role: 'status', id: 'forms-status' });
  const item = (f: (typeof FORMS)[number]) => {
    const button = h('button', { type: 'button', id: `form-${f.form}` }, `${f.name} (PDF)`);
    button.addEventListener('click', () => {
      status.textContent = '';
      downloadWithToken(`/api/v1/dossiers/${encodeURIComponent(d.code)}/forms/${f.form}`, token(), `${d.code}-mau-${f.form}.pdf`).catch((e: unknown) => (status.textContent = e instanceof Error ? e.message : String(e)));
    });
    return h('li', {}, button);
  };
  return h(
    'section',
    { 'aria-labelledby': 'forms-title', id: 'forms' },
    h('h3', { id: 'forms-title' }, 'Biểu mẫu để in'),
    issued.length ? h('ul', { class: 'forms', id: 'dossier-forms' }, ...issued.map(item)) : h('p', {}, 'Hồ sơ chưa có biểu mẫu nào (Mẫu 01 được lập khi tiếp nhận).'),
    status,
  );
}
