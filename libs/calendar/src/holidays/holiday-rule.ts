/**
 * Public holidays as data (ONE-STOP.md §6: "adding a holiday must be a data change, not a code
 * change"). Each rule says when it applies (`from`/`until`, in years of its own calendar) and, for
 * released calendars, in which release it first appeared (`since`), so that an older calendar
 * version keeps computing exactly what it computed when a deadline was recorded with it.
 */

interface RuleBase {
  readonly name: string;
  /** First year the rule applies (solar year; for lunar rules the lunar year, i.e. the year of its Tết). */
  readonly from: number;
  /** Last year it applies, if it was repealed or replaced. */
  readonly until?: number;
  /** The calendar release that introduced the rule; absent = every release. */
  readonly since?: string;
}

/** A fixed day of the Gregorian year, e.g. 30/4. */
export interface SolarHolidayRule extends RuleBase {
  readonly kind: 'solar';
  readonly month: number;
  readonly day: number;
}

/** A fixed day of the Vietnamese lunar year (never a leap month), e.g. Giỗ Tổ 10/3. */
export interface LunarHolidayRule extends RuleBase {
  readonly kind: 'lunar';
  readonly month: number;
  readonly day: number;
}

/**
 * Tết Nguyên Đán when the government has not fixed its days: `days` consecutive days starting
 * `daysBefore` days before mùng 1 (1 = the last day of the old year).
 */
export interface LunarNewYearRule extends RuleBase {
  readonly kind: 'lunarNewYear';
  readonly daysBefore: number;
  readonly days: number;
}

/**
 * "One adjacent day, before or after" a solar holiday (2/9, Labour Code 2019 Art. 112(1)(đ)), when
 * the government has not chosen it: offsetByWeekday[w] is -1 or +1 for the holiday falling on
 * weekday w (0 = Sunday).
 */
export interface AdjacentDayRule extends RuleBase {
  readonly kind: 'adjacentDay';
  readonly month: number;
  readonly day: number;
  readonly offsetByWeekday: readonly number[];
}

export type HolidayRule = SolarHolidayRule | LunarHolidayRule | LunarNewYearRule | AdjacentDayRule;

export function appliesIn(rule: HolidayRule, year: number): boolean {
  return rule.from <= year && (rule.until === undefined || year <= rule.until);
}
