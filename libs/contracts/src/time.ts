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
 * An instant on the wire: ISO-8601 with an explicit offset (Vietnam time is written +07:00).
 * A bare local time would be ambiguous for partners in other zones, so it is refused.
 */
export const InstantSchema = z.iso.datetime({ offset: true, local: false });
