import { Controller, Get, Inject } from '@nestjs/common';
import type { Agency } from '@motcua/contracts';
import { ProcedureCatalog } from '../procedures/procedure-catalog';

/** The agencies come with the catalog, as the units do: it was checked against them, so the two never disagree. */
@Controller('api/v1/agencies')
export class AgenciesController {
  constructor(@Inject(ProcedureCatalog) private readonly catalog: ProcedureCatalog) {}

  /** The agencies a route may name: the `agency` of a route stage, of an agency officer's token, is one of these. */
  @Get()
  list(): readonly Agency[] {
    return this.catalog.agencies.agencies;
  }
}
