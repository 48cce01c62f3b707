import { figuresSection } from './agency-figures';
import { h } from './dom';
import { downloadWithToken } from './download';
import { handoffSection } from './handoff-table';
import { ii06aTable } from './ii06a-table';
import { section766, sectionCircular01 } from './indicators';
import { dayText, isDay, monthRange, quarterRange, vietnamToday, type DayRange } from './period';
import type { FiguresReport, HandoffPerformance, Ii06aReport, Report766, ReportCircular01 } from './report-types';

class ReportRefused extends Error {}

/** A period and what the reports are narrowed to (lead agency, field): what the address keeps. */
interface ReportQuery extends DayRange {
  agency?: string;
  field?: string;
}

const queryOf = (q: ReportQuery, more: Record<string, string> = {}) =>
  new URLSearchParams({ from: q.from, to: q.to, ...(q.agency ? { agency: q.agency } : {}), ...(q.field ? { field: q.field } : {}), ...more });

async function read<T>(path: string, token: string): Promise<T> {
  const res = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
  if (res.status === 403) throw new ReportRefused('Tài khoản này không được xem báo cáo (chỉ bộ phận điều hành và kiểm tra).');
  if (res.status === 400) throw new ReportRefused('Kỳ báo cáo không hợp lệ: ngày kết thúc phải sau ngày bắt đầu.');
  if (!res.ok) throw new Error(`Không đọc được ${path.split('?')[0]} (${res.status}).`);
  return (await res.json()) as T;
}

const QUARTERS = [1, 2, 3, 4];

/**
 * /dashboard/reports?from=&to=[&agency=&field=]: for a period (a month, a quarter or any days,
 * Vietnam time; the current month by default) and optionally one lead agency and field, Form
 * II.06a, the figures per agency, procedure and channel, Decision 766's indicators and Circular
 * 01/2018's scores as the reports API answers them, each with its CSV and XLSX exports, and the
 * handoffs per receiving agency. The query stays in the address, so a report can be bookmarked or sent.
 */
