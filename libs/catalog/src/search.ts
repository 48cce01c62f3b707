import type { CatalogProcedure } from './catalog';

/**
 * Folds Vietnamese text for matching: lower case, diacritics removed (NFD, then the combining
 * marks dropped), đ→d, runs of anything but letters and digits to one space. Citizens type
 * "khai sinh", "Khai Sinh" or "khai sinh" without accents on phones whose keyboard lacks
 * Telex; all must find "Đăng ký khai sinh". đ needs its own rule: it is a letter of its own in
 * Unicode, not d with a mark, so NFD leaves it alone.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** What GET /api/v1/procedures filters by; every filter given must hold (AND). */
export interface ProcedureFilter {
  /** Words that must all appear, folded, in the code or the name (in any order). */
  q?: string;
  field?: string;
  /** The procedure's default receiving unit. */
  unit?: string;
  postal?: boolean;
  onlineLevel?: CatalogProcedure['onlineLevel'];
}

/** The procedures matching the filter, in catalog order. */
export function searchProcedures(procedures: readonly CatalogProcedure[], filter: ProcedureFilter): CatalogProcedure[] {
  // Words, not one phrase: "khai sinh lien thong" should find the bundle whose name orders them otherwise.
  const words = filter.q === undefined ? [] : foldVietnamese(filter.q).split(' ').filter(Boolean);
  return procedures.filter((p) => {
    if (filter.field !== undefined && p.field !== filter.field) return false;
    if (filter.unit !== undefined && p.unit !== filter.unit) return false;
    if (filter.postal !== undefined && p.postal !== filter.postal) return false;
    if (filter.onlineLevel !== undefined && p.onlineLevel !== filter.onlineLevel) return false;
    if (!words.length) return true;
    // Padded with spaces so that a word matches at a word's start: "inh" does not find every "sinh".
    const haystack = ` ${foldVietnamese(`${p.code} ${p.name}`)} `;
    return words.every((w) => haystack.includes(` ${w}`));
  });
}
