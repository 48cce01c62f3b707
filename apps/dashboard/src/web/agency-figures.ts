import { drawStackedBars } from './charts/agency-bars';
import { countTable, rateCell as rate, type CountCell, type CountRow } from './count-table';
import { h } from './dom';
import { formatCount } from './format';
import { NO_AGENCY } from './ii06a-table';
import type { Figures, FiguresReport } from './report-types';

export const CHANNEL_TEXT: Record<string, string> = { ONLINE: 'Trực tuyến', COUNTER: 'Trực tiếp', POSTAL: 'Bưu chính công ích' };

const days = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

/** The columns of every figures table, in the order of the figures' CSV export (libs/reports figuresSheets). */
export const FIGURE_COLUMNS = ['Tiếp nhận', 'Tỷ lệ đúng hạn (2.1)', 'Đã giải quyết', 'Trước hạn', 'Đúng hạn', 'Trễ hạn', 'Thời gian giải quyết trung bình (ngày)', 'Xin lỗi đã gửi', 'Xin lỗi bị bỏ lỡ', 'Yêu cầu bổ sung khi tiếp nhận', 'Yêu cầu bổ sung sau thẩm định'];

export function figureCells(f: Figures): CountCell[] {
  return [
    { n: f.received },
    rate(f.onTime),
    { n: f.resolved.total },
    { n: f.resolved.early },
    { n: f.resolved.onTime },
    { n: f.resolved.late },
    { n: f.averageResolutionDays, text: f.averageResolutionDays === null ? '—' : days.format(f.averageResolutionDays) },
    { n: f.apologies },
    { n: f.apologiesMissed },
    { n: f.supplementRequests.atIntake },
    { n: f.supplementRequests.afterAppraisal },
  ];
}

const total = (r: FiguresReport): CountRow => ({ head: 'Tổng cộng', cells: figureCells(r.total) });

/**
 * The figures per lead agency (table and stacked bars), per procedure and per channel, as GET
 * /api/v1/reports/figures answers them: the page counts nothing itself. `draw` once the section is
 * in the page (ECharts measures its box).
 */
export function figuresSection(r: FiguresReport, exports: HTMLElement): { element: HTMLElement; draw: () => void } {
  const chart = h('div', { id: 'agency-chart', class: 'chart', role: 'img', 'aria-label': 'Biểu đồ số hồ sơ đã giải quyết theo cơ quan chủ trì: trước hạn, đúng hạn, trễ hạn' });
  const section = h(
    'section',
    { 'aria-labelledby': 'agency-title' },
    h('h2', { id: 'agency-title' }, 'Số liệu theo cơ quan, thủ tục và kênh'),
    exports,
    countTable(
      'agency-table',
      'Theo cơ quan chủ trì: tỷ lệ đúng hạn (chỉ số 2.1, Quyết định 766), đã giải quyết (Biểu II.06a), thời gian trung bình (chỉ số 2.2), xin lỗi, yêu cầu bổ sung trong kỳ',
      ['Cơ quan chủ trì', ...FIGURE_COLUMNS],
      r.agencies.map((a) => ({ attrs: { 'data-agency': a.agency ?? '' }, head: a.agency ?? NO_AGENCY, cells: figureCells(a) })),
      total(r),
    ),
    chart,
    h('h3', { id: 'procedure-title' }, 'Theo thủ tục'),
    countTable(
      'procedure-table',
      'Theo thủ tục hành chính',
      ['Thủ tục', ...FIGURE_COLUMNS],
      r.procedures.map((p) => ({ attrs: { 'data-procedure': p.procedureCode }, head: p.procedureName ? `${p.procedureName} (${p.procedureCode})` : p.procedureCode, cells: figureCells(p) })),
      total(r),
    ),
    h('h3', { id: 'channel-title' }, 'Theo kênh tiếp nhận'),
    countTable(
      'channel-table',
      'Theo kênh tiếp nhận: trực tuyến, trực tiếp, bưu chính công ích',
      ['Kênh', ...FIGURE_COLUMNS],
      r.channels.map((c) => ({ attrs: { 'data-channel': c.channel ?? '' }, head: c.channel === null ? '(chưa nộp)' : (CHANNEL_TEXT[c.channel] ?? c.channel), cells: figureCells(c) })),
      total(r),
    ),
  );
  const draw = () =>
    drawStackedBars(
      chart,
      r.agencies.map((f) => f.agency ?? NO_AGENCY),
      [
        { name: 'Trước hạn', color: '#1b7837', values: r.agencies.map((f) => f.resolved.early) },
        { name: 'Đúng hạn', color: '#5aae61', values: r.agencies.map((f) => f.resolved.onTime) },
        { name: 'Trễ hạn', color: '#c51b7d', values: r.agencies.map((f) => f.resolved.late) },
      ],
      formatCount,
    );
  return { element: section, draw };
}
