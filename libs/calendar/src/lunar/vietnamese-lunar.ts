/**
 * The Vietnamese lunisolar calendar ("âm lịch"), after Hồ Ngọc Đức's published algorithm:
 *   Hồ Ngọc Đức, "Thuật toán tính âm lịch" / "Computing the Vietnamese lunar calendar",
 *   https://www.informatik.uni-leipzig.de/~duc/amlich/calrules.html (amlich.js, 2004–2006).
 * New moons come from a Meeus-based series ("Astronomical Algorithms", 1998), the sun's longitude
 * from a low-precision formula; the rules are those of the Chinese calendar, but days start at local
 * midnight of the given time zone. Vietnam has used UTC+7 since 1968 while China uses UTC+8, so a new
 * moon shortly after 16:00 UTC falls on different days and the calendars part (Tết 1985, 2007, 2030).
 *
 * The only change from the original: Julian day numbers are converted to and from this library's day
 * numbers (days since 1970-01-01, proleptic Gregorian), so the Julian-calendar branch of jdFromDate
 * is not needed. Valid for 1800–2199, the range the algorithm was checked against.
 */
import type { DayNumber } from '../time/local-date';
import { yearMonthDayOf } from '../time/local-date';

export const VIETNAM_LUNAR_TIME_ZONE = 7;

export interface LunarDate {
  readonly day: number;
  readonly month: number; // 1–12
  readonly year: number; // the solar year in which this lunar year's Tết falls
  readonly leap: boolean; // a leap ("nhuận") month repeats the number of the month before it
}

const JD_OF_DAY_ZERO = 2440588; // Julian day number of 1970-01-01
const SYNODIC_MONTH = 29.530588853;
const JD_NEW_MOON_1900 = 2415021.076998695; // a new moon near 1900-01-01, the k = 0 of newMoon()
const RAD = Math.PI / 180;

/** Julian date (days, fractional) of the k-th new moon after the one of 1900-01-01. */
function newMoon(k: number): number {
  const T = k / 1236.85; // Julian centuries from 1900-01-00.5
  const T2 = T * T;
  const T3 = T2 * T;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * RAD); // mean new moon
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3; // sun's mean anomaly
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3; // moon's mean anomaly
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3; // moon's argument of latitude
  let c1 = (0.1734 - 0.000393 * T) * Math.sin(M * RAD) + 0.0021 * Math.sin(2 * RAD * M);
  c1 = c1 - 0.4068 * Math.sin(Mpr * RAD) + 0.0161 * Math.sin(RAD * 2 * Mpr);
  c1 = c1 - 0.0004 * Math.sin(RAD * 3 * Mpr);
  c1 = c1 + 0.0104 * Math.sin(RAD * 2 * F) - 0.0051 * Math.sin(RAD * (M + Mpr));
  c1 = c1 - 0.0074 * Math.sin(RAD * (M - Mpr)) + 0.0004 * Math.sin(RAD * (2 * F + M));
  c1 = c1 - 0.0004 * Math.sin(RAD * (2 * F - M)) - 0.0006 * Math.sin(RAD * (2 * F + Mpr));
  c1 = c1 + 0.001 * Math.sin(RAD * (2 * F - Mpr)) + 0.0005 * Math.sin(RAD * (2 * Mpr + M));
  const deltaT =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + c1 - deltaT;
}

/** The sun's true longitude in radians, [0, 2π), at Julian date jdn. */
function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525; // Julian centuries from J2000.0
  const T2 = T * T;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2; // mean anomaly
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2; // mean longitude
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(RAD * M);
  DL += (0.019993 - 0.000101 * T) * Math.sin(RAD * 2 * M) + 0.00029 * Math.sin(RAD * 3 * M);
  const L = (L0 + DL) * RAD;
  return L - 2 * Math.PI * Math.floor(L / (2 * Math.PI));
}

