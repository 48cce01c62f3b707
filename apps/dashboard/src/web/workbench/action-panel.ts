import { h } from '../dom';
import { fieldsOf, type FieldContext } from './action-fields';
import type { ActionOffer } from './action-offers';
import { newIdempotencyKey, sendCommand } from './send-command';
import { submitOnce } from './submit-once';
import { ACTION_TEXT, EFFECT_TEXT, refusalText, RULE_TEXT } from './words';

export interface ActionOutcome {
  action: string;
  ok: boolean;
  text: string;
}

/**
 * The dossier's actions for this officer, each a small form: what it will do, its fields, and its
 * button; a refused one says why in the rule's words before any click. A click sends one command
 * with its own Idempotency-Key (disabled while in flight); `done` is told what happened, a refusal
 * after the click is also shown beside the button.
 */
export function actionPanel(code: string, offers: ActionOffer[], ctx: FieldContext, token: () => string, done: (outcome: ActionOutcome) => void): HTMLElement {
  const allowed = offers.filter((o) => o.allowed);
  const refused = offers.filter((o) => !o.allowed);
  const card = (offer: ActionOffer): HTMLElement => {
    const label = ACTION_TEXT[offer.action] ?? offer.action;
    const headingId = `action-${offer.action}-title`;
    const alert = h('p', { class: 'refusal', role: 'alert', id: `action-${offer.action}-refusal`, tabindex: '-1' });
    const button = h('button', { type: 'submit', id: `action-${offer.action}`, disabled: !offer.allowed, 'aria-describedby': `action-${offer.action}-effect` }, label);
    if (!offer.allowed) {
      // Before any click the rule's words; the API's own message (in English, for support) is kept as the tooltip.
      alert.textContent = `Không thể thực hiện: ${refusalText(offer.rule, offer.rule && RULE_TEXT[offer.rule] ? null : offer.message)}`;
      if (offer.message) alert.title = offer.message;
      // Said once with the page, not announced as news.
      alert.removeAttribute('role');
      return h(
        'form',
        { class: 'action refused', 'data-action': offer.action, 'aria-labelledby': headingId },
        h('h4', { id: headingId }, label),
        h('p', { id: `action-${offer.action}-effect`, class: 'effect' }, offer.effect ?? EFFECT_TEXT[offer.action] ?? ''),
        h('p', {}, button),
        alert,
      );
    }
    const fields = fieldsOf(offer, ctx);
    const form = h(
      'form',
      { class: 'action', 'data-action': offer.action, 'aria-labelledby': headingId },
      h('h4', { id: headingId }, label),
      h('p', { id: `action-${offer.action}-effect`, class: 'effect' }, offer.effect ?? EFFECT_TEXT[offer.action] ?? ''),
      ...fields.map((f) => f.element),
      h('p', {}, button),
      alert,
    );
    submitOnce(form, async () => {
      alert.textContent = '';
      const body: Record<string, unknown> = {};
      for (const f of fields) f.read(body);
      const answer = await sendCommand(`/api/v1/dossiers/${encodeURIComponent(code)}/${offer.action}`, body, token(), newIdempotencyKey());
      if (answer.ok) return done({ action: offer.action, ok: true, text: `Đã thực hiện: ${label}.` });
      alert.textContent = `Không thực hiện được: ${refusalText(answer.refusal.rule, answer.refusal.message)}`;
      alert.focus();
      done({ action: offer.action, ok: false, text: alert.textContent });
    });
    return form;
  };
  return h(
    'section',
    { 'aria-labelledby': 'actions-title', id: 'actions' },
    h('h3', { id: 'actions-title' }, 'Thao tác'),
    allowed.length === 0 ? h('p', {}, 'Không có thao tác nào bạn có thể thực hiện lúc này.') : null,
    h('div', { class: 'actions' }, ...allowed.map(card)),
    refused.length
      ? h('details', { id: 'actions-refused' }, h('summary', {}, `Thao tác chưa thể thực hiện (${refused.length})`), h('div', { class: 'actions' }, ...refused.map(card)))
      : null,
  );
}
