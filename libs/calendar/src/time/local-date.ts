/**
 * Calendar dates without a time zone, as whole "day numbers" (days since 1970-01-01).
 *
 * Counting working days is integer arithmetic on day numbers; the 'YYYY-MM-DD' strings of the
 * public API are parsed and formatted only at the edges. Date.UTC is used purely as a proleptic
 * Gregorian date calculator: no clock, no host time zone.
 */

export type DayNumber = number;

const MS_PER_DAY = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface YearMonthDay {
  readonly year: number;
  readonly month: number; // 1–12
  readonly day: number; // 1–31
}

export function dayNumberOf(year: number, month: number, day: number): DayNumber {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function yearMonthDayOf(dayNumber: DayNumber): YearMonthDay {
  const d = new Date(dayNumber * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday, like Date#getUTCDay. 1970-01-01 was a Thursday. */
export function weekdayOf(dayNumber: DayNumber): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** Strict 'YYYY-MM-DD': rejects 2026-02-30 rather than rolling it over to March. */
export function parseLocalDate(date: string): DayNumber {
  const m = DATE_PATTERN.exec(date);
  if (m) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const n = dayNumberOf(year, month, day);
    const back = yearMonthDayOf(n);
    if (back.year === year && back.month === month && back.day === day) return n;
  }
  throw new RangeError(`Not a local date 'YYYY-MM-DD': ${JSON.stringify(date)}`);
}

/** Throws for a year outside 0000–9999: 'YYYY-MM-DD' (and RFC 3339) has room for four digits only. */
export function formatLocalDate(dayNumber: DayNumber): string {
  const { year, month, day } = yearMonthDayOf(dayNumber);
  if (!(year >= 0 && year <= 9999)) throw new RangeError(`Year ${year} does not fit 'YYYY-MM-DD'`);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
