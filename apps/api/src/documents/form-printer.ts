import { PdfFormPrinter, type FormPrinter } from '@motcua/forms';

/** Injection token of the printer of forms (PDF). */
export const FORM_PRINTER = Symbol('FormPrinter');
export type { FormPrinter };
export const defaultFormPrinter = (): FormPrinter => new PdfFormPrinter();
