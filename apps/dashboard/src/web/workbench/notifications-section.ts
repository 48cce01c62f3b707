import { h, scrollable } from '../dom';
import { formatInstant } from '../format';

/** GET /api/v1/dossiers/{code}/notifications: what the applicant was sent (addresses masked). */
interface SentNotification {
  kind: string;
  channel: string;
  to: string;
  text: string;
  at: string;
  status: string;
}

const KIND_TEXT: Record<string, string> = {
  RECEIPT: 'Tiếp nhận (Mẫu 01)',
  SUPPLEMENT_REQUEST: 'Yêu cầu bổ sung',
  REFUSAL: 'Từ chối tiếp nhận',
  APOLOGY: 'Xin lỗi, hẹn lại',
  EARLY_RETURN: 'Có kết quả sớm',
  RESULT_READY: 'Có kết quả',
  REJECTION: 'Từ chối giải quyết',
  POSTAL_DELIVERY: 'Chuyển phát kết quả',
};
const STATUS_TEXT: Record<string, string> = { PENDING: 'Đang gửi', SENT: 'Đã gửi', RECORDED: 'Đã ghi nhận (không gửi ra ngoài)', FAILED: 'Gửi không thành công' };

/** The notifications sent to the applicant about this dossier, newest last. */
export async function notificationsSection(code: string, token: string): Promise<HTMLElement> {
  const title = h('h3', { id: 'notifications-title' }, 'Thông báo đã gửi người dân');
  const res = await fetch(`/api/v1/dossiers/${encodeURIComponent(code)}/notifications`, { headers: { authorization: `Bearer ${token}` } });
  const section = (...children: HTMLElement[]) => h('section', { 'aria-labelledby': 'notifications-title', id: 'notifications' }, title, ...children);
  if (!res.ok) return section(h('p', {}, `Không đọc được danh sách thông báo (${res.status}).`));
  const sent = (await res.json()) as SentNotification[];
  if (sent.length === 0) return section(h('p', {}, 'Chưa có thông báo nào.'));
  return section(
    scrollable(
      'Thông báo đã gửi (cuộn ngang)',
      h(
        'table',
        { class: 'board', id: 'notifications-table' },
        h('thead', {}, h('tr', {}, ...['Lúc', 'Loại', 'Kênh', 'Đến', 'Nội dung', 'Trạng thái'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, ...sent.map((n) => h('tr', {}, h('td', {}, formatInstant(n.at)), h('td', {}, KIND_TEXT[n.kind] ?? n.kind), h('td', {}, n.channel === 'EMAIL' ? 'Thư điện tử' : n.channel), h('td', {}, n.to), h('td', {}, n.text), h('td', {}, STATUS_TEXT[n.status] ?? n.status)))),
      ),
    ),
  );
}
