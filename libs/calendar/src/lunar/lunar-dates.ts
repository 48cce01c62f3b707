/** String-dated wrappers over the lunar algorithm for the public API ('YYYY-MM-DD' solar dates). */
import { formatLocalDate, parseLocalDate } from '../time/local-date';
import type { LunarDate } from './vietnamese-lunar';
import { lunarToSolar, solarToLunar, VIETNAM_LUNAR_TIME_ZONE } from './vietnamese-lunar';

/** The lunar date of a solar date; `tz` 7 = Vietnamese calendar, 8 = Chinese. */
export function toLunarDate(date: string, tz: number = VIETNAM_LUNAR_TIME_ZONE): LunarDate {
  return solarToLunar(parseLocalDate(date), tz);
}

/** The solar date of a lunar date; throws if `leap` names a month that is not leap that year. */
export function fromLunarDate(lunar: LunarDate, tz: number = VIETNAM_LUNAR_TIME_ZONE): string {
  return formatLocalDate(lunarToSolar(lunar, tz));
}
