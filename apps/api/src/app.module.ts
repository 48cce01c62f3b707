import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { ActorResolver } from './actor/actor-resolver';
import { API_CONFIG, apiConfigFromEnv, type ApiConfig } from './config/api-config';
import { Clock, systemClock } from './dossiers/clock';
import { DossierGateway } from './dossiers/dossier-gateway';
import { DossierService } from './dossiers/dossier.service';
import { DossiersController } from './dossiers/dossiers.controller';
import { HealthController } from './health/health.controller';
import { HealthProbe } from './health/health-probe';
import { DocsController } from './openapi/docs.controller';
import { buildOpenApiDocument } from './openapi/openapi-document';
import { OPENAPI_DOCUMENT } from './openapi/openapi.tokens';
import { builtInCatalog, ProcedureCatalog } from './procedures/procedure-catalog';
import { ProceduresController } from './procedures/procedures.controller';
import { TemporalModule } from './temporal/temporal.module';
import { MemoryDossierNotes, MemoryRequestKeys, type DossierNotes, type RequestKeys } from '@motcua/store';
import { RequestKeysService } from './dossiers/request-keys.service';
import { StoreModule } from './store/store.module';
import { DOSSIER_NOTES, REQUEST_KEYS } from './store/store.tokens';
import { UnitsController } from './units/units.controller';
import { TEST_APPLICANT_REF_SECRET } from './testing/test-applicant-ref-secret';

const controllers = [HealthController, DocsController, ProceduresController, UnitsController, DossiersController];

function appProviders(config: ApiConfig, catalog: ProcedureCatalog, clock: Clock): Provider[] {
  return [
    { provide: API_CONFIG, useValue: config },
    { provide: ProcedureCatalog, useValue: catalog },
    { provide: Clock, useValue: clock },
    { provide: OPENAPI_DOCUMENT, useFactory: buildOpenApiDocument },
    ActorResolver,
    RequestKeysService,
    DossierService,
  ];
}

/** What a test replaces: the dossier store and the health probe, and optionally time and catalog. */
export interface AppFakes {
  gateway: DossierGateway;
  health?: HealthProbe;
  clock?: Clock;
  catalog?: ProcedureCatalog;
  config?: Partial<ApiConfig>;
  requestKeys?: RequestKeys;
  notes?: DossierNotes;
}

@Module({})
export class AppModule {
  /** Production: Temporal and Kafka from the environment; another catalog only for integration tests. */
  static forRoot(config: ApiConfig = apiConfigFromEnv(), catalog: ProcedureCatalog = builtInCatalog()): DynamicModule {
    return {
      module: AppModule,
      imports: [TemporalModule.forRoot(config), StoreModule.forRoot(config)],
      controllers,
      providers: appProviders(config, catalog, systemClock),
    };
  }

  /** Tests: the same controllers and services, no servers. */
  static forTest(fakes: AppFakes): DynamicModule {
    const config = { ...apiConfigFromEnv({ APPLICANT_REF_SECRET: TEST_APPLICANT_REF_SECRET }), ...fakes.config };
    const health: HealthProbe = fakes.health ?? { check: async () => ({ temporal: true, kafka: true }) };
    return {
      module: AppModule,
      controllers,
      providers: [
        ...appProviders(config, fakes.catalog ?? builtInCatalog(), fakes.clock ?? systemClock),
        { provide: DossierGateway, useValue: fakes.gateway },
        { provide: HealthProbe, useValue: health },
        { provide: REQUEST_KEYS, useValue: fakes.requestKeys ?? new MemoryRequestKeys() },
        { provide: DOSSIER_NOTES, useValue: fakes.notes ?? new MemoryDossierNotes() },
      ],
    };
  }
}
