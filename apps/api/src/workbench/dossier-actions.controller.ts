import { Controller, Get, Inject, Param } from '@nestjs/common';
import { Caller } from '../auth/caller.decorator';
import type { Principal } from '../auth/principal';
import { ActionPreviewService } from './action-preview.service';
import type { DossierActions } from './workbench-schemas';

/** What each officer's action would do to a dossier now, for the caller (action-preview.service.ts). */
@Controller('api/v1/dossiers')
export class DossierActionsController {
  constructor(@Inject(ActionPreviewService) private readonly previews: ActionPreviewService) {}

  @Get(':code/actions')
  actions(@Param('code') code: string, @Caller() caller: Principal): Promise<DossierActions> {
    return this.previews.preview(code, caller);
  }
}
