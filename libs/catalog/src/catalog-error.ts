/** Thrown when catalog or unit data breaks a rule; names the entry (or its index). */
export class CatalogError extends Error {
  override readonly name = 'CatalogError';
}
