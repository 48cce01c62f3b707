/** Report periods: whole days in Vietnam time, as the reports API takes them (`from`–`to`, YYYY-MM-DD). */
export interface DayRange {
  from: string;
  to: string;
}

const ISO_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today in Vietnam, whatever the browser's zone. */
export const vietnamToday = (now = Date.now()): string => ISO_DAY.format(now);

export const isDay = (s: string | null): s is string => s !== null && /^\d{4}-\d{2}-\d{2}$/.test(s);

const pad = (n: number): string => String(n).padStart(2, '0');
const lastDay = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The calendar month `YYYY-MM`. */
export function monthRange(month: string): DayRange {
  const [y, m] = month.split('-').map(Number);
  return { from: `${month}-01`, to: `${month}-${pad(lastDay(y, m))}` };
}

/** Quarter `q` (1–4) of `year`. */
export function quarterRange(year: number, q: number): DayRange {
  const first = (q - 1) * 3 + 1;
  return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(first + 2)}-${pad(lastDay(year, first + 2))}` };
}

/** "01/04/2026": how the page writes a day. */
export const dayText = (day: string): string => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
