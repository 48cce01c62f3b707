import type { PageConfig } from './auth';
import { controlSheetSection } from './control-sheet';
import { formsSection } from './dossier-forms';
import { h, scrollable } from './dom';
import { EVENT_TEXT as EVENT, STATUS_TEXT as STATUS } from './dossier-words';
import { formatInstant as when, OUTCOME_TEXT as OUTCOME } from './format';

/** The dossier as GET /api/v1/dossiers/{code} answers it (docs/contracts.md "The dossier view"): what the pages read of it. */
export interface DossierView {
  code: string;
  unit: string;
  status: string;
  channel: string | null;
  procedure: { code: string; name: string; version: string };
  clockStartedAt: string | null;
  appointment: string | null;
  finalAppointment: string | null;
  finishedAt: string | null;
  outcome: string | null;
  overdue: boolean;
  holders: string[];
  stages: { stage: number; agency: string; startedAt: string | null; due: string | null; finishedAt: string | null; outcome: string | null }[];
  consultations?: { agency: string; to: string; requestedAt: string; due: string; answeredAt: string | null; outcome: string | null }[];
  apology: { agency: string; at: string; newAppointment: string } | null;
  supplementRequests?: number;
  sequence?: number;
  events: { id: string; type: string; sequence: number; at: string; actor: { role?: string; agency?: string | null } | string | null }[];
}

const actorOf = (a: DossierView['events'][number]['actor']): string => (a === null ? '—' : typeof a === 'string' ? a : [a.role, a.agency].filter(Boolean).join(' · ') || '—');

/** The dossier read with the token: the view, or the section that says why it cannot be shown (403, 404). */
export async function readDossier(code: string, token: string): Promise<{ dossier: DossierView } | { refused: HTMLElement }> {
  const res = await fetch(`/api/v1/dossiers/${encodeURIComponent(code)}`, { headers: { authorization: `Bearer ${token}` } });
  const refused = (text: string) => ({ refused: h('section', {}, h('h2', { id: 'dossier-title' }, `Hồ sơ ${code}`), h('p', { role: 'alert', id: 'dossier-refused' }, text)) });
  if (res.status === 404) return refused('Không có hồ sơ này.');
  if (res.status === 403) return refused('Tài khoản này không được xem hồ sơ này.');
  if (!res.ok) throw new Error(`Không đọc được hồ sơ ${code} (${res.status}).`);
  return { dossier: (await res.json()) as DossierView };
}

/** Its procedure, status, holders and deadlines, as a definition list. */
export function dossierFacts(d: DossierView): HTMLElement {
  const facts: [string, string][] = [
    ['Thủ tục', `${d.procedure.name} (${d.procedure.code}, phiên bản ${d.procedure.version})`],
    ['Tình trạng', STATUS[d.status] ?? d.status],
    ['Bộ phận một cửa', d.unit],
    ['Cơ quan đang giữ', d.holders.join(', ') || '—'],
    ['Bắt đầu tính thời hạn', when(d.clockStartedAt)],
    ['Hạn giải quyết', when(d.appointment)],
    ['Hẹn lại (sau thư xin lỗi)', d.apology ? `${when(d.apology.newAppointment)} — ${d.apology.agency}, ngày ${when(d.apology.at)}` : '—'],
    // The API's judgment at its own clock (the page's clock may differ: the board counts "how long").
    ['Quá hạn', d.overdue ? 'Có' : 'Không'],
    ['Hoàn thành', d.finishedAt ? `${when(d.finishedAt)} — ${OUTCOME[d.outcome ?? ''] ?? d.outcome ?? ''}` : '—'],
  ];
  return h('dl', { class: 'facts', id: 'dossier-facts' }, ...facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

/** The route's stages, each with its deadline. */
export function dossierStages(d: DossierView): HTMLElement[] {
  return [
    h('h3', {}, 'Các bước xử lý và thời hạn'),
    scrollable(
      'Các bước xử lý (cuộn ngang)',
      h(
        'table',
        { class: 'board', id: 'dossier-stages' },
        h('thead', {}, h('tr', {}, ...['Bước', 'Cơ quan', 'Bắt đầu', 'Hạn', 'Hoàn thành', 'Kết quả'].map((c) => h('th', { scope: 'col' }, c)))),
        h(
          'tbody',
          {},
          ...d.stages.map((s) => h('tr', {}, h('td', {}, String(s.stage + 1)), h('td', {}, s.agency), h('td', {}, when(s.startedAt)), h('td', {}, when(s.due)), h('td', {}, when(s.finishedAt)), h('td', {}, OUTCOME[s.outcome ?? ''] ?? s.outcome ?? '—'))),
        ),
      ),
    ),
  ];
}

/** Every event of the dossier, oldest first. */
export function dossierTimeline(d: DossierView): HTMLElement[] {
  return [
    h('h3', {}, 'Diễn biến'),
    h(
      'ol',
      { class: 'timeline', id: 'dossier-timeline' },
      ...d.events.map((e) => h('li', {}, h('time', { datetime: e.at }, when(e.at)), ' ', h('strong', {}, EVENT[e.type] ?? e.type), ` — ${actorOf(e.actor)}`)),
    ),
  ];
}

/**
 * /dashboard/dossiers/{code}: one dossier, from the API (Temporal's state of its workflow): its
 * deadlines, its forms (01–04) and control sheet as PDF, its route's stages, the timeline of its
 * events, and a link to its workflow in the Temporal Web UI (its workflow id is the dossier code).
 */
export async function dossierPage(code: string, token: string, config: PageConfig): Promise<HTMLElement> {
  const read = await readDossier(code, token);
  if ('refused' in read) return read.refused;
  const d = read.dossier;
  const workflow = config.temporalUi
    ? h('p', {}, h('a', { id: 'temporal-link', href: `${config.temporalUi}/namespaces/${encodeURIComponent(config.namespace)}/workflows/${encodeURIComponent(d.code)}`, rel: 'noopener' }, 'Xem quy trình (workflow) trong Temporal UI'))
    : null;
  return h(
    'section',
    { 'aria-labelledby': 'dossier-title' },
    h('p', {}, h('a', { href: '/dashboard' }, '← Bảng điều hành')),
    h('h2', { id: 'dossier-title' }, `Hồ sơ ${d.code}`),
    dossierFacts(d),
    workflow,
    formsSection(d, () => token),
    ...dossierStages(d),
    await controlSheetSection(d.code, token),
    ...dossierTimeline(d),
  );
}
