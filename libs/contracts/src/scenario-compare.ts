import { toLocalIso } from '@motcua/calendar';
import type { ScenarioActual } from './scenario';

/**
 * A scenario result or `expect` in the README's comparison form: every field; instants as
 * instants at second precision (written back as +07:00 ISO, for readable diffs); alerts as a set
 * (sorted), a missing alert agency as null.
 */
export function comparable(v: ScenarioActual | Record<string, unknown>): Record<string, unknown> {
  const alerts = ((v as { alerts?: ScenarioActual['alerts'] }).alerts ?? []).map((a) => ({
    type: a.type,
    scope: a.scope,
    agency: a.agency ?? null,
    at: normalise(a.at) as string,
  }));
  alerts.sort((a, b) => (a.at + a.scope + a.type + a.agency).localeCompare(b.at + b.scope + b.type + b.agency));
  return normalise({ ...v, alerts }) as Record<string, unknown>;
}

/** The fields where a result differs from an expectation, each with both values. */
export function differences(actual: ScenarioActual, expected: Record<string, unknown>): string[] {
  const a = comparable(actual);
  const e = comparable(expected);
  return [...new Set([...Object.keys(a), ...Object.keys(e)])]
    .filter((f) => JSON.stringify(a[f]) !== JSON.stringify(e[f]))
    .map((f) => `${f}: expected ${JSON.stringify(e[f])}, got ${JSON.stringify(a[f])}`);
}

function normalise(v: unknown): unknown {
  if (typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(v)) return toLocalIso(Math.floor(Date.parse(v) / 1000) * 1000);
  if (Array.isArray(v)) return v.map(normalise);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalise(x)]));
  return v;
}
