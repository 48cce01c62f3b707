import { Controller, Get, Inject, Param, Query, StreamableFile } from '@nestjs/common';
import type { ControlSheet } from '@motcua/contracts';
import { Caller } from '../auth/caller.decorator';
import type { Principal } from '../auth/principal';
import { badRequest } from '../errors/api-error';
import { DossierDocumentsService, type PrintedPdf } from './dossier-documents.service';

/** The printable documents of a dossier (CONTRACTS.md "HTTP API": control sheet, forms). */
@Controller('api/v1/dossiers')
export class DossierDocumentsController {
  constructor(@Inject(DossierDocumentsService) private readonly documents: DossierDocumentsService) {}

  /** Form 05 as JSON, or as the PDF a one-stop unit prints and signs (`?format=pdf`). */
  @Get(':code/control-sheet')
  async controlSheet(@Param('code') code: string, @Query('format') format: unknown, @Caller() caller: Principal): Promise<ControlSheet | StreamableFile> {
    if (format === undefined || format === 'json') return this.documents.controlSheet(code, caller);
    if (format === 'pdf') return pdf(await this.documents.controlSheetPdf(code, caller));
    throw badRequest('format: json (the default) or pdf');
  }

  /** Forms 01–04 as PDF. */
  @Get(':code/forms/:form')
  async form(@Param('code') code: string, @Param('form') form: string, @Caller() caller: Principal): Promise<StreamableFile> {
    return pdf(await this.documents.form(code, form, caller));
  }
}

function pdf(printed: PrintedPdf): StreamableFile {
  return new StreamableFile(printed.pdf, { type: 'application/pdf', disposition: `inline; filename="${printed.filename}"`, length: printed.pdf.length });
}
