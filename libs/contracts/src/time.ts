import { z } from 'zod';
import { parseInstant, toLocalIso, type TimeLimit } from '@motcua/calendar';

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

/**
 * An instant as the engine writes it (events on Kafka): always Vietnam time, `+07:00`, seconds
 * always written and milliseconds only when there are some, which is exactly what `toLocalIso`
 * prints. One spelling per instant lets consumers compare and sort the strings as they come, and
 * makes decoding then encoding give the same bytes. What partners send (InstantSchema) may use any
 * offset; what we publish may not.
 */
export const VietnamInstantSchema = z
  .string()
  .regex(/^20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?\+07:00$/, 'an instant in Vietnam time: YYYY-MM-DDTHH:MM:SS[.sss]+07:00, years 2000–2099')
  .refine(isInstant, 'not a date and time of the calendar')
  .meta({ format: 'date-time', description: 'RFC 3339 in Vietnam time (+07:00), years 2000–2099, e.g. 2026-03-20T17:00:00+07:00' });

function isInstant(iso: string): boolean {
  try {
    parseInstant(iso);
    return true;
  } catch {
    return false;
  }
}

/**
 * An instant of a domain event: epoch milliseconds inside the engine, VietnamInstantSchema on the
 * wire. Being a codec, the schema itself says which fields are instants: encoding a domain event
 * writes every one of them as ISO-8601, decoding reads them back, and the JSON Schema (io: input)
 * describes the string.
 */
export const EventInstantSchema = z.codec(VietnamInstantSchema, z.number().int(), {
  decode: (iso) => parseInstant(iso),
  encode: (ms) => toLocalIso(ms),
});
