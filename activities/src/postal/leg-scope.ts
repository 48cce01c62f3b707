import type { PostalLegScope } from '@motcua/contracts';

/**
 * How far a leg travels, from where its far end lies. `area` is the Decision 20/2020 identifier of
 * the one-stop unit whose area holds the applicant's address (structured, not the address): the
 * receiving unit's own → SAME_DISTRICT (since Decree 118/2025 there are no districts; the commune
 * unit's area is the nearest); the same level-1 code (the province, the identifier's last part) →
 * SAME_PROVINCE; another → BETWEEN_PROVINCES. Unknown area → null: no transit target is tracked.
 */
export function legScopeOf(unit: string, area: string | null): PostalLegScope | null {
  if (area === null || area.trim() === '') return null;
  if (area === unit) return 'SAME_DISTRICT';
  return provinceOf(area) === provinceOf(unit) ? 'SAME_PROVINCE' : 'BETWEEN_PROVINCES';
}

function provinceOf(unitId: string): string {
  return unitId.split('.').at(-1) ?? unitId;
}
