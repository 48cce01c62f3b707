/** How a refusal names a data entry: by its key field when it has one, else by its position. */
export function entryName(raw: unknown, index: number, key: 'code' | 'id' = 'code'): string {
  const value = raw && typeof raw === 'object' ? (raw as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' && value ? `"${value}"` : `#${index}`;
}
