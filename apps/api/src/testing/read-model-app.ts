import { openStore, type Store } from '@motcua/store';
import { InMemoryDossierGateway } from './in-memory-dossier-gateway';
import { startTestApp, type TestApp } from './start-test-app';

/**
 * An app over an embedded read model (PGlite) whose rows a test writes as the projector would,
 * its clock stopped at `now`, its live feeds read every 50 ms. One per test file: an embedded
 * PostgreSQL takes seconds to start.
 */
export async function startReadModelApp(now: number): Promise<{ store: Store; t: TestApp }> {
  const store = await openStore({});
  const t = await startTestApp({
    gateway: new InMemoryDossierGateway(),
    readModel: store.db,
    clock: { now: () => now },
    config: { stream: { feedIntervalMs: 50, heartbeatMs: 300, retryMs: 500, ticketTtlMs: 60_000 } },
  });
  return { store, t };
}

/** Empties the tables the breach board and the workbench read. */
export async function clearReadModel(store: Store): Promise<void> {
  for (const table of ['rm_alerts', 'rm_stage_members', 'rm_dossiers'] as const) await store.db.deleteFrom(table).execute();
}
