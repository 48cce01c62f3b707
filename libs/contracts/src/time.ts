import { z } from 'zod';
import type { TimeLimit } from '@motcua/calendar';

/**
 * A time limit as the procedure catalog and the scenarios write it (ONE-STOP.md §6). The type is
 * the calendar's, which counts it; this schema checks it on the wire.
 */
export const TimeLimitSchema = z.object({
  amount: z.number().positive(),
  unit: z.enum(['WORKING_DAYS', 'WORKING_HOURS', 'SAME_DAY']),
}) satisfies z.ZodType<TimeLimit>;
export type { TimeLimit };

/**
 * An instant on the wire: RFC 3339 with an explicit offset (Vietnam time is written +07:00), its
 * year written 2000–2099. A bare local time would be ambiguous for partners in other zones, so it
 * is refused. Dossiers live for weeks, so a year outside is a typo or a probe, and one far out
 * cannot even be written back: 9999-12-31T23:59:59Z is already the year 10000 in Vietnam. The year
 * is checked as written, which keeps the rule in the JSON Schema (a pattern); whatever the
 * offset, the instant stays within a day of those years.
 */
export const InstantSchema = z.iso
  .datetime({ offset: true, local: false })
  .regex(/^20\d\d-/, 'an instant of the years 2000–2099')
  .meta({ format: 'date-time', description: 'RFC 3339 with an offset, years 2000–2099, e.g. 2026-03-20T17:00:00+07:00' });
