import { Controller, Get, Inject, Ip, Param } from '@nestjs/common';
import type { DossierLookup } from '@motcua/contracts';
import { parseDossierCode } from '@motcua/dossier';
import { notFound } from '../errors/api-error';
import { DossierGateway } from '../dossiers/dossier-gateway';
import { ProcedureCatalog } from '../procedures/procedure-catalog';
import { RateLimit } from './rate-limit';

export const LOOKUP_RATE_LIMIT = Symbol('LookupRateLimit');

/**
 * The public look-up (ONE-STOP.md §8): anyone with a dossier code (it is on Form 01 and its QR
 * code) sees its status and appointment, and nothing personal: no applicant, no officer, no
 * events. No token; rate-limited per address.
 */
@Controller('api/v1/lookup')
export class LookupController {
  constructor(
    @Inject(DossierGateway) private readonly gateway: DossierGateway,
    @Inject(ProcedureCatalog) private readonly catalog: ProcedureCatalog,
    @Inject(LOOKUP_RATE_LIMIT) private readonly limit: RateLimit,
  ) {}

  @Get(':code')
  async lookup(@Param('code') code: string, @Ip() ip: string): Promise<DossierLookup> {
    this.limit.take(ip ?? 'unknown');
    if (!parseDossierCode(code)) throw notFound(`dossier ${JSON.stringify(code.slice(0, 80))} not found`);
    const { view } = await this.gateway.read(code);
    const procedure = this.catalog.find(view.procedure.code, view.procedure.version) ?? this.catalog.find(view.procedure.code);
    return {
      code: view.code,
      status: view.status as DossierLookup['status'],
      appointment: view.finalAppointment,
      procedure: { code: view.procedure.code, name: procedure?.name ?? view.procedure.code },
    };
  }
}
