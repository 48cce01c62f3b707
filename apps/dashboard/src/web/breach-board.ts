import type { BreachLine } from './breach-stream';
import { h } from './dom';
import { formatCount, formatDateTime, formatDuration, formatTime } from './format';

type SortKey = 'dueAt' | 'code' | 'agency' | 'state';
const PAGE_SIZE = 25;

const STATE_LABEL: Record<BreachLine['state'], string> = { OVERDUE: 'Quá hạn', NEAR_DUE: 'Sắp đến hạn' };
const APOLOGY_LABEL: Record<BreachLine['apology'], string> = { MADE: 'Đã xin lỗi', MADE_LATE: 'Xin lỗi muộn', MISSED: 'Chưa xin lỗi (quá hạn)', NONE: '—' };
const CHANNEL_LABEL: Record<string, string> = { COUNTER: 'Trực tiếp', ONLINE: 'Trực tuyến', POSTAL: 'Bưu chính' };
const COLUMNS: { key: SortKey | null; label: string }[] = [
  { key: 'state', label: 'Tình trạng' },
  { key: 'code', label: 'Mã hồ sơ' },
  { key: null, label: 'Thủ tục' },
  { key: 'agency', label: 'Cơ quan đang giữ' },
  { key: null, label: 'Phạm vi' },
  { key: 'dueAt', label: 'Hạn giải quyết' },
  { key: null, label: 'Quá hạn bao lâu' },
  { key: null, label: 'Xin lỗi' },
  { key: null, label: 'Kênh' },
];

/**
 * The breach board: the lines of the live feed, filtered (state, agency or code), sorted (the
 * longest overdue first by default) and paged, redrawn whenever the feed changes it.
 */
export class BreachBoard {
  private readonly lines = new Map<string, BreachLine>();
  private sort: { key: SortKey; ascending: boolean } = { key: 'dueAt', ascending: true };
  private filter = { state: '', text: '' };
  private page = 0;
  private readonly summary = h('p', { id: 'board-summary', 'aria-live': 'polite' });
  private readonly status = h('p', { id: 'live-status', class: 'live-status' }, 'Đang kết nối…');
  private readonly table = h('table', { id: 'breach-board', class: 'board' });
  private readonly pager = h('nav', { 'aria-label': 'Phân trang', class: 'pager' });

  /** The API's clock minus the browser's: durations are counted on the API's clock. */
  private skew = 0;
  private readonly now = () => Date.now() + this.skew;

  element(): HTMLElement {
    const state = h('select', { id: 'filter-state' }, h('option', { value: '' }, 'Tất cả'), h('option', { value: 'OVERDUE' }, 'Quá hạn'), h('option', { value: 'NEAR_DUE' }, 'Sắp đến hạn'));
    state.addEventListener('change', () => ((this.filter.state = state.value), (this.page = 0), this.render()));
    const text = h('input', { id: 'filter-text', type: 'search', placeholder: 'Mã hồ sơ, cơ quan, thủ tục' });
    text.addEventListener('input', () => ((this.filter.text = text.value.trim().toLowerCase()), (this.page = 0), this.render()));
    const filters = h(
      'form',
      { class: 'filters', role: 'search', 'aria-label': 'Lọc bảng' },
      h('label', { for: 'filter-state' }, 'Tình trạng'),
      state,
      h('label', { for: 'filter-text' }, 'Tìm'),
      text,
    );
    filters.addEventListener('submit', (e) => e.preventDefault());
    this.render();
    return h('section', { 'aria-labelledby': 'board-title' }, h('h2', { id: 'board-title' }, 'Hồ sơ sắp đến hạn và quá hạn'), this.status, filters, this.summary, this.table, this.pager);
  }

  replace(lines: BreachLine[], serverNow: number): void {
    this.skew = serverNow - Date.now();
    this.lines.clear();
    for (const l of lines) this.lines.set(l.key, l);
    this.render();
  }

  apply(upsert: BreachLine[], remove: string[], serverNow: number): void {
    this.skew = serverNow - Date.now();
    for (const key of remove) this.lines.delete(key);
    for (const l of upsert) this.lines.set(l.key, l);
    this.render();
  }

  isOverdue(key: string): boolean {
    return this.lines.get(key)?.state === 'OVERDUE';
  }

  setStatus(state: 'connecting' | 'live' | 'reconnecting', serverNow?: number): void {
    if (serverNow !== undefined) this.skew = serverNow - Date.now();
    this.status.dataset.state = state;
    this.status.textContent =
      state === 'live' ? `Trực tiếp — cập nhật lúc ${formatTime(this.now())}` : state === 'connecting' ? 'Đang kết nối…' : 'Mất kết nối, đang kết nối lại…';
  }

