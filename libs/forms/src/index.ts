export * from './printed-form';
export { PdfFormPrinter } from './pdf-printer';
export * from './vietnamese';
export type { FormContext, FormOrReason } from './forms/context';
export { controlSheetForm } from './forms/control-sheet.form';
export { dossierForm, FORM_NUMBERS, isFormNumber, type FormNumber } from './dossier-forms';
/** Test helper: a PDF's text as a reader extracts it. */
export { missingPhrases, pdfText } from './testing/pdf-text';
