import { drawCalendarHeatmap } from './charts/calendar-heatmap';
import { h } from './dom';
import { formatCount } from './format';

interface BreachDays {
  from: string;
  to: string;
  days: { day: string; overdue: number; apologyMissed: number }[];
}

const dayLabel = (day: string): string => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/**
 * "Breaches per day": a calendar heat map of the year up to today (the API's day), from
 * GET /api/v1/dashboard/breaches-per-day. Read when the page opens and again when the live board
 * reports a new overdue line (an event, not a timer).
 */
export class BreachCalendar {
  private readonly chart = h('div', { id: 'breach-calendar', class: 'chart', role: 'img', 'aria-label': 'Lịch số hồ sơ quá hạn theo ngày' });
  private readonly summary = h('p', { id: 'breach-calendar-summary' });

  constructor(private readonly token: () => string | null) {}

  element(): HTMLElement {
    return h('section', { 'aria-labelledby': 'calendar-title' }, h('h2', { id: 'calendar-title' }, 'Số hồ sơ quá hạn theo ngày'), this.summary, this.chart);
  }

  async refresh(): Promise<void> {
    const token = this.token();
    if (!token) return;
    const res = await fetch('/api/v1/dashboard/breaches-per-day', { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`Không đọc được số hồ sơ quá hạn theo ngày (${res.status}).`);
    const data = (await res.json()) as BreachDays;
    const overdue = data.days.reduce((n, d) => n + d.overdue, 0);
    const missed = data.days.reduce((n, d) => n + d.apologyMissed, 0);
    const text = `Từ ${dayLabel(data.from)} đến ${dayLabel(data.to)}: ${formatCount(overdue)} lần quá hạn trong ${formatCount(data.days.length)} ngày, ${formatCount(missed)} lần không xin lỗi đúng hạn.`;
    this.summary.textContent = text;
    this.chart.setAttribute('aria-label', `Lịch số hồ sơ quá hạn theo ngày. ${text}`);
    drawCalendarHeatmap(
      this.chart,
      data,
      data.days.map((d) => ({ day: d.day, count: d.overdue })),
      (d) => `${dayLabel(d.day)}: ${formatCount(d.count)} quá hạn`,
    );
  }
}
