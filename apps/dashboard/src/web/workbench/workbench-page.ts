import type { Session } from '../auth';
import { h } from '../dom';
import { dossierDesk } from './dossier-desk';
import { intakePage } from './intake-page';
import { isOneStop, officerOf, ROLE_TEXT } from './officer';
import { queuePage } from './queue-page';

/**
 * The officers' workbench (/workbench…): who is logged in, then the page the path names: the
 * queue, the counter's intake, or one dossier.
 */
export async function workbenchPage(session: () => Session | null, relogin: () => void): Promise<HTMLElement[]> {
  const token = () => session()?.accessToken ?? '';
  const officer = officerOf(token());
  const who = h(
    'p',
    { class: 'officer', id: 'officer' },
    `${officer.name} — ${officer.roles.map((r) => ROLE_TEXT[r] ?? r).join(', ')}${officer.agency ? ` — ${officer.agency}` : ''}`,
    isOneStop(officer) ? h('span', {}, ' · ', h('a', { href: '/workbench/intake', id: 'to-intake' }, 'Tiếp nhận hồ sơ mới')) : null,
  );
  const dossier = /^\/workbench\/dossiers\/([^/]+)$/.exec(location.pathname);
  if (dossier) return [who, await dossierDesk(decodeURIComponent(dossier[1]), officer, token)];
  if (location.pathname === '/workbench/intake') return [who, await intakePage(officer, token)];
  return [who, await queuePage(session, relogin)];
}
