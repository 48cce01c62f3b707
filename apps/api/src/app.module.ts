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
import {
  MemoryApplicantContacts,
  MemoryAuditLog,
  MemoryNotifications,
  MemoryDossierNotes,
  MemoryPostalEvents,
  MemoryRequestKeys,
  type ApplicantContacts,
  type AuditLog,
  type DossierNotes,
  type Notifications,
  type PostalEvents,
  type RequestKeys,
  type StoreSchema,
} from '@motcua/store';
import type { Kysely } from 'kysely';
import { BreachStreamController } from './breaches/breach-stream.controller';
import { BreachDaysController } from './breaches/breach-days.controller';
import { breachProviders } from './breaches/breach-providers';
import { READ_MODEL } from './breaches/breach.tokens';
import { WorkbenchController } from './workbench/workbench.controller';
import { DossierActionsController } from './workbench/dossier-actions.controller';
import { ActionPreviewService } from './workbench/action-preview.service';
import { workbenchProviders } from './workbench/workbench-providers';
import { AuditController } from './audit/audit.controller';
import { OidcTokenVerifier } from './auth/oidc-token-verifier';
import { TOKEN_VERIFIER, type TokenVerifier } from './auth/token-verifier';
import { LookupController, LOOKUP_RATE_LIMIT } from './lookup/lookup.controller';
import { RateLimit } from './lookup/rate-limit';
import { RequestKeysService } from './dossiers/request-keys.service';
import { StoreModule } from './store/store.module';
import { APPLICANT_CONTACTS, AUDIT_LOG, DOSSIER_NOTES, NOTIFICATIONS, POSTAL_EVENTS, REQUEST_KEYS } from './store/store.tokens';
import { DossierNotificationsController, DossierNotificationsService } from './dossiers/dossier-notifications.controller';
import { UnitsController } from './units/units.controller';
import { AgenciesController } from './agencies/agencies.controller';
import { PostalController } from './postal/postal.controller';
import { PostalWebhookService } from './postal/postal-webhook.service';
import { TEST_APPLICANT_REF_SECRET } from './testing/test-applicant-ref-secret';
import type { ReportSource } from '@motcua/reports';
import { ReportsController } from './reports/reports.controller';
import { REPORT_SOURCE, SPREADSHEET_WRITER } from './reports/reports.tokens';
import { ExcelJsSpreadsheetWriter } from './reports/spreadsheet-writer';
import { DossierDocumentsController } from './documents/dossier-documents.controller';
import { DossierDocumentsService } from './documents/dossier-documents.service';
import { defaultFormPrinter, FORM_PRINTER } from './documents/form-printer';

const controllers = [
  HealthController,
  DocsController,
  ProceduresController,
  UnitsController,
  AgenciesController,
  LookupController,
  DossiersController,
  DossierNotificationsController,
  DossierDocumentsController,
  AuditController,
  PostalController,
  ReportsController,
  BreachStreamController,
  BreachDaysController,
  WorkbenchController,
  DossierActionsController,
];

/** One look-up window per API process: 60 a minute per client address. */
const lookupLimit = () => new RateLimit(60, 60_000);

function appProviders(config: ApiConfig, catalog: ProcedureCatalog, clock: Clock): Provider[] {
  return [
    { provide: API_CONFIG, useValue: config },
    { provide: ProcedureCatalog, useValue: catalog },
    { provide: Clock, useValue: clock },
    { provide: OPENAPI_DOCUMENT, useFactory: buildOpenApiDocument },
    { provide: LOOKUP_RATE_LIMIT, useFactory: lookupLimit },
    { provide: SPREADSHEET_WRITER, useFactory: () => new ExcelJsSpreadsheetWriter() },
    ActorResolver,
    RequestKeysService,
    DossierService,
    DossierDocumentsService,
    { provide: FORM_PRINTER, useFactory: defaultFormPrinter },
    DossierNotificationsService,
    PostalWebhookService,
    ...breachProviders(config),
    ...workbenchProviders(config),
    ActionPreviewService,
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
  audit?: AuditLog;
  contacts?: ApplicantContacts;
  postalEvents?: PostalEvents;
  /** The read model the reports read (default: no dossiers). */
  reports?: ReportSource;
  notifications?: Notifications;
  /** Whose tokens the app accepts (testing/test-tokens.ts). */
  verifier: TokenVerifier;
  lookupLimit?: RateLimit;
  /** The read model (rm_* tables) the breach board reads; none: an empty board. */
  readModel?: Kysely<StoreSchema>;
}

@Module({})
export class AppModule {
  /**
   * Production: Temporal, Kafka, the store and the token issuer from the environment. Integration
   * tests may give another catalog and a verifier of test tokens (their units have no account at
   * the local identity provider; `npm start`'s test uses the real one).
   */
  static forRoot(config: ApiConfig = apiConfigFromEnv(), catalog: ProcedureCatalog = builtInCatalog(), verifier?: TokenVerifier): DynamicModule {
    return {
      module: AppModule,
      imports: [TemporalModule.forRoot(config), StoreModule.forRoot(config)],
      controllers,
      providers: [...appProviders(config, catalog, systemClock), { provide: TOKEN_VERIFIER, useFactory: () => verifier ?? oidcVerifier(config) }],
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
        { provide: AUDIT_LOG, useValue: fakes.audit ?? new MemoryAuditLog() },
        { provide: APPLICANT_CONTACTS, useValue: fakes.contacts ?? new MemoryApplicantContacts() },
        { provide: POSTAL_EVENTS, useValue: fakes.postalEvents ?? new MemoryPostalEvents() },
        { provide: REPORT_SOURCE, useValue: fakes.reports ?? noDossiers },
        { provide: NOTIFICATIONS, useValue: fakes.notifications ?? new MemoryNotifications() },
        { provide: TOKEN_VERIFIER, useValue: fakes.verifier },
        { provide: READ_MODEL, useValue: fakes.readModel ?? null },
        ...(fakes.lookupLimit ? [{ provide: LOOKUP_RATE_LIMIT, useValue: fakes.lookupLimit }] : []),
      ],
    };
  }
}

const noDossiers: ReportSource = { dossiersFor: async () => [] };

function oidcVerifier(config: ApiConfig): TokenVerifier {
  const { issuer, audience, claims, clockToleranceS } = config.auth;
  if (!issuer) throw new Error('AUTH_ISSUER is not set: the API accepts only access tokens of a named OIDC issuer');
  return new OidcTokenVerifier({ issuer, audience, claims, clockToleranceS });
}
