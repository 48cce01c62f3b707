import { h, scrollable } from './dom';
import { downloadWithToken } from './download';
import { formatInstant as when, OUTCOME_TEXT as OUTCOME } from './format';

/** Form 05 as GET /api/v1/dossiers/{code}/control-sheet answers it (docs/contracts.md). */
interface ControlSheet {
  code: string;
  rows: {
    from: { unit: string; officer: string | null };
    to: { unit: string; officer: string | null };
    handedOverAt: string;
    dueAt: string;
    finishedAt: string | null;
    outcome: 'EARLY' | 'ON_TIME' | 'LATE' | null;
    task: 'PROCESS' | 'RETURN_RESULT' | 'RETURN_REFUSAL';
  }[];
}

const TASK: Record<ControlSheet['rows'][number]['task'], string> = { PROCESS: 'Giải quyết', RETURN_RESULT: 'Trả kết quả', RETURN_REFUSAL: 'Trả hồ sơ từ chối' };
const party = (p: { unit: string; officer: string | null }): string => (p.officer ? `${p.unit} (${p.officer})` : p.unit);

/**
 * The dossier's process control sheet (Form 05): one line per handoff, from the API's JSON, and a
 * button that saves the signed form's PDF (fetched with the token: a plain link cannot carry it).
 */
export async function controlSheetSection(code: string, token: string): Promise<HTMLElement> {
  const path = `/api/v1/dossiers/${encodeURIComponent(code)}/control-sheet`;
  const title = h('h3', { id: 'control-sheet-title' }, 'Phiếu kiểm soát quá trình giải quyết hồ sơ (Mẫu 05)');
  const res = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) return h('section', { 'aria-labelledby': 'control-sheet-title' }, title, h('p', { role: 'alert' }, `Không đọc được phiếu kiểm soát (${res.status}).`));
  const sheet = (await res.json()) as ControlSheet;
  const status = h('span', { role: 'status' });
  const pdf = h('button', { type: 'button', id: 'control-sheet-pdf' }, 'Tải phiếu kiểm soát (PDF)');
  pdf.addEventListener('click', () => {
    status.textContent = '';
    downloadWithToken(`${path}?format=pdf`, token, `${code}-mau-05.pdf`).catch((e: unknown) => (status.textContent = e instanceof Error ? e.message : String(e)));
  });
  return h(
    'section',
    { 'aria-labelledby': 'control-sheet-title' },
    title,
    h('p', {}, pdf, ' ', status),
    scrollable(
      'Phiếu kiểm soát (cuộn ngang)',
      h(
        'table',
        { class: 'board', id: 'control-sheet' },
        h('thead', {}, h('tr', {}, ...['Bên giao', 'Bên nhận', 'Việc', 'Thời gian giao', 'Hạn', 'Hoàn thành', 'Kết quả'].map((c) => h('th', { scope: 'col' }, c)))),
        h(
          'tbody',
          {},
          ...(sheet.rows.length === 0
            ? [h('tr', {}, h('td', { colspan: '7' }, 'Chưa có lần giao nhận nào.'))]
            : sheet.rows.map((r) =>
                h('tr', {}, h('td', {}, party(r.from)), h('td', {}, party(r.to)), h('td', {}, TASK[r.task] ?? r.task), h('td', {}, when(r.handedOverAt)), h('td', {}, when(r.dueAt)), h('td', {}, when(r.finishedAt)), h('td', {}, OUTCOME[r.outcome ?? ''] ?? '—')),
              )),
        ),
      ),
    ),
  );
}