/** The sun's longitude sector (0–11, 30° each) at local midnight starting Julian day jd. */
function sunSector(jd: number, tz: number): number {
  return Math.floor((sunLongitude(jd - 0.5 - tz / 24) / Math.PI) * 6);
}

/** Julian day number of the local day of the k-th new moon. */
function newMoonDay(k: number, tz: number): number {
  return Math.floor(newMoon(k) + 0.5 + tz / 24);
}

/** Julian day the 11th lunar month (the one containing the winter solstice) starts, before 31/12 of yy. */
function lunarMonth11(yy: number, tz: number): number {
  const off = julianDay(yy, 12, 31) - 2415021;
  const k = Math.floor(off / SYNODIC_MONTH);
  const nm = newMoonDay(k, tz);
  return sunSector(nm, tz) >= 9 ? newMoonDay(k - 1, tz) : nm;
}

/** In a 13-month year from month 11 at a11: which month after a11 is the leap one (no major solar term). */
function leapMonthOffset(a11: number, tz: number): number {
  const k = Math.floor((a11 - JD_NEW_MOON_1900) / SYNODIC_MONTH + 0.5);
  let i = 1; // the month following month 11
  let arc = sunSector(newMoonDay(k + i, tz), tz);
  let last: number;
  do {
    last = arc;
    i++;
    arc = sunSector(newMoonDay(k + i, tz), tz);
  } while (arc !== last && i < 14);
  return i - 1;
}

function julianDay(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / 86_400_000) + JD_OF_DAY_ZERO;
}

export function solarToLunar(dayNumber: DayNumber, tz: number = VIETNAM_LUNAR_TIME_ZONE): LunarDate {
  const jd = dayNumber + JD_OF_DAY_ZERO;
  const yy = yearMonthDayOf(dayNumber).year;
  const k = Math.floor((jd - JD_NEW_MOON_1900) / SYNODIC_MONTH);
  let monthStart = newMoonDay(k + 1, tz);
  if (monthStart > jd) monthStart = newMoonDay(k, tz);
  let a11 = lunarMonth11(yy, tz);
  let b11 = a11;
  let year: number;
  if (a11 >= monthStart) {
    year = yy;
    a11 = lunarMonth11(yy - 1, tz);
  } else {
    year = yy + 1;
    b11 = lunarMonth11(yy + 1, tz);
  }
  const day = jd - monthStart + 1;
  const diff = Math.floor((monthStart - a11) / 29);
  let leap = false;
  let month = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11, tz);
    if (diff >= leapDiff) {
      month = diff + 10;
      leap = diff === leapDiff;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) year -= 1;
  return { day, month, year, leap };
}

/** The solar day of a lunar date; throws if `leap` is set and that month is not leap in that year. */
export function lunarToSolar(date: LunarDate, tz: number = VIETNAM_LUNAR_TIME_ZONE): DayNumber {
  const { day, month, year, leap } = date;
  if (!Number.isInteger(day) || day < 1 || day > 30 || !Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`Not a lunar date: ${JSON.stringify(date)}`);
  }
  const [a11, b11] =
    month < 11 ? [lunarMonth11(year - 1, tz), lunarMonth11(year, tz)] : [lunarMonth11(year, tz), lunarMonth11(year + 1, tz)];
  const k = Math.floor(0.5 + (a11 - JD_NEW_MOON_1900) / SYNODIC_MONTH);
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11, tz);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) {
      throw new RangeError(`Lunar month ${month} of ${year} is not a leap month`);
    }
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    throw new RangeError(`Lunar year ${year} has no leap month`);
  }
  return newMoonDay(k + off, tz) + day - 1 - JD_OF_DAY_ZERO;
}

/** Mùng 1 tháng Giêng: the first day of the lunar year that begins in solar year `year`. */
export function lunarNewYear(year: number, tz: number = VIETNAM_LUNAR_TIME_ZONE): DayNumber {
  return lunarToSolar({ day: 1, month: 1, year, leap: false }, tz);
}
