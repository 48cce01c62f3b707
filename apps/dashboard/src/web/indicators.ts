import { countTable, rateCell as rate, type CountCell } from './count-table';
import { h } from './dom';
import { formatCount } from './format';
import { NO_AGENCY } from './ii06a-table';
import type { Report766, ReportCircular01 } from './report-types';

const score = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 0, maximumFractionDigits: 2 });
const scoreCell = (n: number | null): CountCell => ({ n, text: n === null ? '—' : score.format(n) });

/** Decision 766's indicators as GET /api/v1/reports/766 answers them: 2.1, 3.3 and the postal share per lead agency, 2.2 per procedure. */
export function section766(r: Report766, exports: HTMLElement): HTMLElement {
  return h(
    'section',
    { 'aria-labelledby': 'r766-title' },
    h('h2', { id: 'r766-title' }, 'Chỉ số Quyết định 766/QĐ-TTg'),
    exports,
    countTable(
      'r766-table',
      'Chỉ số 2.1 (đúng hạn), 3.3 (trực tuyến) và tỷ lệ qua bưu chính công ích, theo cơ quan chủ trì',
      ['Cơ quan chủ trì', '2.1 Tỷ lệ đúng hạn', '3.3 Tỷ lệ nộp trực tuyến', 'Tỷ lệ qua bưu chính công ích'],
      r.rows.map((x) => ({ attrs: { 'data-agency': x.agency ?? '' }, head: x.agency ?? NO_AGENCY, cells: [rate(x.onTime), rate(x.online), rate(x.postal)] })),
      { head: 'Tổng cộng', cells: [rate(r.total.onTime), rate(r.total.online), rate(r.total.postal)] },
    ),
    countTable(
      'r766-procedures',
      'Chỉ số 2.2: thời gian giải quyết trung bình theo thủ tục (không tính thời gian chờ bổ sung)',
      ['Thủ tục', 'Số hồ sơ đã giải quyết', 'Thời gian trung bình (ngày)'],
      r.procedures.map((p) => ({ attrs: { 'data-procedure': p.procedureCode }, head: p.procedureName ? `${p.procedureName} (${p.procedureCode})` : p.procedureCode, cells: [{ n: p.resolved }, scoreCell(p.averageProcessingDays)] })),
    ),
  );
}

/** Circular 01/2018's scores as GET /api/v1/reports/circular01 answers them: the averages, and indicator 2 per agency. */
export function sectionCircular01(r: ReportCircular01, exports: HTMLElement): HTMLElement {
  return h(
    'section',
    { 'aria-labelledby': 'c01-title' },
    h('h2', { id: 'c01-title' }, 'Điểm theo Thông tư 01/2018/TT-VPCP'),
    exports,
    h(
      'dl',
      { class: 'facts', id: 'c01-total' },
      h('dt', {}, 'Chỉ số 1: số hồ sơ đã giải quyết'),
      h('dd', { 'data-value': String(r.total.dossiers) }, formatCount(r.total.dossiers)),
      h('dt', {}, 'Chỉ số 1: điểm trung bình (2 trước hạn, 1 đúng hạn, 0 quá hạn)'),
      h('dd', { 'data-value': r.total.dossierAverageScore === null ? '' : String(r.total.dossierAverageScore) }, r.total.dossierAverageScore === null ? '—' : score.format(r.total.dossierAverageScore)),
      h('dt', {}, 'Chỉ số 2: số phần việc của các cơ quan'),
      h('dd', { 'data-value': String(r.total.parts) }, formatCount(r.total.parts)),
      h('dt', {}, 'Chỉ số 2: điểm trung bình'),
      h('dd', { 'data-value': r.total.partAverageScore === null ? '' : String(r.total.partAverageScore) }, r.total.partAverageScore === null ? '—' : score.format(r.total.partAverageScore)),
    ),
    countTable(
      'c01-agencies',
      'Chỉ số 2: thời gian giải quyết của từng cơ quan so với thời gian được phân bổ',
      ['Cơ quan', 'Số phần việc', 'Trước hạn', 'Đúng hạn', 'Quá hạn', 'Tổng điểm', 'Điểm trung bình'],
      r.agencies.map((a) => ({ attrs: { 'data-agency': a.agency }, head: a.agency, cells: [{ n: a.parts }, { n: a.early }, { n: a.onTime }, { n: a.late }, { n: a.points }, scoreCell(a.averageScore)] })),
    ),
  );
}
