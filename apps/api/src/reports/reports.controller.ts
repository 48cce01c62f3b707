import { Controller, Get, Inject, Query, StreamableFile } from '@nestjs/common';
import { mayReadReports, REPORT_READERS } from '@motcua/dossier';
import {
  circular01,
  circular01Sheets,
  decision766,
  figures,
  figuresSheets,
  ii06a,
  ii06aSheets,
  isPeriod,
  parsePeriod,
  sheets766,
  toCsv,
  type Period,
  type ReportDossier,
  type ReportFilter,
  type ReportSource,
  type Sheet,
} from '@motcua/reports';
import { z } from 'zod';
import { Caller } from '../auth/caller.decorator';
import type { Principal } from '../auth/principal';
import { ApiError, badRequest } from '../errors/api-error';
import { parseOr400 } from '../errors/parse-body';
import { REPORT_FORMATS } from './report-schemas';
import { REPORT_SOURCE, SPREADSHEET_WRITER } from './reports.tokens';
import type { SpreadsheetWriter } from './spreadsheet-writer';

/** The query every report takes; from and to are checked by parsePeriod (rules REPORT.*). */
export const ReportQuerySchema = z
  .object({
    from: z.unknown().optional().describe('first day of the period, YYYY-MM-DD (Vietnam time)'),
    to: z.unknown().optional().describe('last day of the period, YYYY-MM-DD (Vietnam time), not before `from`'),
    agency: z.string().min(1).max(64).optional().describe('only this lead agency (Circular 01 indicator 2: the agency of each part)'),
    field: z.string().min(1).max(200).optional().describe('only this field (lĩnh vực) of the procedures'),
    format: z.enum(REPORT_FORMATS).default('json').describe('json, csv (RFC 4180, UTF-8 with BOM) or xlsx'),
  })
  .strict();

const MEDIA = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

type Made<R> = { report: R; sheets: (r: R) => Sheet[] };

/**
 * The statutory reports (ONE-STOP §7): Form II.06a, Decision 766's indicators and Circular
 * 01/2018's indicators 1–2, from the read model the projector folds, for operations and auditors.
 */
@Controller('api/v1/reports')
export class ReportsController {
  constructor(
    @Inject(REPORT_SOURCE) private readonly source: ReportSource,
    @Inject(SPREADSHEET_WRITER) private readonly spreadsheets: SpreadsheetWriter,
  ) {}

  @Get('ii06a')
  ii06a(@Query() query: unknown, @Caller() caller: Principal) {
    return this.answer('ii06a', query, caller, (ds, p, f) => ({ report: ii06a(ds, p, f), sheets: ii06aSheets }));
  }

  @Get('766')
  decision766(@Query() query: unknown, @Caller() caller: Principal) {
    return this.answer('766', query, caller, (ds, p, f) => ({ report: decision766(ds, p, f), sheets: sheets766 }));
  }

  /** The dashboard's figures per lead agency, procedure and channel, by the reports' own rules. */
  @Get('figures')
  figures(@Query() query: unknown, @Caller() caller: Principal) {
    return this.answer('figures', query, caller, (ds, p, f) => ({ report: figures(ds, p, f), sheets: figuresSheets }));
  }

  @Get('circular01')
  circular01(@Query() query: unknown, @Caller() caller: Principal) {
    return this.answer('circular01', query, caller, (ds, p, f) => ({ report: circular01(ds, p, f), sheets: circular01Sheets }));
  }

  private async answer<R>(name: string, query: unknown, caller: Principal, make: (ds: ReportDossier[], p: Period, f: ReportFilter) => Made<R>): Promise<R | StreamableFile> {
    if (!caller.roles.some(mayReadReports)) {
      throw new ApiError(403, 'FORBIDDEN', 'ACCESS.REPORTS_ONLY', `the reports are for ${REPORT_READERS.join(', ')}; this account is ${caller.roles.join(', ') || 'without a role'}`);
    }
    const q = parseOr400(ReportQuerySchema, query ?? {}, 'query');
    const period = parsePeriod(q.from, q.to);
    if (!isPeriod(period)) throw badRequest(period.message, period.rule);
    const filter: ReportFilter = { ...(q.agency === undefined ? {} : { agency: q.agency }), ...(q.field === undefined ? {} : { field: q.field }) };
    const { report, sheets } = make(await this.source.dossiersFor(period), period, filter);
    if (q.format === 'json') return report;
    const filename = `motcua-${name}-${period.from}_${period.to}.${q.format}`;
    const body = q.format === 'csv' ? Buffer.from(toCsv(sheets(report)), 'utf8') : await this.spreadsheets.xlsx(sheets(report));
    return new StreamableFile(body, { type: MEDIA[q.format], disposition: `attachment; filename="${filename}"`, length: body.length });
  }
}
