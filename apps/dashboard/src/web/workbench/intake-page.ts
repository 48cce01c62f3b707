import { h } from '../dom';
import { getJson } from './api';
import type { Officer } from './officer';
import { newIdempotencyKey, sendCommand } from './send-command';
import { submitOnce } from './submit-once';
import { refusalText } from './words';

/** A procedure of the catalog (GET /api/v1/procedures/{code}): what the counter checks. */
interface CatalogProcedure {
  code: string;
  name: string;
  unit?: string;
  route: { agency: string | null }[];
  documents?: { code: string; name: string }[];
}

const field = (id: string, label: string, attrs: Record<string, string | boolean>): HTMLElement =>
  h('p', { class: 'field' }, h('label', { for: id }, label), h('input', { id, name: id, ...attrs }));

/**
 * /workbench/intake: a dossier registered at the counter by a one-stop officer. The procedure's
 * required documents are a checklist; what is left unchecked goes to the dossier's page as the
 * missing items of Form 02. The applicant's data goes to the API only (never into events).
 */
export async function intakePage(officer: Officer, token: () => string): Promise<HTMLElement> {
  const procedures = await getJson<CatalogProcedure[]>('/api/v1/procedures', token());
  const procedure = h(
    'select',
    { id: 'intake-procedure', name: 'procedure', required: true },
    h('option', { value: '' }, '— Chọn thủ tục —'),
    ...procedures.map((p) => h('option', { value: p.code }, `${p.name} (${p.code})`)),
  );
  const checklist = h('fieldset', { id: 'intake-documents' }, h('legend', {}, 'Thành phần hồ sơ đã nhận'), h('p', {}, 'Chọn thủ tục để xem danh sách giấy tờ.'));
  const status = h('p', { id: 'intake-status', role: 'status', tabindex: '-1' });
  procedure.addEventListener('change', () => {
    const p = procedures.find((x) => x.code === procedure.value);
    const docs = p?.documents ?? [];
    checklist.replaceChildren(
      h('legend', {}, 'Thành phần hồ sơ đã nhận'),
      ...(docs.length === 0
        ? [h('p', {}, p ? 'Thủ tục này không liệt kê giấy tờ.' : 'Chọn thủ tục để xem danh sách giấy tờ.')]
        : docs.map((d) => h('p', { class: 'check' }, h('input', { type: 'checkbox', id: `doc-${d.code}`, name: 'documents', value: d.code }), h('label', { for: `doc-${d.code}` }, d.name)))),
    );
  });
  const form = h(
    'form',
    { id: 'intake-form', class: 'desk-form', 'aria-labelledby': 'intake-title' },
    h('p', { class: 'field' }, h('label', { for: 'intake-procedure' }, 'Thủ tục'), procedure),
    checklist,
    h(
      'fieldset',
      {},
      h('legend', {}, 'Người nộp hồ sơ'),
      field('applicant-name', 'Họ và tên', { required: true, autocomplete: 'name', maxlength: '200' }),
      field('applicant-id', 'Số định danh cá nhân / CCCD / hộ chiếu', { required: true, pattern: '[0-9A-Za-z]{6,20}', inputmode: 'text', autocomplete: 'off' }),
      field('applicant-phone', 'Số điện thoại', { required: true, type: 'tel', autocomplete: 'tel', pattern: '\\+?[0-9][0-9 .\\-]{6,18}[0-9]' }),
      field('applicant-email', 'Thư điện tử (không bắt buộc)', { type: 'email', autocomplete: 'email' }),
      field('applicant-address', 'Địa chỉ (không bắt buộc)', { autocomplete: 'street-address', maxlength: '500' }),
    ),
    h('p', {}, h('button', { type: 'submit', id: 'intake-register' }, 'Đăng ký hồ sơ')),
    status,
  );
  submitOnce(form, async () => {
    const value = (id: string) => (form.querySelector<HTMLInputElement>(`#${id}`)?.value ?? '').trim();
    const p = procedures.find((x) => x.code === procedure.value);
    if (!p) return void (status.textContent = 'Hãy chọn thủ tục.');
    const received = new Set([...form.querySelectorAll<HTMLInputElement>('input[name="documents"]:checked')].map((c) => c.value));
    const missing = (p.documents ?? []).map((d) => d.code).filter((c) => !received.has(c));
    const applicant: Record<string, string> = { name: value('applicant-name'), idNumber: value('applicant-id'), phone: value('applicant-phone') };
    if (value('applicant-email')) applicant.email = value('applicant-email');
    if (value('applicant-address')) applicant.address = value('applicant-address');
    status.textContent = 'Đang đăng ký…';
    const answer = await sendCommand<{ code: string }>(
      '/api/v1/dossiers',
      { procedureCode: p.code, channel: 'COUNTER', applicant, ...(officer.agency ? { unit: officer.agency } : {}) },
      token(),
      newIdempotencyKey(),
    );
    if (!answer.ok) {
      status.textContent = `Không đăng ký được: ${refusalText(answer.refusal.rule, answer.refusal.message)}`;
      status.focus();
      return;
    }
    const next = `/workbench/dossiers/${encodeURIComponent(answer.body.code)}${missing.length ? `?missing=${missing.join(',')}` : ''}`;
    location.assign(next);
  });
  return h(
    'section',
    { 'aria-labelledby': 'intake-title' },
    h('p', {}, h('a', { href: '/workbench' }, '← Hồ sơ đang giữ')),
    h('h2', { id: 'intake-title' }, 'Tiếp nhận hồ sơ tại quầy'),
    h('p', {}, `Bộ phận một cửa: ${officer.agency ?? '—'}. Sau khi đăng ký, kiểm tra và tiếp nhận (Mẫu 01), yêu cầu bổ sung (Mẫu 02) hoặc từ chối (Mẫu 03) trên trang hồ sơ.`),
    form,
  );
}