export function reportsPage(token: () => string): HTMLElement {
  const params = new URLSearchParams(location.search);
  const today = vietnamToday();
  const days: DayRange = isDay(params.get('from')) && isDay(params.get('to')) ? { from: params.get('from')!, to: params.get('to')! } : monthRange(today.slice(0, 7));
  const initial: ReportQuery = { ...days, ...(params.get('agency') ? { agency: params.get('agency')! } : {}), ...(params.get('field') ? { field: params.get('field')! } : {}) };

  const from = h('input', { type: 'date', id: 'report-from', required: true, value: initial.from });
  const to = h('input', { type: 'date', id: 'report-to', required: true, value: initial.to });
  const month = h('input', { type: 'month', id: 'report-month' });
  const quarter = h('select', { id: 'report-quarter' }, h('option', { value: '' }, '—'), ...QUARTERS.map((q) => h('option', { value: String(q) }, `Quý ${q}`)));
  // The agencies and fields the reports have named so far (an unfiltered period names them all).
  const agencies = h('datalist', { id: 'report-agencies' });
  const fields = h('datalist', { id: 'report-fields' });
  const agency = h('input', { type: 'text', id: 'report-agency', list: 'report-agencies', value: initial.agency ?? '', placeholder: 'tất cả' });
  const field = h('input', { type: 'text', id: 'report-field', list: 'report-fields', value: initial.field ?? '', placeholder: 'tất cả' });
  const known = { agencies: new Set<string>(), fields: new Set<string>() };
  const remember = (r: Ii06aReport) => {
    for (const row of r.rows) {
      if (row.agency) known.agencies.add(row.agency);
      if (row.field) known.fields.add(row.field);
    }
    const options = (set: Set<string>) => [...set].sort((a, b) => a.localeCompare(b, 'vi')).map((v) => h('option', { value: v }));
    agencies.replaceChildren(...options(known.agencies));
    fields.replaceChildren(...options(known.fields));
  };
  const setRange = (r: DayRange) => {
    from.value = r.from;
    to.value = r.to;
  };
  // The month field names a month only while the days are that whole month.
  const syncMonth = () => {
    const m = from.value.slice(0, 7);
    month.value = m && monthRange(m).from === from.value && monthRange(m).to === to.value ? m : '';
  };
  for (const day of [from, to]) day.addEventListener('change', syncMonth);
  month.addEventListener('change', () => month.value && setRange(monthRange(month.value)));
  quarter.addEventListener('change', () => {
    if (!quarter.value) return;
    setRange(quarterRange(Number((from.value || today).slice(0, 4)), Number(quarter.value)));
    syncMonth();
  });

  const status = h('p', { id: 'report-status', role: 'status' });
  const result = h('div', { id: 'report-result' });
  const form = h(
    'form',
    { class: 'filters', id: 'report-period' },
    h('label', {}, 'Tháng ', month),
    h('label', {}, 'Quý (của năm ngày bắt đầu) ', quarter),
    h('label', {}, 'Từ ngày ', from),
    h('label', {}, 'Đến ngày ', to),
    h('label', {}, 'Cơ quan chủ trì ', agency),
    h('label', {}, 'Lĩnh vực ', field),
    agencies,
    fields,
    h('button', { type: 'submit' }, 'Xem báo cáo'),
  );

  const show = async (q: ReportQuery) => {
    const narrowed = [q.agency ? `cơ quan ${q.agency}` : '', q.field ? `lĩnh vực ${q.field}` : ''].filter(Boolean).join(', ');
    const periodText = `từ ngày ${dayText(q.from)} đến ngày ${dayText(q.to)}`;
    status.textContent = `Đang đọc báo cáo ${periodText}…`;
    result.replaceChildren();
    try {
      const t = token();
      const [ii06a, r766, c01, figures, handoffs] = await Promise.all([
        read<Ii06aReport>(`/api/v1/reports/ii06a?${queryOf(q)}`, t),
        read<Report766>(`/api/v1/reports/766?${queryOf(q)}`, t),
        read<ReportCircular01>(`/api/v1/reports/circular01?${queryOf(q)}`, t),
        read<FiguresReport>(`/api/v1/reports/figures?${queryOf(q)}`, t),
        // Handoffs are per receiving agency: the lead-agency filter names the receiver; fields do not apply.
        read<HandoffPerformance>(`/api/v1/dashboard/handoffs?${queryOf({ from: q.from, to: q.to, ...(q.agency ? { agency: q.agency } : {}) })}`, t),
      ]);
      remember(ii06a);
      const exports = (report: string, label: string) => {
        const button = (format: 'csv' | 'xlsx', text: string) => {
          const b = h('button', { type: 'button', id: `${report}-${format}` }, text);
          b.addEventListener('click', () => {
            downloadWithToken(`/api/v1/reports/${report}?${queryOf(q, { format })}`, token(), `motcua-${report}-${q.from}_${q.to}.${format}`).catch((e: unknown) => {
              status.textContent = e instanceof Error ? e.message : String(e);
            });
          });
          return b;
        };
        return h('p', { class: 'exports' }, button('csv', `Tải CSV ${label}`), ' ', button('xlsx', `Tải Excel (XLSX) ${label}`));
      };
      const figureSection = figuresSection(figures, exports('figures', 'số liệu'));
      result.replaceChildren(
        h('section', { 'aria-labelledby': 'ii06a-title' }, h('h2', { id: 'ii06a-title' }, 'Biểu II.06a'), exports('ii06a', 'Biểu II.06a'), ii06aTable(ii06a)),
        figureSection.element,
        section766(r766, exports('766', 'chỉ số 766')),
        sectionCircular01(c01, exports('circular01', 'điểm Thông tư 01')),
        handoffSection(handoffs),
      );
      figureSection.draw();
      status.textContent = `Kỳ báo cáo: ${periodText} (giờ Việt Nam)${narrowed ? `; chỉ ${narrowed}` : ''}.${ii06a.invariants.holds ? '' : ' Cảnh báo: các số liệu không khớp nhau (invariants).'}`;
    } catch (e) {
      if (!(e instanceof ReportRefused)) console.warn(e);
      status.textContent = e instanceof Error ? e.message : String(e);
    }
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const q: ReportQuery = { from: from.value, to: to.value, ...(agency.value.trim() ? { agency: agency.value.trim() } : {}), ...(field.value.trim() ? { field: field.value.trim() } : {}) };
    history.replaceState(null, '', `${location.pathname}?${queryOf(q)}`);
    void show(q);
  });
  syncMonth();
  void show(initial);
  return h('section', { 'aria-labelledby': 'reports-title' }, h('h2', { id: 'reports-title' }, 'Báo cáo theo kỳ'), form, status, result);
}
