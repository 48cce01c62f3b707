import { Controller, Get, Inject, Injectable, Param } from '@nestjs/common';
import { toLocalIso } from '@motcua/calendar';
import { NotificationKindSchema, type DossierNotification } from '@motcua/contracts';
import type { Notifications } from '@motcua/store';
import { ActorResolver } from '../actor/actor-resolver';
import { Caller } from '../auth/caller.decorator';
import type { Principal } from '../auth/principal';
import { NOTIFICATIONS } from '../store/store.tokens';
import { DossierGateway } from './dossier-gateway';
import { parseDossierCode } from '@motcua/dossier';
import { notFound } from '../errors/api-error';

/**
 * GET /api/v1/dossiers/{code}/notifications: what the applicant was sent (ONE-STOP.md §8), for
 * whoever may read the dossier. Addresses come masked from the store (it never keeps them whole);
 * the texts hold no personal data; still a read about a person, so the audit trail records it as
 * a personal-data read.
 */
@Injectable()
export class DossierNotificationsService {
  constructor(
    @Inject(DossierGateway) private readonly gateway: DossierGateway,
    @Inject(ActorResolver) private readonly actors: ActorResolver,
    @Inject(NOTIFICATIONS) private readonly notifications: Notifications,
  ) {}

  async of(code: string, caller: Principal): Promise<DossierNotification[]> {
    if (!parseDossierCode(code)) throw notFound(`dossier ${JSON.stringify(code.slice(0, 80))} not found`);
    const { view } = await this.gateway.read(code); // 404 for an unknown dossier, as every other read
    this.actors.requireReader(caller, view);
    const records = await this.notifications.ofDossier(code);
    return records.map((r) => ({
      kind: NotificationKindSchema.parse(r.kind),
      channel: r.channel,
      to: r.to,
      text: r.text,
      at: toLocalIso(r.recordedAt.getTime()),
      status: r.status,
    }));
  }
}

@Controller('api/v1/dossiers')
export class DossierNotificationsController {
  constructor(@Inject(DossierNotificationsService) private readonly service: DossierNotificationsService) {}

  @Get(':code/notifications')
  list(@Param('code') code: string, @Caller() caller: Principal): Promise<DossierNotification[]> {
    return this.service.of(code, caller);
  }
}
