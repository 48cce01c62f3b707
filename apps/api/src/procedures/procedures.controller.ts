import { Controller, Get, Inject, Param } from '@nestjs/common';
import { notFound } from '../errors/api-error';
import { ProcedureCatalog, type CatalogProcedure } from './procedure-catalog';

@Controller('api/v1/procedures')
export class ProceduresController {
  constructor(@Inject(ProcedureCatalog) private readonly catalog: ProcedureCatalog) {}

  /** The catalog: each procedure's current version, its route in the scenario format. */
  @Get()
  list(): readonly CatalogProcedure[] {
    return this.catalog.procedures;
  }

  @Get(':code')
  one(@Param('code') code: string): CatalogProcedure {
    const p = this.catalog.find(code);
    if (!p) throw notFound(`procedure ${JSON.stringify(code.slice(0, 80))} not found`);
    return p;
  }
}
