/**
 * A form as printed in a one-stop unit, as data: what the forms of Circular 01/2018 are made of
 * (the issuing body beside the national motto, a title, fields, a table, a QR code, signature
 * lines). The forms are built as this (forms/*.ts, pure) and printed by a FormPrinter (PDF today),
 * so a form's wording is tested apart from the PDF library.
 */
export type FormBlock =
  | { readonly kind: 'paragraph'; readonly text: string; readonly bold?: boolean; readonly align?: 'left' | 'center' }
  /** Label: value lines. */
  | { readonly kind: 'fields'; readonly rows: readonly (readonly [string, string])[] }
  | { readonly kind: 'list'; readonly items: readonly string[] }
  /** Widths are fractions of the line; each cell may hold several lines. */
  | { readonly kind: 'table'; readonly columns: readonly { readonly header: string; readonly width: number }[]; readonly rows: readonly (readonly string[])[] }
  | { readonly kind: 'qr'; readonly payload: string; readonly caption: string }
  /** Side by side: who signs, and the name printed under the signature space. */
  | { readonly kind: 'signatures'; readonly parties: readonly { readonly role: string; readonly name: string | null }[] };

export interface PrintedForm {
  /** "Mẫu số 05", as the circular numbers it. */
  readonly formNo: string;
  /** The issuing body (top left), e.g. the one-stop unit's name. */
  readonly issuer: string;
  /** Where and when it is made out ("Hà Nội, ngày … tháng … năm …"), under the motto. */
  readonly placeAndDate: string;
  readonly title: string;
  readonly subtitle?: string;
  readonly blocks: readonly FormBlock[];
}

/** Prints a form: the port the API depends on, whatever library draws it. */
export interface FormPrinter {
  print(form: PrintedForm): Promise<Buffer>;
}
