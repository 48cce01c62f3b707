export type { Store, StoreLocation } from './database';
export { openStore, storeLocationFromEnv } from './database';
export type { StoreSchema } from './schema';
export type { KeyClaim, RequestKeys } from './request-keys';
export { SqlRequestKeys } from './request-keys';
export type { DossierNote, DossierNotes } from './dossier-notes';
export { SqlDossierNotes } from './dossier-notes';
export { MIGRATION_NAMES } from './migrations';
export { MemoryDossierNotes, MemoryRequestKeys } from './testing/memory-stores';
