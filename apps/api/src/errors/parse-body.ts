import type { z } from 'zod';
import { badRequest } from './api-error';

/**
 * Parses a request part with a zod schema from the contracts, or answers 400 naming each field:
 * `applicant.idNumber: Invalid input: expected string, received undefined`. Unknown keys are
 * dropped by the schemas, so only the contract's fields ever reach a workflow (never `at` or `by`).
 */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, where = 'body', rule: string | null = null): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const message = parsed.error.issues
    .map((i) => `${i.path.length ? i.path.map(String).join('.') : where}: ${i.message}`)
    .join('; ');
  throw badRequest(message, rule);
}
