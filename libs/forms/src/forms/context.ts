import type { DossierEvent, EventOf } from '@motcua/dossier';
import type { PrintedForm } from '../printed-form';

/** What the forms are made from: the dossier's events, the applicant store, and the registries' names. */
export interface FormContext {
  readonly code: string;
  /** The receiving one-stop unit's identifier. */
  readonly unit: string;
  readonly procedureName: string;
  readonly events: readonly DossierEvent[];
  /** From the applicant store; null when none is kept (a simulated dossier). Personal data: reading it is audited. */
  readonly applicantName: string | null;
  /** The public look-up of this dossier, for the QR code on Form 01. */
  readonly lookupUrl: string;
  readonly names: {
    /** A unit's or an agency's name; its code when the registries do not know it. */
    party(code: string): string;
    /** A document of the procedure by its code. */
    document(code: string): string;
  };
}

/** The form, or why it does not apply to this dossier (the API answers 409 with the rule). */
export type FormOrReason = { readonly form: PrintedForm } | { readonly notApplicable: string };

export function lastOf<T extends DossierEvent['type']>(events: readonly DossierEvent[], ...types: T[]): EventOf<T> | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if ((types as string[]).includes(e.type)) return e as EventOf<T>;
  }
  return undefined;
}
