import { z } from 'zod';

/** A time limit as the procedure catalog and the scenarios write it (ONE-STOP.md §6). */
export const TimeLimitSchema = z.object({
  amount: z.number().positive(),
  unit: z.enum(['WORKING_DAYS', 'WORKING_HOURS', 'SAME_DAY']),
});
export type TimeLimit = z.infer<typeof TimeLimitSchema>;

/**
 * An instant on the wire: ISO-8601 with an explicit offset (Vietnam time is written +07:00).
 * A bare local time would be ambiguous for partners in other zones, so it is refused.
 */
export const InstantSchema = z.iso.datetime({ offset: true, local: false });
