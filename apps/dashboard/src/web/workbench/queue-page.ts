import type { Session } from '../auth';
import { h, scrollable } from '../dom';
import { STATUS_TEXT } from '../dossier-words';
import { formatCount, formatTime } from '../format';
import { LiveFeed, type FeedState } from '../live-feed';
import { ApiFailure, getJson } from './api';
import { queueHead, queueRows } from './queue-table';
import type { QueueFilter, QueuePage } from './queue-types';

const PAGE_SIZE = 20;

/** The filter the address names (so a filtered queue can be bookmarked and reloaded). */
function filterOf(search: string): QueueFilter {
  const p = new URLSearchParams(search);
  return { q: p.get('q') ?? '', procedure: p.get('procedure') ?? '', status: p.get('status') ?? '', page: Math.max(1, Number(p.get('page')) || 1) };
}

function queryOf(f: QueueFilter): URLSearchParams {
  const p = new URLSearchParams();
  if (f.q) p.set('q', f.q);
  if (f.procedure) p.set('procedure', f.procedure);
  if (f.status) p.set('status', f.status);
  if (f.page > 1) p.set('page', String(f.page));
  return p;
}

const select = (id: string, label: string, all: string, options: [string, string][], value: string): [HTMLLabelElement, HTMLSelectElement] => {
  const s = h('select', { id, name: id }, h('option', { value: '' }, all), ...options.map(([v, t]) => h('option', { value: v, selected: v === value }, t)));
  return [h('label', { for: id }, label), s];
};

/**
 * /workbench: the dossiers my unit or agency holds now, nearest deadline first, as the API's
 * queue answers (search by code, filters, paging). The live feed says when any of them changes
 * or a new one arrives: the page then asks for its page again (never on a timer).
 */
export async function queuePage(session: () => Session | null, relogin: () => void): Promise<HTMLElement> {
  const token = () => session()?.accessToken ?? '';
  let filter = filterOf(location.search);
  const procedures = await getJson<{ code: string; name: string }[]>('/api/v1/procedures', token()).catch(() => []);

  const q = h('input', { id: 'queue-q', name: 'q', type: 'search', value: filter.q, placeholder: 'Mã hồ sơ', autocomplete: 'off' });
  const [procedureLabel, procedure] = select('queue-procedure', 'Thủ tục', 'Tất cả thủ tục', procedures.map((p) => [p.code, p.name]), filter.procedure);
  const [statusLabel, status] = select('queue-status', 'Tình trạng', 'Tất cả tình trạng', Object.entries(STATUS_TEXT), filter.status);
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Tìm và lọc hồ sơ' },
    h('label', { for: 'queue-q' }, 'Tìm'),
    q,
    procedureLabel,
    procedure,
    statusLabel,
    status,
    h('button', { type: 'submit' }, 'Lọc'),
  );
  const live = h('p', { id: 'live-status', class: 'live-status' }, 'Đang kết nối…');
  const summary = h('p', { id: 'queue-summary', 'aria-live': 'polite' });
  const body = h('tbody');
  const table = h('table', { id: 'queue', class: 'board' }, h('caption', {}, 'Hạn gần nhất đứng đầu'), queueHead(), body);
  const pager = h('nav', { 'aria-label': 'Phân trang', class: 'pager' });

  let loading: Promise<void> | null = null;
  let again = false;
  const load = async (): Promise<void> => {
    // One request at a time; a change during it asks once more after it.
    if (loading) return void (again = true);
    loading = (async () => {
      try {
        const page = await getJson<QueuePage>(`/api/v1/workbench/queue?${queryOf(filter).toString()}&pageSize=${PAGE_SIZE}`, token());
        show(page);
      } catch (e) {
        if (e instanceof ApiFailure && e.refusal.status === 401) return relogin();
        summary.textContent = `Không đọc được danh sách hồ sơ: ${e instanceof Error ? e.message : String(e)}`;
      }
    })();
    await loading;
    loading = null;
    if (again) {
      again = false;
      await load();
    }
  };
  const show = (page: QueuePage) => {
    const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
    summary.textContent = `${formatCount(page.total)} hồ sơ — trang ${page.page}/${pages}.`;
    table.replaceChild(queueRows(page.items), table.tBodies[0]);
    const go = (n: number, label: string, disabled: boolean) => {
      const b = h('button', { type: 'button', disabled }, label);
      b.addEventListener('click', () => {
        filter = { ...filter, page: n };
        navigate();
      });
      return b;
    };
    pager.replaceChildren(go(page.page - 1, 'Trang trước', page.page <= 1), h('span', {}, ` Trang ${page.page}/${pages} `), go(page.page + 1, 'Trang sau', page.page >= pages));
  };
  const navigate = () => {
    const query = queryOf(filter).toString();
    history.replaceState(null, '', `/workbench${query ? `?${query}` : ''}`);
    void load();
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    filter = { q: q.value.trim(), procedure: procedure.value, status: status.value, page: 1 };
    navigate();
  });
  for (const s of [procedure, status]) s.addEventListener('change', () => form.requestSubmit());

  const setLive = (state: FeedState, at?: number) => {
    live.dataset.state = state;
    live.textContent = state === 'live' ? `Trực tiếp — cập nhật lúc ${formatTime(at ?? Date.now())}` : state === 'connecting' ? 'Đang kết nối…' : 'Mất kết nối, đang kết nối lại…';
  };
  const feed = new LiveFeed<{ at: number }, { at: number; upsert: unknown[]; remove: unknown[] }>('/api/v1/workbench/stream', session, {
    snapshot: () => void load(),
    // A change this officer holds nothing of comes as an empty delta: nothing to read again.
    delta: (d) => void (d.upsert.length + d.remove.length > 0 && load()),
    status: setLive,
    unauthorized: relogin,
  });
  await load();
  void feed.open().catch((e: unknown) => {
    setLive('reconnecting');
    console.warn(e);
  });
  return h(
    'section',
    { 'aria-labelledby': 'queue-title' },
    h('h2', { id: 'queue-title' }, 'Hồ sơ đang giữ'),
    live,
    form,
    summary,
    scrollable('Danh sách hồ sơ (cuộn ngang)', table),
    pager,
  );
}
