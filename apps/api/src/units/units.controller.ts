import { Controller, Get, Inject } from '@nestjs/common';
import type { OneStopUnit } from '@motcua/contracts';
import { ProcedureCatalog } from '../procedures/procedure-catalog';

/** The units come with the catalog: it was checked against them, so the two never disagree. */
@Controller('api/v1/units')
export class UnitsController {
  constructor(@Inject(ProcedureCatalog) private readonly catalog: ProcedureCatalog) {}

  /** The one-stop units that receive dossiers: the `unit` of POST /api/v1/dossiers is one of these. */
  @Get()
  list(): readonly OneStopUnit[] {
    return this.catalog.units.units;
  }
}
