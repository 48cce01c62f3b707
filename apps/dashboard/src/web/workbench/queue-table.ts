import { h } from '../dom';
import { STATUS_TEXT } from '../dossier-words';
import { formatDateTime } from '../format';
import type { QueueItem } from './queue-types';
import { CHANNEL_TEXT } from './words';

const STATE_TEXT: Record<QueueItem['state'], string> = { ON_TIME: 'Trong hạn', NEAR_DUE: 'Sắp đến hạn', OVERDUE: 'Quá hạn' };
const STATE_CLASS: Record<QueueItem['state'], string> = { ON_TIME: 'on-time', NEAR_DUE: 'near-due', OVERDUE: 'overdue' };
const COLUMNS = ['Hạn', 'Mã hồ sơ', 'Thủ tục', 'Tình trạng', 'Đang giữ', 'Hạn của bước / hẹn trả', 'Kênh', 'Nhận lúc'];

/** An instant of the API (RFC 3339 or epoch ms) in Vietnamese; "—" for none. */
export const when = (t: string | number | null): string => (t === null || t === undefined ? '—' : formatDateTime(typeof t === 'number' ? t : Date.parse(t)));

/** The queue's rows, nearest deadline first as the API sorts them, each code a link to the dossier's page. */
export function queueRows(items: QueueItem[]): HTMLTableSectionElement {
  if (items.length === 0) return h('tbody', {}, h('tr', {}, h('td', { colspan: String(COLUMNS.length) }, 'Không có hồ sơ nào.')));
  return h(
    'tbody',
    {},
    ...items.map((i) =>
      h(
        'tr',
        { 'data-code': i.code, class: STATE_CLASS[i.state] },
        h('td', {}, STATE_TEXT[i.state] ?? i.state),
        h('td', {}, h('a', { href: `/workbench/dossiers/${encodeURIComponent(i.code)}` }, i.code)),
        h('td', {}, i.procedure.name ?? i.procedure.code),
        h('td', {}, STATUS_TEXT[i.status] ?? i.status),
        // Stages are numbered from 0 in the route; people count from 1.
        h('td', {}, i.holder ? i.holder.id : '—', i.stage !== null && i.stage !== undefined ? h('small', {}, ` (bước ${i.stage + 1})`) : null),
        h('td', {}, when(i.dueAt), i.appointment && i.appointment !== i.dueAt ? h('small', {}, h('br'), `hẹn trả ${when(i.appointment)}`) : null),
        h('td', {}, i.channel ? (CHANNEL_TEXT[i.channel] ?? i.channel) : '—'),
        h('td', {}, when(i.receivedAt)),
      ),
    ),
  );
}

export const queueHead = (): HTMLTableSectionElement => h('thead', {}, h('tr', {}, ...COLUMNS.map((c) => h('th', { scope: 'col' }, c))));
