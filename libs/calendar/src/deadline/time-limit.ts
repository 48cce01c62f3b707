/** Time limits as procedures state them (ONE-STOP.md §6). */

export type TimeUnit = 'WORKING_DAYS' | 'WORKING_HOURS' | 'SAME_DAY';

export interface TimeLimit {
  /** Working days or hours; may be fractional. Ignored for SAME_DAY. */
  amount: number;
  unit: TimeUnit;
}

export interface DeadlineOptions {
  /** 'HH:MM' local; SAME_DAY only: a start at or after it is due the next working day. Default '15:00'. */
  cutoff?: string;
}

export const DEFAULT_SAME_DAY_CUTOFF = '15:00';

const UNITS: readonly TimeUnit[] = ['WORKING_DAYS', 'WORKING_HOURS', 'SAME_DAY'];

/** Throws on a limit no rule can count (negative, NaN, unknown unit): a silent guess would move a deadline. */
export function checkTimeLimit(limit: TimeLimit): void {
  if (!limit || !UNITS.includes(limit.unit)) {
    throw new RangeError(`Unknown time unit in ${JSON.stringify(limit)}; expected one of ${UNITS.join(', ')}`);
  }
  if (limit.unit !== 'SAME_DAY' && !(Number.isFinite(limit.amount) && limit.amount >= 0)) {
    throw new RangeError(`A time limit needs a finite amount >= 0: ${JSON.stringify(limit)}`);
  }
}

/**
 * The limit in working hours, for the critical-path rule (§4): a working day counts
 * `hoursPerWorkingDay` (8) hours, and so does SAME_DAY.
 */
export function toWorkingHours(limit: TimeLimit, hoursPerWorkingDay: number): number {
  checkTimeLimit(limit);
  switch (limit.unit) {
    case 'WORKING_DAYS':
      return limit.amount * hoursPerWorkingDay;
    case 'WORKING_HOURS':
      return limit.amount;
    case 'SAME_DAY':
      return hoursPerWorkingDay;
  }
}

/** 'HH:MM' (00:00–24:00) → minutes from local midnight. */
export function parseClockTime(hhmm: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  const minutes = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  if (!m || Number(m[2]) > 59 || !(minutes <= 1440)) throw new RangeError(`Not a local time 'HH:MM': ${JSON.stringify(hhmm)}`);
  return minutes;
}
