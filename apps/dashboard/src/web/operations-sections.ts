import { countTable } from './count-table';
import { h } from './dom';
import { formatCount, formatInstant } from './format';
import type { AlertWebhookFailures, PostalTransit } from './report-types';

const LEG_TEXT = { PICKUP: 'Thu gom hồ sơ', RETURN: 'Chuyển trả kết quả' } as const;

async function read<T>(path: string, token: string): Promise<T | number> {
  const res = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) return res.status;
  return (await res.json()) as T;
}

/** The post's legs now (GET /api/v1/dashboard/postal-legs): in transit, late against their transit target, per unit. */
export async function postalSection(token: string): Promise<HTMLElement> {
  const r = await read<PostalTransit>('/api/v1/dashboard/postal-legs', token);
  const body =
    typeof r === 'number'
      ? [h('p', { role: 'status' }, `Không đọc được số liệu bưu chính (${r}).`)]
      : [
          countTable(
            'postal-table',
            `Chặng bưu chính đang vận chuyển và trễ chỉ tiêu thời gian (J+1, J+2, J+4), lúc ${formatInstant(r.at)}`,
            ['Bộ phận một cửa', 'Đang vận chuyển', 'Trong đó trễ chỉ tiêu', 'Đã xong nhưng trễ chỉ tiêu'],
            r.units.map((u) => ({ attrs: { 'data-unit': u.unit }, head: u.unit, cells: [{ n: u.inTransit }, { n: u.late }, { n: u.endedLate }] })),
          ),
          r.lateLegs.length
            ? h(
                'ul',
                { id: 'postal-late-legs' },
                ...r.lateLegs.map((l) =>
                  h('li', {}, h('a', { href: `/dashboard/dossiers/${encodeURIComponent(l.code)}` }, l.code), ` — ${LEG_TEXT[l.leg]}, bưu điện nhận ${formatInstant(l.takenAt)}, chỉ tiêu ${formatInstant(l.transitDueAt)}`),
                ),
              )
            : null,
        ];
  return h('section', { 'aria-labelledby': 'postal-title' }, h('h2', { id: 'postal-title' }, 'Bưu chính công ích'), ...body);
}

/**
 * Whether the token says OPERATIONS or AUDITOR in its `roles` claim (the identity provider's, and
 * the API's default claim path): only a hint of what to show, so that another account's page does
 * not ask and log a refusal; the API decides (403 ACCESS.OPERATIONS_ONLY).
 */
function operationsHint(token: string): boolean {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { roles?: unknown };
    return Array.isArray(payload.roles) && payload.roles.some((r) => r === 'OPERATIONS' || r === 'AUDITOR');
  } catch {
    return false;
  }
}

/**
 * The alert webhook's failures (GET /api/v1/operations/alert-webhook), for operations and
 * auditors: nothing shown to another account.
 */
export async function alertFailuresSection(token: string): Promise<HTMLElement | null> {
  if (!operationsHint(token)) return null;
  const r = await read<AlertWebhookFailures>('/api/v1/operations/alert-webhook', token);
  if (r === 403) return null;
  const body =
    typeof r === 'number'
      ? [h('p', { role: 'status' }, `Không đọc được hàng đợi cảnh báo (${r}).`)]
      : [
          h('p', { id: 'alert-failures-summary' }, `Bỏ cuộc: ${formatCount(r.failed)} · Đang thử lại: ${formatCount(r.retrying)}`),
          r.rows.length
            ? countTable(
                'alert-failures',
                'Cảnh báo gửi tới webhook không thành công: lần thử, lỗi cuối, lần thử tiếp theo',
                ['Hồ sơ', 'Trạng thái', 'Số lần thử', 'Cảnh báo lúc', 'Lỗi cuối', 'Thử lại lúc'],
                r.rows.map((x) => ({
                  attrs: { 'data-event': x.eventId },
                  head: x.dossierCode,
                  cells: [x.status === 'FAILED' ? 'Bỏ cuộc' : 'Đang thử lại', { n: x.attempts }, formatInstant(x.raisedAt), x.lastError ?? '—', formatInstant(x.nextAttemptAt)],
                })),
              )
            : h('p', {}, 'Không có cảnh báo nào gửi lỗi.'),
        ];
  return h('section', { 'aria-labelledby': 'alert-failures-title' }, h('h2', { id: 'alert-failures-title' }, 'Cảnh báo gửi qua webhook bị lỗi'), ...body);
}
