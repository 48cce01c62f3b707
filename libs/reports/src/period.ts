/**
 * A report's period: whole days [from, to] in Vietnam time (ONE-STOP §7), as the instants
 * [start, end) it covers: `start` is `from` at 00:00 +07:00, `end` the day after `to` at 00:00.
 * A month, a quarter, 6 or 9 months, a year or any day range are all just two dates.
 */
export interface Period {
  /** YYYY-MM-DD */
  readonly from: string;
  readonly to: string;
  /** Epoch ms, inclusive. */
  readonly start: number;
  /** Epoch ms, exclusive. */
  readonly end: number;
}

const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

export type PeriodRefusal = { rule: 'REPORT.BAD_DATE' | 'REPORT.PERIOD_REVERSED'; message: string };

/** Midnight +07:00 of a calendar date, or null when `date` is not one (2026-02-30, 2026-2-1). */
export function vietnamMidnight(date: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = Date.UTC(y, mo - 1, d);
  const back = new Date(utc);
  if (y < 1970 || back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return utc - VIETNAM_OFFSET_MS;
}

export function parsePeriod(from: unknown, to: unknown): Period | PeriodRefusal {
  for (const [name, value] of [['from', from], ['to', to]] as const) {
    if (typeof value !== 'string' || vietnamMidnight(value) === null) {
      return { rule: 'REPORT.BAD_DATE', message: `${name}: a calendar date YYYY-MM-DD (Vietnam time) is required, got ${JSON.stringify(value ?? null)}` };
    }
  }
  const f = from as string;
  const t = to as string;
  const start = vietnamMidnight(f)!;
  const last = vietnamMidnight(t)!;
  if (last < start) return { rule: 'REPORT.PERIOD_REVERSED', message: `the period ends (${t}) before it starts (${f})` };
  return { from: f, to: t, start, end: last + DAY_MS };
}

export const isPeriod = (p: Period | PeriodRefusal): p is Period => 'start' in p;

/** dd/mm/yyyy, as Vietnamese forms print a date. */
export function vietnameseDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/** Whether an instant (epoch ms) falls in the period. */
export const within = (p: Period, at: number | null): boolean => at !== null && at >= p.start && at < p.end;
