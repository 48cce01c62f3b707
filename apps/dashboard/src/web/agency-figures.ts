import { drawStackedBars } from './charts/agency-bars';
import { h } from './dom';
import { formatCount, formatPercent } from './format';
import { NO_AGENCY } from './ii06a-table';
import type { Ii06aReport, Rate, Report766 } from './report-types';

/** One lead agency's figures for the period: Decision 766's on-time rate and II.06a's counts (its fields added up). */
export interface AgencyFigures {
  agency: string | null;
  onTime: Rate | null;
  early: number;
  onTimeCount: number;
  late: number;
  apologies: number;
  supplementRequests: number;
}

/** The reports' own rows per lead agency, put side by side: nothing is counted here that the API did not count. */
export function agencyFigures(ii06a: Ii06aReport, r766: Report766): AgencyFigures[] {
  const byAgency = new Map<string | null, AgencyFigures>();
  const of = (agency: string | null): AgencyFigures => {
    let f = byAgency.get(agency);
    if (!f) byAgency.set(agency, (f = { agency, onTime: null, early: 0, onTimeCount: 0, late: 0, apologies: 0, supplementRequests: 0 }));
    return f;
  };
  for (const row of ii06a.rows) {
    const f = of(row.agency);
    f.early += row.resolved.early;
    f.onTimeCount += row.resolved.onTime;
    f.late += row.resolved.late;
    f.apologies += row.apologies;
    f.supplementRequests += row.intakeSupplementRequests + row.supplementRequests;
  }
  for (const row of r766.rows) of(row.agency).onTime = row.onTime;
  return [...byAgency.values()].sort((a, b) => (a.agency ?? '\uffff').localeCompare(b.agency ?? '\uffff', 'vi'));
}

const rateText = (r: Rate | null): string => (r === null || r.percent === null ? '—' : `${formatPercent(r.percent)} (${formatCount(r.count)}/${formatCount(r.of)})`);

/** The per-agency table and its bar chart (resolved early / on time / late); `draw` once the section is in the page (ECharts measures its box). */
export function agencySection(figures: AgencyFigures[]): { element: HTMLElement; draw: () => void } {
  const chart = h('div', { id: 'agency-chart', class: 'chart', role: 'img', 'aria-label': 'Biểu đồ số hồ sơ đã giải quyết theo cơ quan chủ trì: trước hạn, đúng hạn, trễ hạn' });
  const section = h(
    'section',
    { 'aria-labelledby': 'agency-title' },
    h('h2', { id: 'agency-title' }, 'Theo cơ quan chủ trì'),
    h(
      'table',
      { class: 'board report', id: 'agency-table' },
      h('caption', {}, 'Tỷ lệ đúng hạn (chỉ số 2.1, Quyết định 766) và số hồ sơ đã giải quyết, xin lỗi, yêu cầu bổ sung (Biểu II.06a) trong kỳ'),
      h('thead', {}, h('tr', {}, ...['Cơ quan chủ trì', 'Tỷ lệ đúng hạn', 'Trước hạn', 'Đúng hạn', 'Trễ hạn', 'Xin lỗi', 'Yêu cầu bổ sung'].map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        {},
        ...figures.map((f) =>
          h(
            'tr',
            { 'data-agency': f.agency ?? '' },
            h('th', { scope: 'row' }, f.agency ?? NO_AGENCY),
            h('td', { class: 'num', 'data-value': f.onTime?.percent === null || !f.onTime ? '' : String(f.onTime.percent) }, rateText(f.onTime)),
            ...[f.early, f.onTimeCount, f.late, f.apologies, f.supplementRequests].map((n) => h('td', { class: 'num', 'data-value': String(n) }, formatCount(n))),
          ),
        ),
      ),
    ),
    chart,
  );
  const draw = () =>
    drawStackedBars(
      chart,
      figures.map((f) => f.agency ?? NO_AGENCY),
      [
        { name: 'Trước hạn', color: '#1b7837', values: figures.map((f) => f.early) },
        { name: 'Đúng hạn', color: '#5aae61', values: figures.map((f) => f.onTimeCount) },
        { name: 'Trễ hạn', color: '#c51b7d', values: figures.map((f) => f.late) },
      ],
      formatCount,
    );
  return { element: section, draw };
}
