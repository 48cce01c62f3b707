import type { Cell, Sheet } from './sheets';

/** UTF-8's byte order mark: without it Excel reads the file in the machine's code page and garbles Vietnamese. */
export const BOM = '\uFEFF';

const field = (c: Cell): string => {
  const s = c === null ? '' : String(c);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

const line = (cells: readonly Cell[]) => cells.map(field).join(',') + '\r\n';

/**
 * RFC 4180 text (CRLF, fields with a comma, quote or line break quoted, quotes doubled), headers in
 * the first line, with a BOM. A report of several tables writes them one after another, an empty
 * line between, each with its own header line.
 */
export function toCsv(sheets: readonly Sheet[]): string {
  return BOM + sheets.map((s) => line(s.headers) + s.rows.map(line).join('')).join('\r\n');
}
