import type { FormContext, FormOrReason } from './forms/context';
import { apologyForm } from './forms/apology.form';
import { receiptForm } from './forms/receipt.form';
import { refusalForm } from './forms/refusal.form';
import { supplementRequestForm } from './forms/supplement-request.form';

/** The dossier's printable forms by their number in Circular 01/2018 (05, the control sheet, apart). */
const FORMS = {
  '01': receiptForm,
  '02': supplementRequestForm,
  '03': refusalForm,
  '04': apologyForm,
} as const satisfies Record<string, (ctx: FormContext) => FormOrReason>;

export type FormNumber = keyof typeof FORMS;
export const FORM_NUMBERS = Object.keys(FORMS) as FormNumber[];

export function isFormNumber(n: string): n is FormNumber {
  return Object.prototype.hasOwnProperty.call(FORMS, n);
}

export function dossierForm(n: FormNumber, ctx: FormContext): FormOrReason {
  return FORMS[n](ctx);
}
