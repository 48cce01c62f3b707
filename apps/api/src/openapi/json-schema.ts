import { z } from 'zod';

/** Formats JSON Schema tools know; zod names a few of its own (e.g. starts_with) that they would reject. */
const STANDARD_FORMATS = new Set(['date-time', 'date', 'time', 'duration', 'email', 'uri', 'uuid', 'ipv4', 'ipv6', 'hostname', 'regex']);

/**
 * A zod schema as JSON Schema (zod 4's own converter), for the OpenAPI (2020-12) and AsyncAPI
 * (draft-07) documents. `io: 'input'` describes what a request may send, `'output'` what a
 * response holds.
 */
export function jsonSchemaOf(
  schema: z.ZodType,
  options: { io?: 'input' | 'output'; target?: 'draft-2020-12' | 'draft-07' } = {},
): Record<string, unknown> {
  const out = z.toJSONSchema(schema, { target: options.target ?? 'draft-2020-12', io: options.io ?? 'output', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  delete out.$schema;
  return clean(out) as Record<string, unknown>;
}

function clean(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(clean);
  if (!v || typeof v !== 'object') return v;
  const o: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === 'format' && typeof x === 'string' && !STANDARD_FORMATS.has(x)) continue;
    o[k] = clean(x);
  }
  return o;
}