  private visible(): BreachLine[] {
    const { state, text } = this.filter;
    const shown = [...this.lines.values()].filter(
      (l) => (!state || l.state === state) && (!text || [l.code, l.procedureCode, l.procedureName ?? '', ...l.agencies].some((v) => v.toLowerCase().includes(text))),
    );
    const dir = this.sort.ascending ? 1 : -1;
    const by: Record<SortKey, (a: BreachLine, b: BreachLine) => number> = {
      dueAt: (a, b) => a.dueAt - b.dueAt,
      code: (a, b) => a.code.localeCompare(b.code),
      agency: (a, b) => a.agencies.join().localeCompare(b.agencies.join(), 'vi'),
      state: (a, b) => a.state.localeCompare(b.state),
    };
    return shown.sort((a, b) => dir * by[this.sort.key](a, b) || a.dueAt - b.dueAt || a.key.localeCompare(b.key));
  }

  private render(): void {
    const lines = this.visible();
    const overdue = lines.filter((l) => l.state === 'OVERDUE').length;
    this.summary.textContent = `${formatCount(lines.length)} dòng: ${formatCount(overdue)} quá hạn, ${formatCount(lines.length - overdue)} sắp đến hạn.`;
    const pages = Math.max(1, Math.ceil(lines.length / PAGE_SIZE));
    this.page = Math.min(this.page, pages - 1);
    const now = this.now();
    const head = h('tr', {}, ...COLUMNS.map((c) => this.headerCell(c)));
    const body = lines.slice(this.page * PAGE_SIZE, (this.page + 1) * PAGE_SIZE).map((l) =>
      h(
        'tr',
        { 'data-key': l.key, class: l.state === 'OVERDUE' ? 'overdue' : 'near-due' },
        h('td', {}, STATE_LABEL[l.state]),
        h('td', {}, h('a', { href: `/dashboard/dossiers/${encodeURIComponent(l.code)}` }, l.code)),
        h('td', {}, l.procedureName ?? l.procedureCode),
        h('td', {}, l.agencies.join(', ') || '—'),
        // Stages are numbered from 0 in the route; people count from 1.
        h('td', {}, l.scope === 'DOSSIER' ? 'Cả hồ sơ' : `Bước ${(l.stage ?? 0) + 1}`),
        h('td', {}, formatDateTime(l.dueAt), l.newAppointment ? h('br') : null, l.newAppointment ? h('small', {}, `hẹn mới ${formatDateTime(l.newAppointment)}`) : null),
        h('td', {}, l.dueAt <= now ? formatDuration(now - l.dueAt) : `còn ${formatDuration(l.dueAt - now)}`),
        h('td', {}, APOLOGY_LABEL[l.apology]),
        h('td', {}, l.channel ? (CHANNEL_LABEL[l.channel] ?? l.channel) : '—'),
      ),
    );
    const empty = lines.length === 0 ? h('tr', {}, h('td', { colspan: String(COLUMNS.length) }, 'Không có hồ sơ nào sắp đến hạn hoặc quá hạn.')) : null;
    this.table.replaceChildren(h('caption', {}, 'Hồ sơ quá hạn lâu nhất đứng đầu'), h('thead', {}, head), h('tbody', {}, ...body, empty));
    this.renderPager(pages);
  }

  private headerCell(c: { key: SortKey | null; label: string }): HTMLTableCellElement {
    if (!c.key) return h('th', { scope: 'col' }, c.label);
    const key = c.key;
    const active = this.sort.key === key;
    const button = h('button', { type: 'button' }, c.label);
    button.addEventListener('click', () => {
      this.sort = { key, ascending: active ? !this.sort.ascending : true };
      this.render();
    });
    return h('th', { scope: 'col', 'aria-sort': active ? (this.sort.ascending ? 'ascending' : 'descending') : 'none' }, button);
  }

  private renderPager(pages: number): void {
    const go = (p: number, label: string, disabled: boolean) => {
      const b = h('button', { type: 'button', disabled }, label);
      b.addEventListener('click', () => ((this.page = p), this.render()));
      return b;
    };
    this.pager.replaceChildren(go(this.page - 1, 'Trang trước', this.page === 0), h('span', {}, ` Trang ${this.page + 1}/${pages} `), go(this.page + 1, 'Trang sau', this.page >= pages - 1));
  }
}
