import type { PageConfig } from './auth';
import { controlSheetSection } from './control-sheet';
import { formsSection } from './dossier-forms';
import { h } from './dom';
import { formatInstant as when, OUTCOME_TEXT as OUTCOME } from './format';

/** The dossier as GET /api/v1/dossiers/{code} answers it (docs/contracts.md "The dossier view"): what this page reads of it. */
interface DossierView {
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
  apology: { agency: string; at: string; newAppointment: string } | null;
  events: { id: string; type: string; sequence: number; at: string; actor: { role?: string; agency?: string | null } | string | null }[];
}

const STATUS: Record<string, string> = {
  PICKUP_REQUESTED: 'Chờ bưu điện nhận',
  PICKED_UP: 'Bưu điện đã nhận',
  SUBMITTED: 'Đã nộp',
  INTAKE_SUPPLEMENT: 'Bổ sung khi tiếp nhận',
  REFUSED: 'Từ chối tiếp nhận',
  IN_PROCESSING: 'Đang giải quyết',
  SUPPLEMENT_PENDING: 'Chờ bổ sung',
  RESULT_READY: 'Có kết quả',
  REJECTED: 'Từ chối giải quyết',
  RETURNED: 'Đã trả kết quả',
  OUT_FOR_DELIVERY: 'Đang chuyển phát',
  DELIVERED: 'Đã phát',
  AWAITING_COLLECTION: 'Chờ nhận tại bộ phận một cửa',
  WITHDRAWN: 'Đã rút',
  STOPPED: 'Dừng giải quyết',
};
const EVENT: Record<string, string> = {
  DossierRegistered: 'Đăng ký hồ sơ',
  PostalPickupRequested: 'Yêu cầu bưu điện nhận hồ sơ',
  PostalPickedUp: 'Bưu điện đã nhận hồ sơ',
  DossierSubmitted: 'Nộp hồ sơ',
  IntakeSupplementRequested: 'Yêu cầu bổ sung khi tiếp nhận',
  IntakeRefused: 'Từ chối tiếp nhận',
  DossierAccepted: 'Tiếp nhận (Mẫu 01), hẹn trả',
  DossierWithdrawn: 'Rút hồ sơ',
  ResultReturned: 'Trả kết quả',
  ResultHandedToPost: 'Giao kết quả cho bưu điện',
  DeliveryAttemptFailed: 'Phát không thành công',
  ResultBackAtUnit: 'Kết quả về lại bộ phận một cửa',
  ResultDelivered: 'Đã phát kết quả',
  SupplementRequested: 'Yêu cầu bổ sung',
  SupplementReceived: 'Nhận hồ sơ bổ sung',
  AlertRaised: 'Cảnh báo thời hạn',
  StageStarted: 'Chuyển bước xử lý',
  DossierHandedOff: 'Giao hồ sơ cho bước sau (phiếu kiểm soát)',
  StagePartCompleted: 'Cơ quan hoàn thành phần việc',
  ResultReady: 'Có kết quả',
  DossierRejected: 'Từ chối giải quyết',
  DossierStopped: 'Dừng giải quyết',
  ApologyIssued: 'Thư xin lỗi, hẹn lại (Mẫu 04)',
};

const actorOf = (a: DossierView['events'][number]['actor']): string => (a === null ? '—' : typeof a === 'string' ? a : [a.role, a.agency].filter(Boolean).join(' · ') || '—');

/**
 * /dashboard/dossiers/{code}: one dossier, from the API (Temporal's state of its workflow): its
 * deadlines, its forms (01–04) and control sheet as PDF, its route's stages, the timeline of its
 * events, and a link to its workflow in the Temporal Web UI (its workflow id is the dossier code).
 */
export async function dossierPage(code: string, token: string, config: PageConfig): Promise<HTMLElement> {
  const res = await fetch(`/api/v1/dossiers/${encodeURIComponent(code)}`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status === 404) return h('section', {}, h('h2', {}, `Hồ sơ ${code}`), h('p', { role: 'alert' }, 'Không có hồ sơ này.'));
  if (res.status === 403) return h('section', {}, h('h2', {}, `Hồ sơ ${code}`), h('p', { role: 'alert' }, 'Tài khoản này không được xem hồ sơ này.'));
  if (!res.ok) throw new Error(`Không đọc được hồ sơ ${code} (${res.status}).`);
  const d = (await res.json()) as DossierView;
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
  const workflow = config.temporalUi
    ? h('p', {}, h('a', { id: 'temporal-link', href: `${config.temporalUi}/namespaces/${encodeURIComponent(config.namespace)}/workflows/${encodeURIComponent(d.code)}`, rel: 'noopener' }, 'Xem quy trình (workflow) trong Temporal UI'))
    : null;
  return h(
    'section',
    { 'aria-labelledby': 'dossier-title' },
    h('p', {}, h('a', { href: '/dashboard' }, '← Bảng điều hành')),
    h('h2', { id: 'dossier-title' }, `Hồ sơ ${d.code}`),
    h('dl', { class: 'facts' }, ...facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
    workflow,
    formsSection(d.code, d.events.map((e) => e.type), token),
    h('h3', {}, 'Các bước xử lý'),
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
    await controlSheetSection(d.code, token),
    h('h3', {}, 'Diễn biến'),
    h(
      'ol',
      { class: 'timeline', id: 'dossier-timeline' },
      ...d.events.map((e) => h('li', {}, h('time', { datetime: e.at }, when(e.at)), ' ', h('strong', {}, EVENT[e.type] ?? e.type), ` — ${actorOf(e.actor)}`)),
    ),
  );
}
