export { ruleSetAt } from './rule-sets';
import type { Procedure } from '@motcua/contracts';

/**
 * A procedure's version when it does not state one (scenario procedures): a short digest of its
 * content, so the same procedure text always gets the same version and a changed one a new one.
 */
export function procedureVersion(p: Procedure): string {
  if (p.version) return p.version;
  const text = canonicalJson(p);
  let h = 0x811c9dc5; // FNV-1a, 32 bits: enough to tell versions of one procedure apart
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `c${h.toString(16).padStart(8, '0')}`;
}

function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}
