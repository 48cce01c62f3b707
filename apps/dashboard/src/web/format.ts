/** Vietnamese numbers, dates and durations, in Vietnam's time whatever the browser's zone. */
const ZONE = 'Asia/Ho_Chi_Minh';
const dateTime = new Intl.DateTimeFormat('vi-VN', { timeZone: ZONE, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
const time = new Intl.DateTimeFormat('vi-VN', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const count = new Intl.NumberFormat('vi-VN');

export const formatDateTime = (ms: number): string => dateTime.format(ms);
/** An RFC 3339 instant of the API as a Vietnamese date and time; "—" for none. */
export const formatInstant = (iso: string | null): string => (iso ? dateTime.format(Date.parse(iso)) : '—');
/** A deadline's classification (rules.md §6). */
export const OUTCOME_TEXT: Record<string, string> = { EARLY: 'Trước hạn', ON_TIME: 'Đúng hạn', LATE: 'Trễ hạn' };
export const formatTime = (ms: number): string => time.format(ms);
export const formatCount = (n: number): string => count.format(n);

/** "3 ngày 4 giờ", "2 giờ 5 phút", "12 phút": calendar time, the two largest units. */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours > 0 ? `${count.format(days)} ngày ${hours} giờ` : `${count.format(days)} ngày`;
  if (hours > 0) return mins > 0 ? `${hours} giờ ${mins} phút` : `${hours} giờ`;
  return `${mins} phút`;
}

const percent = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 0, maximumFractionDigits: 2 });
/** 87.5 → "87,5 %" (the API's percent, 2 decimals at most). */
export const formatPercent = (p: number): string => `${percent.format(p)} %`;
