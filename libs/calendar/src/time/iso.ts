/**
 * ISO-8601 instants on the wire. Output is always Vietnam time with an explicit +07:00 offset
 * (what Form 01 shows); input may carry any offset, because partners (the postal operator, test
 * runners) write UTC or their own zone.
 */
import { dayNumberOf, formatLocalDate, pad, yearMonthDayOf } from './local-date';
import { dayOfInstant, MS_PER_MINUTE, msIntoLocalDay, VIETNAM_OFFSET_MINUTES } from './zone';

// Extended format only; seconds and fraction optional; offset mandatory (a bare local time is
// ambiguous, so it is refused rather than guessed).
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)$/;

export function toLocalIso(instant: number, offsetMinutes: number = VIETNAM_OFFSET_MINUTES): string {
  if (!Number.isFinite(instant)) throw new RangeError(`Not an instant: ${instant}`);
  const day = dayOfInstant(instant, offsetMinutes);
  const ms = msIntoLocalDay(instant, offsetMinutes);
  const hh = Math.floor(ms / 3_600_000);
  const mm = Math.floor(ms / MS_PER_MINUTE) % 60;
  const ss = Math.floor(ms / 1000) % 60;
  const frac = ms % 1000;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return (
    `${formatLocalDate(day)}T${pad(hh, 2)}:${pad(mm, 2)}:${pad(ss, 2)}` +
    (frac ? `.${pad(Math.floor(frac), 3)}` : '') +
    `${sign}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}`
  );
}

export function parseInstant(iso: string): number {
  const m = ISO_INSTANT.exec(iso);
  if (!m) throw new RangeError(`Not an ISO-8601 instant with an offset: ${JSON.stringify(iso)}`);
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((i) => Number(m[i])) as [number, number, number, number, number];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millis = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000 + 1e-6);
  const ymd = yearMonthDayOf(dayNumberOf(year, month, day));
  const offsetHours = m[10] === undefined ? 0 : Number(m[10]);
  const offsetMins = m[11] === undefined ? 0 : Number(m[11]);
  if (
    ymd.year !== year || ymd.month !== month || ymd.day !== day ||
    hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMins > 59
  ) {
    throw new RangeError(`Not a valid ISO-8601 instant: ${JSON.stringify(iso)}`);
  }
  const offset = (m[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset * MS_PER_MINUTE;
}
