import { builtInCatalog, searchProcedures, type Catalog, type CatalogProcedure } from '@motcua/catalog';

/** The procedure catalog the API receives dossiers under (injection token and type). */
export type ProcedureCatalog = Catalog;
export const ProcedureCatalog = Symbol('ProcedureCatalog');

export { builtInCatalog, searchProcedures, type CatalogProcedure };
// eslint-disable-next-line @nx/enforce-module-boundaries -- idem
export { CatalogProcedureSchema } from '../../../../libs/catalog/src';
