import { h } from './dom';
import { downloadWithToken } from './download';

/** Forms 01–04 and the event that issues each (rules.md "Printed forms"; the API answers 409 for a form without it). */
const FORMS: { form: string; name: string; issuedBy: string[] }[] = [
  { form: '01', name: 'Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả', issuedBy: ['DossierAccepted'] },
  { form: '02', name: 'Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ', issuedBy: ['IntakeSupplementRequested', 'SupplementRequested'] },
  { form: '03', name: 'Mẫu 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ', issuedBy: ['IntakeRefused'] },
  { form: '04', name: 'Mẫu 04: Phiếu xin lỗi và hẹn lại ngày trả kết quả', issuedBy: ['ApologyIssued'] },
];

/** The forms this dossier has (by its events), each saved as PDF with the token (a plain link cannot carry it). */
export function formsSection(code: string, eventTypes: readonly string[], token: string): HTMLElement {
  const status = h('p', { role: 'status', id: 'forms-status' });
  const have = FORMS.filter((f) => f.issuedBy.some((t) => eventTypes.includes(t)));
  const button = (f: (typeof FORMS)[number]) => {
    const b = h('button', { type: 'button', id: `form-${f.form}` }, `${f.name} (PDF)`);
    b.addEventListener('click', () => {
      downloadWithToken(`/api/v1/dossiers/${encodeURIComponent(code)}/forms/${f.form}`, token, `${code}-mau-${f.form}.pdf`).catch((e: unknown) => (status.textContent = e instanceof Error ? e.message : String(e)));
    });
    return h('li', {}, b);
  };
  return h(
    'section',
    { 'aria-labelledby': 'forms-title' },
    h('h3', { id: 'forms-title' }, 'Biểu mẫu'),
    have.length ? h('ul', { class: 'forms', id: 'dossier-forms' }, ...have.map(button)) : h('p', {}, 'Hồ sơ chưa có biểu mẫu nào.'),
    status,
  );
}
