import ExcelJS from 'exceljs';
import type { Sheet } from '@motcua/reports';

/** Writes a report's tables as an XLSX workbook (our port: exceljs stays behind it). */
export interface SpreadsheetWriter {
  xlsx(sheets: readonly Sheet[]): Promise<Buffer>;
}

/**
 * One worksheet per table: the title (report and period) in row 1, merged across the columns,
 * the Vietnamese headers in row 2, then the rows; numbers stay numbers.
 */
export class ExcelJsSpreadsheetWriter implements SpreadsheetWriter {
  async xlsx(sheets: readonly Sheet[]): Promise<Buffer> {
    const book = new ExcelJS.Workbook();
    book.creator = 'Motcua';
    for (const s of sheets) {
      const ws = book.addWorksheet(s.name.slice(0, 31));
      ws.addRow([s.title]).font = { bold: true, size: 13 };
      ws.mergeCells(1, 1, 1, s.headers.length);
      const head = ws.addRow(s.headers);
      head.font = { bold: true };
      head.alignment = { wrapText: true, vertical: 'middle' };
      for (const row of s.rows) ws.addRow(row);
      s.headers.forEach((h, i) => (ws.getColumn(i + 1).width = Math.min(Math.max(12, h.length + 2), 40)));
      ws.views = [{ state: 'frozen', ySplit: 2 }];
    }
    return Buffer.from(await book.xlsx.writeBuffer());
  }
}
