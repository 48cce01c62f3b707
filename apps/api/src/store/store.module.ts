import { Inject, Injectable, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { openStore, SqlApplicantContacts, SqlAuditLog, SqlDossierCodes, SqlDossierNotes, SqlNotifications, SqlPostalEvents, SqlReportSource, SqlRequestKeys, type Store } from '@motcua/store';
import { REPORT_SOURCE } from '../reports/reports.tokens';
import type { ApiConfig } from '../config/api-config';
import { READ_MODEL } from '../breaches/breach.tokens';
import { APPLICANT_CONTACTS, AUDIT_LOG, DOSSIER_CODES, DOSSIER_NOTES, NOTIFICATIONS, POSTAL_EVENTS, REQUEST_KEYS, STORE } from './store.tokens';

@Injectable()
class StoreCloser implements OnApplicationShutdown {
  private readonly logger = new Logger('shutdown');
  constructor(@Inject(STORE) private readonly store: Store) {}

  async onApplicationShutdown() {
    await this.store.close().catch((e) => this.logger.warn(`closing the store: ${String(e)}`));
  }
}

/**
 * The operational store (libs/store): opened and migrated before the app listens, so a request
 * never meets a schema older than its code.
 */
@Module({})
export class StoreModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: StoreModule,
      providers: [
        {
          provide: STORE,
          useFactory: async () => {
            const logger = new Logger('store');
            // Logged, not thrown: the pool has already replaced the connection the server ended.
            const store = await openStore(config.store, {
              onConnectionError: (e) => logger.warn(`a pooled PostgreSQL connection ended while idle (the next query opens another): ${e.message}`),
            });
            logger.log(`operational store: ${store.engine}${config.store.dataDir ? ` in ${config.store.dataDir}` : ''}`);
            return store;
          },
        },
        { provide: REQUEST_KEYS, useFactory: (s: Store) => new SqlRequestKeys(s.db), inject: [STORE] },
        { provide: DOSSIER_NOTES, useFactory: (s: Store) => new SqlDossierNotes(s.db), inject: [STORE] },
        { provide: DOSSIER_CODES, useFactory: (s: Store) => new SqlDossierCodes(s.db), inject: [STORE] },
        { provide: AUDIT_LOG, useFactory: (s: Store) => new SqlAuditLog(s.db), inject: [STORE] },
        { provide: APPLICANT_CONTACTS, useFactory: (s: Store) => new SqlApplicantContacts(s.db), inject: [STORE] },
        { provide: POSTAL_EVENTS, useFactory: (s: Store) => new SqlPostalEvents(s.db), inject: [STORE] },
        // The read model the projector folds: in this store when both open the same one (DATABASE_URL).
        { provide: REPORT_SOURCE, useFactory: (s: Store) => new SqlReportSource(s.db), inject: [STORE] },
        { provide: READ_MODEL, useFactory: (s: Store) => s.db, inject: [STORE] },
        { provide: NOTIFICATIONS, useFactory: (s: Store) => new SqlNotifications(s.db), inject: [STORE] },
        StoreCloser,
      ],
      exports: [READ_MODEL, REQUEST_KEYS, DOSSIER_CODES, DOSSIER_NOTES, AUDIT_LOG, APPLICANT_CONTACTS, POSTAL_EVENTS, REPORT_SOURCE, NOTIFICATIONS],
    };
  }
}
