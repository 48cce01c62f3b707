import { h } from './dom';
import { formatCount } from './format';
import { dayText } from './period';
import type { Ii06aCounts, Ii06aReport } from './report-types';

/** Form II.06a's columns, in the order and words of its CSV and XLSX exports (libs/reports/src/sheets.ts). */
const COLUMNS: [string, (c: Ii06aCounts) => number][] = [
  ['Tổng số hồ sơ tiếp nhận', (c) => c.received.total],
  ['Kỳ trước chuyển qua', (c) => c.received.carriedOver],
  ['Mới tiếp nhận trực tuyến', (c) => c.received.online],
  ['Mới tiếp nhận trực tiếp', (c) => c.received.direct],
  ['Mới tiếp nhận qua bưu chính công ích', (c) => c.received.postal],
  ['Đã giải quyết: tổng số', (c) => c.resolved.total],
  ['Đã giải quyết: trước hạn', (c) => c.resolved.early],
  ['Đã giải quyết: đúng hạn', (c) => c.resolved.onTime],
  ['Đã giải quyết: quá hạn', (c) => c.resolved.late],
  ['Đang giải quyết: tổng số', (c) => c.inProgress.total],
  ['Đang giải quyết: trong hạn', (c) => c.inProgress.withinLimit],
  ['Đang giải quyết: quá hạn', (c) => c.inProgress.overdue],
  ['Rút hồ sơ', (c) => c.withdrawn],
  ['Dừng xử lý', (c) => c.stopped],
  ['Từ chối tiếp nhận', (c) => c.refusedAtIntake],
  ['Yêu cầu bổ sung khi tiếp nhận', (c) => c.intakeSupplementRequests],
  ['Yêu cầu bổ sung sau thẩm định', (c) => c.supplementRequests],
  ['Văn bản xin lỗi và hẹn lại', (c) => c.apologies],
];

export const NO_AGENCY = '(chưa rõ cơ quan)';
const NO_FIELD = '(không rõ lĩnh vực)';

const cells = (c: Ii06aCounts) => COLUMNS.map(([, of]) => h('td', { class: 'num', 'data-value': String(of(c)) }, formatCount(of(c))));

/**
 * The II.06a table as the API answered it: one line per lead agency and field, the total last.
 * Each count cell carries its number in data-value (what the browser test compares with the JSON).
 */
export function ii06aTable(r: Ii06aReport): HTMLElement {
  return h(
    'div',
    { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'Biểu II.06a (cuộn ngang)' },
    h(
      'table',
      { class: 'board report', id: 'ii06a-table' },
      h('caption', {}, `Biểu II.06a: tình hình, kết quả giải quyết thủ tục hành chính, từ ngày ${dayText(r.period.from)} đến ngày ${dayText(r.period.to)}`),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Cơ quan chủ trì'), h('th', { scope: 'col' }, 'Lĩnh vực'), ...COLUMNS.map(([label]) => h('th', { scope: 'col' }, label)))),
      h(
        'tbody',
        {},
        ...r.rows.map((row) => h('tr', { 'data-agency': row.agency ?? '', 'data-field': row.field ?? '' }, h('th', { scope: 'row' }, row.agency ?? NO_AGENCY), h('td', {}, row.field ?? NO_FIELD), ...cells(row))),
      ),
      h('tfoot', {}, h('tr', { class: 'total' }, h('th', { scope: 'row' }, 'Tổng cộng'), h('td', {}), ...cells(r.total))),
    ),
  );
}
