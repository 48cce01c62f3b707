/** Injection tokens of the reports (explicit: no decorator metadata). */
export const REPORT_SOURCE = Symbol('ReportSource');
export const SPREADSHEET_WRITER = Symbol('SpreadsheetWriter');
