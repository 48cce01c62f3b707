import { CALLBACK_PATH, currentSession, finishLogin, forgetSession, login, type PageConfig } from './auth';
import { BreachBoard } from './breach-board';
import { BreachCalendar } from './breach-calendar';
import { BreachStream } from './breach-stream';
import { dossierPage } from './dossier-page';
import { h } from './dom';
import { alertFailuresSection, postalSection } from './operations-sections';
import { reportsPage } from './reports-page';
import { workbenchPage } from './workbench/workbench-page';

/**
 * The web pages' one shell, for /dashboard (operations) and /workbench (officers): login first,
 * then the page the path names. Every API call carries the session's access token.
 */
async function main(): Promise<void> {
  const root = document.getElementById('app')!;
  const config = (await (await fetch('/web/config.json')).json()) as PageConfig;
  if (location.pathname === CALLBACK_PATH) {
    const back = await finishLogin(config);
    history.replaceState(null, '', back);
  }
  if (!currentSession()) return void (await login(config, location.pathname + location.search));

  const workbench = location.pathname.startsWith('/workbench');
  document.title = workbench ? 'Bàn làm việc — Một cửa' : 'Bảng điều hành — Một cửa';
  const logout = h('button', { type: 'button', class: 'logout' }, 'Đăng xuất');
  logout.addEventListener('click', () => {
    forgetSession();
    location.assign(workbench ? '/workbench' : '/dashboard');
  });
  const header = h(
    'header',
    { class: 'top' },
    h('h1', {}, workbench ? 'Bàn làm việc' : 'Bảng điều hành một cửa'),
    h('nav', { 'aria-label': 'Trang' }, h('a', { href: '/dashboard' }, 'Bảng điều hành'), ' ', h('a', { href: '/dashboard/reports' }, 'Báo cáo'), ' ', h('a', { href: '/workbench' }, 'Bàn làm việc')),
    logout,
  );
  const main = h('main', { id: 'content' });
  root.replaceChildren(header, main);
  const relogin = () => {
    forgetSession();
    void login(config, location.pathname + location.search);
  };
  if (workbench) {
    main.append(...(await workbenchPage(() => currentSession(), relogin)));
    return;
  }
  const dossier = /^\/dashboard\/dossiers\/([^/]+)$/.exec(location.pathname);
  if (dossier) {
    main.append(await dossierPage(decodeURIComponent(dossier[1]), currentSession()!.accessToken, config));
    return;
  }
  if (location.pathname === '/dashboard/reports') {
    main.append(reportsPage(() => currentSession()?.accessToken ?? ''));
    return;
  }
  const board = new BreachBoard();
  const calendar = new BreachCalendar(() => currentSession()?.accessToken ?? null);
  main.append(board.element(), calendar.element());
  const token = currentSession()!.accessToken;
  void Promise.all([postalSection(token), alertFailuresSection(token)]).then((sections) => main.append(...sections.filter((s) => s !== null)));
  const redrawCalendar = () => void calendar.refresh().catch((e: unknown) => console.warn(e));
  // The board marks a line overdue by the API's clock; the heat map counts the OVERDUE alert, which
  // the projector folds a moment later: read it now and once more when that alert is in.
  let again: number | undefined;
  const redrawCalendarForNewBreach = () => {
    redrawCalendar();
    window.clearTimeout(again);
    again = window.setTimeout(redrawCalendar, 5_000);
  };
  const stream = new BreachStream(() => currentSession(), {
    snapshot: (lines, at) => board.replace(lines, at),
    delta: (upsert, remove, at) => {
      // A line newly overdue is a new breach of the day: the calendar is read again.
      if (upsert.some((l) => l.state === 'OVERDUE' && !board.isOverdue(l.key))) redrawCalendarForNewBreach();
      board.apply(upsert, remove, at);
    },
    status: (state, at) => board.setStatus(state, at),
    unauthorized: relogin,
  });
  redrawCalendar();
  await stream.open();
}

main().catch((e: unknown) => {
  const root = document.getElementById('app')!;
  root.replaceChildren(h('main', {}, h('h1', {}, 'Không mở được trang'), h('p', { role: 'alert' }, e instanceof Error ? e.message : String(e))));
});
