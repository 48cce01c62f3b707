import type { Procedure } from '@motcua/contracts';

/**
 * Rule sets: the legal regime a dossier is received under (ONE-STOP.md, preamble). Decree 118/2025
 * carries the lifecycle into the provincial and commune service centres from 1/7/2025; the rules
 * this engine enforces are the same in both, but each dossier records which one it was received
 * under so that a later divergence is a new version, not a silent change to running dossiers.
 */
const RULE_SETS = [
  { version: 'ND61-2018', from: Date.UTC(2018, 5, 21, -7) },
  { version: 'ND118-2025', from: Date.UTC(2025, 6, 1, -7) },
] as const;

export function ruleSetAt(instant: number): string {
  let chosen: string = RULE_SETS[0].version;
  for (const r of RULE_SETS) if (instant >= r.from) chosen = r.version;
  return chosen;
}

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
