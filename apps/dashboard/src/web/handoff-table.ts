import { countTable } from './count-table';
import { h } from './dom';
import type { HandoffPerformance } from './report-types';

/** The control sheets' rows per receiver (GET /api/v1/dashboard/handoffs): how each agency did with what it was handed. */
export function handoffSection(r: HandoffPerformance): HTMLElement {
  return h(
    'section',
    { 'aria-labelledby': 'handoff-title' },
    h('h2', { id: 'handoff-title' }, 'Bàn giao hồ sơ theo cơ quan nhận (phiếu kiểm soát)'),
    countTable(
      'handoff-table',
      'Theo các dòng của phiếu kiểm soát quá trình giải quyết (Mẫu 05): số lần nhận trong kỳ, số đã xong trong kỳ so với thời hạn được giao, số còn dở và quá hạn ở cuối kỳ',
      ['Cơ quan nhận', 'Nhận trong kỳ', 'Xong trong kỳ', 'Trước hạn', 'Đúng hạn', 'Trễ hạn', 'Còn dở cuối kỳ', 'Trong đó quá hạn'],
      r.receivers.map((x) => ({
        attrs: { 'data-receiver': x.receiver, 'data-kind': x.kind },
        head: x.kind === 'ONE_STOP_UNIT' ? `${x.receiver} (bộ phận một cửa, nhận kết quả)` : x.receiver,
        cells: [{ n: x.received }, { n: x.finished }, { n: x.early }, { n: x.onTime }, { n: x.late }, { n: x.open }, { n: x.overdue }],
      })),
    ),
  );
}
