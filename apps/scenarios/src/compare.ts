import type { ScenarioActual } from '@motcua/contracts';

/**
 * Compares a run's result with a scenario's `expect` as the scenario README says: every field;
 * instants as instants at second precision; alerts as a set. Returns the differing fields.
 */
export function differences(actual: ScenarioActual, expected: Record<string, unknown>): string[] {
  const a = normalise({ ...actual, alerts: alertSet(actual.alerts) }) as Record<string, unknown>;
  const e = normalise({ ...expected, alerts: alertSet((expected.alerts as ScenarioActual['alerts']) ?? []) }) as Record<string, unknown>;
  const fields = new Set([...Object.keys(a), ...Object.keys(e)]);
  return [...fields]
    .filter((f) => JSON.stringify(a[f]) !== JSON.stringify(e[f]))
    .map((f) => `${f}: expected ${JSON.stringify(e[f])}, got ${JSON.stringify(a[f])}`);
}

function alertSet(alerts: ScenarioActual['alerts']) {
  return alerts
    .map((x) => ({ type: x.type, scope: x.scope, agency: x.agency ?? null, at: x.at }))
    .sort((x, y) => instantKey(x.at).localeCompare(instantKey(y.at)) || (x.scope + x.type + x.agency).localeCompare(y.scope + y.type + y.agency));
}

function instantKey(v: string): string {
  return String(Math.floor(Date.parse(v) / 1000)).padStart(12, '0');
}

function normalise(v: unknown): unknown {
  if (typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(v)) return Math.floor(Date.parse(v) / 1000);
  if (Array.isArray(v)) return v.map(normalise);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalise(x)]));
  return v;
}
