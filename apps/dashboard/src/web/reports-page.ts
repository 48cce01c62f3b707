import { agencyFigures, agencySection } from './agency-figures';
import { h } from './dom';
import { downloadWithToken } from './download';
import { ii06aTable } from './ii06a-table';
import { dayText, isDay, monthRange, quarterRange, vietnamToday, type DayRange } from './period';
import type { Ii06aReport, Report766 } from './report-types';

class ReportRefused extends Error {}

async function readReport<T>(name: string, range: DayRange, token: string): Promise<T> {
  const res = await fetch(`/api/v1/reports/${name}?${new URLSearchParams({ ...range })}`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status === 403) throw new ReportRefused('Tài khoản này không được xem báo cáo (chỉ bộ phận điều hành và kiểm tra).');
  if (res.status === 400) throw new ReportRefused('Kỳ báo cáo không hợp lệ: ngày kết thúc phải sau ngày bắt đầu.');
  if (!res.ok) throw new Error(`Không đọc được báo cáo ${name} (${res.status}).`);
  return (await res.json()) as T;
}

const QUARTERS = [1, 2, 3, 4];

/**
 * /dashboard/reports?from=&to=: Form II.06a for a period (a month, a quarter or any days, Vietnam
 * time; the current month by default) as the reports API answers it, its CSV and XLSX exports,
 * and the figures per lead agency (Decision 766's on-time rate beside II.06a's counts) with a chart.
 * The period is kept in the address, so a report can be bookmarked or sent.
 */
export function reportsPage(token: () => string): HTMLElement {
  const params = new URLSearchParams(location.search);
  const today = vietnamToday();
  const initial: DayRange = isDay(params.get('from')) && isDay(params.get('to')) ? { from: params.get('from')!, to: params.get('to')! } : monthRange(today.slice(0, 7));

  const from = h('input', { type: 'date', id: 'report-from', required: true, value: initial.from });
  const to = h('input', { type: 'date', id: 'report-to', required: true, value: initial.to });
  const month = h('input', { type: 'month', id: 'report-month' });
  const quarter = h('select', { id: 'report-quarter' }, h('option', { value: '' }, '—'), ...QUARTERS.map((q) => h('option', { value: String(q) }, `Quý ${q}`)));
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
    h('button', { type: 'submit' }, 'Xem báo cáo'),
  );

  const show = async (range: DayRange) => {
    status.textContent = `Đang đọc báo cáo từ ngày ${dayText(range.from)} đến ngày ${dayText(range.to)}…`;
    result.replaceChildren();
    try {
      const [ii06a, r766] = await Promise.all([readReport<Ii06aReport>('ii06a', range, token()), readReport<Report766>('766', range, token())]);
      const exportButton = (format: 'csv' | 'xlsx', label: string) => {
        const b = h('button', { type: 'button', id: `ii06a-${format}` }, label);
        b.addEventListener('click', () => {
          const query = new URLSearchParams({ ...range, format });
          downloadWithToken(`/api/v1/reports/ii06a?${query}`, token(), `motcua-ii06a-${range.from}_${range.to}.${format}`).catch((e: unknown) => {
            status.textContent = e instanceof Error ? e.message : String(e);
          });
        });
        return b;
      };
      const agencies = agencySection(agencyFigures(ii06a, r766));
      result.replaceChildren(
        h('section', { 'aria-labelledby': 'ii06a-title' }, h('h2', { id: 'ii06a-title' }, 'Biểu II.06a'), h('p', { class: 'exports' }, exportButton('csv', 'Tải CSV'), ' ', exportButton('xlsx', 'Tải Excel (XLSX)')), ii06aTable(ii06a)),
        agencies.element,
      );
      agencies.draw();
      status.textContent = `Kỳ báo cáo: từ ngày ${dayText(range.from)} đến ngày ${dayText(range.to)} (giờ Việt Nam).${ii06a.invariants.holds ? '' : ' Cảnh báo: các số liệu không khớp nhau (invariants).'}`;
    } catch (e) {
      if (!(e instanceof ReportRefused)) console.warn(e);
      status.textContent = e instanceof Error ? e.message : String(e);
    }
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const range = { from: from.value, to: to.value };
    history.replaceState(null, '', `${location.pathname}?${new URLSearchParams(range)}`);
    void show(range);
  });
  syncMonth();
  void show(initial);
  return h('section', { 'aria-labelledby': 'reports-title' }, h('h2', { id: 'reports-title' }, 'Báo cáo theo kỳ'), form, status, result);
}
