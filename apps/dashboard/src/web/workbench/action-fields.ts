// The labels alone (no zod in the page's bundle).
import {
  APOLOGY_REASON_LABELS,
  INTAKE_REFUSAL_REASON_LABELS,
  REJECTION_REASON_LABELS,
  SATISFACTION_LEVEL_LABELS,
  STOP_REASON_LABELS,
  WITHDRAWAL_REASON_LABELS,
} from '@motcua/contracts/reason-labels';
import { h } from '../dom';
import { formatInstant } from '../format';
import type { ActionOffer, Choice } from './action-offers';
import { CHANNEL_TEXT } from './words';

/** What the fields need besides the offer: the procedure's documents, the agencies, the missing items the counter noted. */
export interface FieldContext {
  documents: Choice[];
  agencies: Choice[];
  /** Documents left unchecked at intake (the intake page's checklist): pre-selected in Form 02. */
  missingAtIntake: string[];
  /** The officer's unit or agency: the `agency` of the body unless the API presets another. */
  agency: string | null;
}

/** A field's inputs and how its value goes into the body. */
export interface ActionField {
  element: HTMLElement;
  read(body: Record<string, unknown>): void;
}

const list = (labels: Record<string, string>): Choice[] => Object.entries(labels).map(([code, label]) => ({ code, label }));

const checks = (id: string, legend: string, choices: Choice[], checked: (c: string) => boolean, required = false): ActionField => {
  const boxes = choices.map((c) => h('input', { type: 'checkbox', id: `${id}-${c.code}`, name: id, value: c.code, checked: checked(c.code) }));
  const element = h(
    'fieldset',
    { id },
    h('legend', {}, legend, required ? ' (chọn ít nhất một)' : ''),
    ...choices.map((c, i) => h('p', { class: 'check' }, boxes[i], h('label', { for: `${id}-${c.code}` }, c.label))),
  );
  return {
    element,
    read(body) {
      const chosen = boxes.filter((b) => b.checked).map((b) => b.value);
      if (chosen.length) body[id.replace(/^.*-/, '')] = chosen;
    },
  };
};

const choose = (id: string, key: string, label: string, choices: Choice[], optional: boolean): ActionField => {
  const select = h('select', { id, name: key }, optional ? h('option', { value: '' }, '—') : null, ...choices.map((c) => h('option', { value: c.code }, c.label)));
  return {
    element: h('p', { class: 'field' }, h('label', { for: id }, label), select),
    read(body) {
      if (select.value) body[key] = select.value;
    },
  };
};

const note = (action: string): ActionField => {
  const id = `${action}-note`;
  const area = h('textarea', { id, name: 'note', rows: '2', maxlength: '2000' });
  return {
    element: h('p', { class: 'field' }, h('label', { for: id }, 'Ghi chú (lưu riêng, không đưa vào sự kiện)'), area),
    read(body) {
      if (area.value.trim()) body.note = area.value.trim();
    },
  };
};

/** A `datetime-local` value (Vietnam's wall clock) as an instant with +07:00; and back. */
const toInstant = (local: string): string => `${local.length === 16 ? `${local}:00` : local}+07:00`;
const toLocal = (iso: string): string => {
  const shifted = new Date(Date.parse(iso) + 7 * 3600_000).toISOString();
  return shifted.slice(0, 16);
};

