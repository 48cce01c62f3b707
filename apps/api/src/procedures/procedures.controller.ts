import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { notFound } from '../errors/api-error';
import { parseOr400 } from '../errors/parse-body';
import { ProcedureCatalog, searchProcedures, type CatalogProcedure } from './procedure-catalog';
import { ProcedureListFilterSchema } from './procedure-list.query';

@Controller('api/v1/procedures')
export class ProceduresController {
  constructor(@Inject(ProcedureCatalog) private readonly catalog: ProcedureCatalog) {}

  /** The catalog: each procedure's current version, its route in the scenario format; searched and filtered by the query. */
  @Get()
  list(@Query() query: unknown): readonly CatalogProcedure[] {
    const filter = parseOr400(ProcedureListFilterSchema, query ?? {}, 'query');
    return searchProcedures(this.catalog.procedures, filter);
  }

  @Get(':code')
  one(@Param('code') code: string): CatalogProcedure {
    const p = this.catalog.find(code);
    if (!p) throw notFound(`procedure ${JSON.stringify(code.slice(0, 80))} not found`);
    return p;
  }
}
