import { h } from './dom';
import { formatCount, formatPercent } from './format';
import type { Rate } from './report-types';

/** A cell: text, or a number shown in Vietnamese with its value in data-value (what the browser tests compare with the API). */
export type CountCell = string | { n: number | null; text?: string };

export interface CountRow {
  attrs?: Record<string, string>;
  /** The row's name (its header cell). */
  head: string;
  cells: CountCell[];
}

/** A share as "87,5 % (7/8)", its percent in data-value; "—" when nothing to divide. */
export const rateCell = (r: Rate): CountCell => ({ n: r.percent, text: r.percent === null ? '—' : `${formatPercent(r.percent)} (${formatCount(r.count)}/${formatCount(r.of)})` });

const cell = (c: CountCell) =>
  typeof c === 'string'
    ? h('td', {}, c)
    : h('td', { class: 'num', 'data-value': c.n === null ? '' : String(c.n) }, c.text ?? (c.n === null ? '—' : formatCount(c.n)));

/** A table of counts (horizontally scrollable on a laptop), an optional total line last. */
export function countTable(id: string, caption: string, headers: string[], rows: CountRow[], total?: CountRow): HTMLElement {
  const line = (r: CountRow) => h('tr', r.attrs ?? {}, h('th', { scope: 'row' }, r.head), ...r.cells.map(cell));
  return h(
    'div',
    { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': `${caption} (cuộn ngang)` },
    h(
      'table',
      { class: 'board report', id },
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, ...headers.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, ...rows.map(line)),
      total ? h('tfoot', {}, line(total)) : null,
    ),
  );
}
