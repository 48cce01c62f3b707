import { h } from '../dom';
import { formatInstant } from '../format';
import type { ActionOffer, Choice, FieldSpec } from './action-offers';

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

const LABEL: Record<string, string> = {
  channel: 'Hình thức',
  missing: 'Giấy tờ còn thiếu',
  reasons: 'Lý do',
  reason: 'Lý do',
  level: 'Mức độ hài lòng',
  newAppointment: 'Ngày hẹn mới',
  to: 'Cơ quan được xin ý kiến',
  allotted: 'Thời hạn trả lời',
  officer: 'Tài khoản cán bộ được phân công',
  note: 'Ghi chú (lưu riêng, không đưa vào sự kiện)',
};

/** A `datetime-local` value (Vietnam's wall clock) as an instant with +07:00; and an instant as one. */
const toInstant = (local: string): string => `${local.length === 16 ? `${local}:00` : local}+07:00`;
const toLocal = (iso: string): string => new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(0, 16);

function checkboxes(id: string, name: string, legend: string, choices: Choice[], checked: (v: string) => boolean): ActionField {
  const boxes = choices.map((c) => h('input', { type: 'checkbox', id: `${id}-${c.value}`, name, value: c.value, checked: checked(c.value) }));
  return {
    element: h('fieldset', { id }, h('legend', {}, legend), ...choices.map((c, i) => h('p', { class: 'check' }, boxes[i], h('label', { for: `${id}-${c.value}` }, c.label)))),
    read(body) {
      const chosen = boxes.filter((b) => b.checked).map((b) => b.value);
      if (chosen.length) body[name] = chosen;
    },
  };
}

function one(action: string, name: string, spec: FieldSpec, ctx: FieldContext): ActionField | null {
  const id = `action-${action}-${name}`;
  const label = `${LABEL[name] ?? name}${spec.required ? '' : ' (không bắt buộc)'}`;
  const row = (input: HTMLElement, text = label) => h('p', { class: 'field' }, h('label', { for: id }, text), input);
  switch (spec.kind) {
    case 'AGENCY': {
      const agency = (typeof spec.preset === 'string' ? spec.preset : null) ?? ctx.agency;
      return { element: h('span', { hidden: true }), read: (b) => void (b[name] = agency) };
    }
    case 'CHOICE': {
      const choices = spec.choices ?? (name === 'to' ? ctx.agencies.filter((a) => a.value !== ctx.agency) : []);
      const preset = typeof spec.preset === 'string' ? spec.preset : undefined;
      const select = h('select', { id, name, required: spec.required }, spec.required ? null : h('option', { value: '' }, '—'), ...choices.map((c) => h('option', { value: c.value, selected: c.value === preset }, c.label)));
      return { element: row(select), read: (b) => void (select.value && (b[name] = select.value)) };
    }
    case 'CHOICES': {
      const choices = spec.choices ?? (name === 'missing' ? ctx.documents : []);
      if (choices.length === 0) return null;
      const preselected = action === 'requestIntakeSupplement' && name === 'missing' ? ctx.missingAtIntake : [];
      return checkboxes(id, name, `${label}${spec.required ? ' (chọn ít nhất một)' : ''}`, choices, (v) => preselected.includes(v));
    }
    case 'INSTANT': {
      const input = h('input', { id, name, type: 'datetime-local', required: spec.required, min: spec.after ? toLocal(spec.after) : undefined, max: spec.atMost ? toLocal(spec.atMost) : undefined });
      const bounds = [spec.after ? `sau ${formatInstant(spec.after)}` : null, spec.atMost ? `muộn nhất ${formatInstant(spec.atMost)}` : null, 'trong giờ làm việc'].filter(Boolean).join(', ');
      return { element: row(input, `${label} (${bounds})`), read: (b) => void (input.value && (b[name] = toInstant(input.value))) };
    }
    case 'TIME_LIMIT': {
      const preset = typeof spec.preset === 'object' && spec.preset ? spec.preset : { amount: 1, unit: 'WORKING_DAYS' };
      const amount = h('input', { id, name: `${name}-amount`, type: 'number', min: '1', max: '60', value: String(preset.amount), required: true, inputmode: 'numeric' });
      const unit = h(
        'select',
        { id: `${id}-unit`, name: `${name}-unit`, 'aria-label': 'Đơn vị thời hạn' },
        ...[
          ['WORKING_DAYS', 'ngày làm việc'],
          ['WORKING_HOURS', 'giờ làm việc'],
        ].map(([v, t]) => h('option', { value: v, selected: v === preset.unit }, t)),
      );
      return { element: h('p', { class: 'field' }, h('label', { for: id }, label), amount, unit), read: (b) => void (b[name] = { amount: Number(amount.value), unit: unit.value }) };
    }
    case 'TEXT': {
      const input =
        name === 'note'
          ? h('textarea', { id, name, rows: '2', maxlength: String(spec.maxLength ?? 2000), required: spec.required })
          : h('input', { id, name, required: spec.required, maxlength: spec.maxLength ? String(spec.maxLength) : undefined, autocomplete: 'off' });
      return { element: row(input), read: (b) => void (input.value.trim() && (b[name] = input.value.trim())) };
    }
  }
}

/** The inputs of one action's body, from the offer's field specs, and the supplement window when it has one. */
export function fieldsOf(offer: ActionOffer, ctx: FieldContext): ActionField[] {
  const fields = Object.entries(offer.fields).map(([name, spec]) => one(offer.action, name, spec, ctx)).filter((f): f is ActionField => f !== null);
  const w = offer.supplementWindow;
  if (w) {
    const text = w.open
      ? `Còn trong thời hạn yêu cầu bổ sung: ${w.workingDaysSinceReceipt}/${w.workingDays} ngày làm việc, đến ${formatInstant(w.closesAt)}; còn ${w.requestsLeft} lần yêu cầu.`
      : `Đã quá thời hạn ${w.workingDays} ngày làm việc (${formatInstant(w.closesAt)}): yêu cầu bây giờ được ghi nhận là muộn; còn ${w.requestsLeft} lần yêu cầu.`;
    fields.unshift({ element: h('p', { id: `action-${offer.action}-window`, class: w.open ? 'window-open' : 'window-closed' }, text), read: () => undefined });
  }
  return fields;
}
