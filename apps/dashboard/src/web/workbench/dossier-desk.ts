import { controlSheetSection } from '../control-sheet';
import { h } from '../dom';
import { dossierFacts, dossierStages, dossierTimeline, readDossier, type DossierView } from '../dossier-page';
import { formatInstant as when, OUTCOME_TEXT } from '../format';
import { actionOffers, type Choice } from './action-offers';
import { actionPanel, type ActionOutcome } from './action-panel';
import { getJson } from './api';
import { formsSection } from '../dossier-forms';
import { notificationsSection } from './notifications-section';
import type { Officer } from './officer';

function consultations(d: DossierView): HTMLElement | null {
  if (!d.consultations?.length) return null;
  return h(
    'section',
    { 'aria-labelledby': 'consultations-title' },
    h('h3', { id: 'consultations-title' }, 'Xin ý kiến'),
    h(
      'table',
      { class: 'board', id: 'consultations' },
      h('thead', {}, h('tr', {}, ...['Cơ quan hỏi', 'Cơ quan được hỏi', 'Lúc hỏi', 'Hạn trả lời', 'Trả lời lúc', 'Kết quả'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, ...d.consultations.map((c) => h('tr', {}, h('td', {}, c.agency), h('td', {}, c.to), h('td', {}, when(c.requestedAt)), h('td', {}, when(c.due)), h('td', {}, when(c.answeredAt)), h('td', {}, OUTCOME_TEXT[c.outcome ?? ''] ?? '—')))),
    ),
  );
}

/**
 * /workbench/dossiers/{code}: the dossier as an officer works on it: what it is and where, the
 * actions this officer may take now (and why not the others), the forms to print, the
 * notifications sent, the deadlines per stage, the control sheet and the timeline. After an
 * action the page is read again and focus goes to what happened.
 */
export async function dossierDesk(code: string, officer: Officer, token: () => string): Promise<HTMLElement> {
  const root = h('section', { 'aria-labelledby': 'dossier-title', class: 'desk' });
  const outcome = h('p', { id: 'action-outcome', role: 'status', tabindex: '-1' });
  const missingAtIntake = (new URLSearchParams(location.search).get('missing') ?? '').split(',').filter(Boolean);
  let context: { documents: Choice[]; agencies: Choice[] } | null = null;

  const render = async (last?: ActionOutcome): Promise<void> => {
    const read = await readDossier(code, token());
    if ('refused' in read) return void root.replaceChildren(h('p', {}, h('a', { href: '/workbench' }, '← Hồ sơ đang giữ')), read.refused);
    const d = read.dossier;
    context ??= {
      documents: await getJson<{ documents?: { code: string; name: string }[] }>(`/api/v1/procedures/${encodeURIComponent(d.procedure.code)}`, token())
        .then((p) => (p.documents ?? []).map((x) => ({ value: x.code, label: x.name })))
        .catch(() => []),
      agencies: await getJson<{ code: string; name: string }[]>('/api/v1/agencies', token())
        .then((list) => list.map((a) => ({ value: a.code, label: `${a.name} (${a.code})` })))
        .catch(() => []),
    };
    const offers = await actionOffers(code, officer, token());
    const panel = actionPanel(code, offers, { ...context, missingAtIntake, agency: officer.agency }, token, (o) => void after(o));
    root.replaceChildren(
      h('p', {}, h('a', { href: '/workbench' }, '← Hồ sơ đang giữ')),
      h('h2', { id: 'dossier-title' }, `Hồ sơ ${d.code}`),
      outcome,
      dossierFacts(d),
      panel,
      formsSection(d, token),
      ...dossierStages(d),
      ...[consultations(d)].filter((x) => x !== null),
      await notificationsSection(d.code, token()),
      await controlSheetSection(d.code, token()),
      ...dossierTimeline(d),
    );
    if (last?.ok) {
      outcome.textContent = last.text;
      // After accept the counter prints Form 01 next; else focus says what happened.
      const next = last.action === 'accept' ? root.querySelector<HTMLButtonElement>('#form-01') : null;
      (next ?? outcome).focus();
    }
  };
  const after = async (o: ActionOutcome) => {
    if (o.ok) await render(o);
  };
  await render();
  return root;
}