/** The inputs of one action's body (libs/contracts/src/actions.ts, HttpActionBodySchemas), with the API's presets. */
export function fieldsOf(offer: ActionOffer, ctx: FieldContext): ActionField[] {
  const a = offer.action;
  const hints = offer.fields ?? {};
  const fields: ActionField[] = [];
  const agency = hints.agency ?? ctx.agency;
  const agencyBound = ['complete', 'requestSupplement', 'apologize', 'assign', 'appraise', 'approve', 'reject', 'stop', 'consult', 'answerConsultation'];
  if (agencyBound.includes(a)) fields.push({ element: h('span', { hidden: true }), read: (b) => void (b.agency = agency) });
  switch (a) {
    case 'submit':
      fields.push(choose(`${a}-channel`, 'channel', 'Hình thức nộp lại', ['COUNTER', 'ONLINE'].map((c) => ({ code: c, label: CHANNEL_TEXT[c] })), false));
      break;
    case 'return':
      fields.push(choose(`${a}-channel`, 'channel', 'Trả kết quả', hints.channels ?? ['COUNTER', 'ONLINE', 'POSTAL'].map((c) => ({ code: c, label: CHANNEL_TEXT[c] })), false));
      break;
    case 'requestIntakeSupplement':
    case 'requestSupplement': {
      const window = hints.supplementWindow;
      if (window) {
        fields.push({
          element: h('p', { class: window.open ? 'window-open' : 'window-closed', id: `${a}-window` }, window.open ? `Còn trong thời hạn yêu cầu bổ sung${window.until ? ` (đến ${formatInstant(window.until)})` : ''}.` : `Đã quá thời hạn yêu cầu bổ sung${window.until ? ` (${formatInstant(window.until)})` : ''}: yêu cầu bây giờ được ghi nhận là muộn.`),
          read: () => undefined,
        });
      }
      const documents = hints.missing ?? ctx.documents;
      if (documents.length) fields.push(checks(`${a}-missing`, 'Giấy tờ còn thiếu', documents, (c) => a === 'requestIntakeSupplement' && ctx.missingAtIntake.includes(c)));
      fields.push(note(a));
      break;
    }
    case 'refuseIntake':
      fields.push(checks(`${a}-reasons`, 'Lý do từ chối', hints.reasons ?? list(INTAKE_REFUSAL_REASON_LABELS), () => false), note(a));
      break;
    case 'reject':
      fields.push(checks(`${a}-reasons`, 'Lý do từ chối giải quyết', hints.reasons ?? list(REJECTION_REASON_LABELS), () => false), note(a));
      break;
    case 'stop':
      fields.push(checks(`${a}-reasons`, 'Lý do dừng giải quyết', hints.reasons ?? list(STOP_REASON_LABELS), () => false, true), note(a));
      break;
    case 'withdraw':
      fields.push(choose(`${a}-reason`, 'reason', 'Lý do rút hồ sơ', hints.reason ?? list(WITHDRAWAL_REASON_LABELS), true), note(a));
      break;
    case 'rate':
      fields.push(choose(`${a}-level`, 'level', 'Mức độ hài lòng', list(SATISFACTION_LEVEL_LABELS), false));
      break;
    case 'apologize': {
      const bounds = hints.newAppointment ?? {};
      const id = `${a}-new-appointment`;
      const input = h('input', { id, name: 'newAppointment', type: 'datetime-local', required: true, min: bounds.min ? toLocal(bounds.min) : undefined, max: bounds.max ? toLocal(bounds.max) : undefined });
      const range = bounds.max ? ` (muộn nhất ${formatInstant(bounds.max)}, trong giờ làm việc)` : ' (trong giờ làm việc)';
      fields.push(
        { element: h('p', { class: 'field' }, h('label', { for: id }, `Ngày hẹn mới${range}`), input), read: (b) => void (input.value && (b.newAppointment = toInstant(input.value))) },
        choose(`${a}-reason`, 'reason', 'Lý do', hints.reason ?? list(APOLOGY_REASON_LABELS), true),
        note(a),
      );
      break;
    }
    case 'consult': {
      const others = ctx.agencies.filter((c) => c.code !== agency);
      const amount = h('input', { id: `${a}-amount`, name: 'amount', type: 'number', min: '1', max: '60', value: '1', required: true, inputmode: 'numeric' });
      const unit = h('select', { id: `${a}-unit`, name: 'unit' }, h('option', { value: 'WORKING_DAYS' }, 'ngày làm việc'), h('option', { value: 'WORKING_HOURS' }, 'giờ làm việc'));
      fields.push(choose(`${a}-to`, 'to', 'Cơ quan được xin ý kiến', others, false), {
        element: h('p', { class: 'field' }, h('label', { for: `${a}-amount` }, 'Thời hạn trả lời'), amount, ' ', h('label', { for: `${a}-unit`, class: 'visually-hidden' }, 'Đơn vị thời hạn'), unit),
        read: (b) => void (b.allotted = { amount: Number(amount.value), unit: unit.value }),
      });
      break;
    }
    case 'assign': {
      const id = `${a}-officer`;
      const input = h('input', { id, name: 'officer', required: true, autocomplete: 'off' });
      fields.push({ element: h('p', { class: 'field' }, h('label', { for: id }, 'Tài khoản cán bộ được phân công'), input), read: (b) => void (b.officer = input.value.trim()) });
      break;
    }
  }
  return fields;
}
