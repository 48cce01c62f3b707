import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import type { DossierView } from '@motcua/dossier';
import type { RequestHeaders } from '../http/request-headers';
import { DossierService } from './dossier.service';
import type { DossierDetail, DossierListItem } from '@motcua/contracts';
import type { ApplicantContact, DossierNote } from '@motcua/store';
import { Caller } from '../auth/caller.decorator';
import type { Principal } from '../auth/principal';

/** Minimal view of Express's response: only the Location header is set here. */
interface LocationSetter {
  setHeader(name: string, value: string): unknown;
}

/**
 * The dossiers resource (CONTRACTS.md "HTTP API"). Thin: parsing, rules and error mapping live in
 * DossierService, the gateway and the exception filter.
 */
@Controller('api/v1/dossiers')
export class DossiersController {
  constructor(@Inject(DossierService) private readonly dossiers: DossierService) {}

  /** Registers a dossier under a new code and submits it (or requests a postal pickup): 201. */
  @Post()
  async create(
    @Body() body: unknown,
    @Headers() headers: RequestHeaders,
    @Caller() caller: Principal,
    @Res({ passthrough: true }) res: LocationSetter,
  ): Promise<DossierView> {
    const view = await this.dossiers.create(body, headers, caller);
    res.setHeader('Location', `/api/v1/dossiers/${encodeURIComponent(view.code)}`);
    return view;
  }

  @Get()
  list(@Query() query: unknown, @Caller() caller: Principal): Promise<DossierListItem[]> {
    return this.dossiers.list(query, caller);
  }

  @Get(':code')
  get(@Param('code') code: string, @Caller() caller: Principal): Promise<DossierDetail> {
    return this.dossiers.get(code, caller);
  }

  /** What officers wrote beside the codes of their actions (kept apart from events). */
  @Get(':code/notes')
  notes(@Param('code') code: string, @Caller() caller: Principal): Promise<DossierNote[]> {
    return this.dossiers.notesOf(code, caller);
  }

  /** The applicant's contact data (personal data, kept apart from events; audited). */
  @Get(':code/applicant')
  applicant(@Param('code') code: string, @Caller() caller: Principal): Promise<ApplicantContact> {
    return this.dossiers.applicantOf(code, caller);
  }

  /** One path per scenario action (accept, complete, …): 200 with the dossier after it. */
  @Post(':code/:action')
  @HttpCode(200)
  act(
    @Param('code') code: string,
    @Param('action') action: string,
    @Body() body: unknown,
    @Headers() headers: RequestHeaders,
    @Caller() caller: Principal,
  ): Promise<DossierView> {
    return this.dossiers.act(code, action, body, headers, caller);
  }
}
