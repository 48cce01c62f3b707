import { HeatmapChart } from 'echarts/charts';
import { CalendarComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import './vietnamese-locale';

echarts.use([HeatmapChart, CalendarComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export interface DayCount {
  day: string;
  count: number;
}

/**
 * A calendar heat map (one row of weeks per range, a cell per day) drawn by Apache ECharts into
 * `el`; the only place the page knows ECharts. Redrawn in place on a new call; resized with the
 * window (laptop or wall display).
 */
export function drawCalendarHeatmap(el: HTMLElement, range: { from: string; to: string }, days: readonly DayCount[], label: (d: DayCount) => string): void {
  const chart = echarts.getInstanceByDom(el) ?? echarts.init(el, undefined, { locale: 'VI', renderer: 'canvas' });
  if (!el.dataset.resizes) {
    el.dataset.resizes = '1';
    window.addEventListener('resize', () => chart.resize());
  }
  const max = Math.max(1, ...days.map((d) => d.count));
  chart.setOption({
    tooltip: { formatter: (p: { data: [string, number] }) => label({ day: p.data[0], count: p.data[1] }) },
    visualMap: { min: 0, max, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#fde0dd', '#c51b8a', '#49006a'] } },
    calendar: {
      range: [range.from, range.to],
      cellSize: ['auto', 'auto'],
      left: 40,
      right: 20,
      top: 30,
      bottom: 50,
      yearLabel: { show: false },
      // The week starts on Monday; the locale's one-letter names (T, T, …, C) would not tell the days apart.
      dayLabel: { firstDay: 1, nameMap: ['CN', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7'] },
      monthLabel: { nameMap: 'VI' },
    },
    series: [{ type: 'heatmap', coordinateSystem: 'calendar', data: days.map((d) => [d.day, d.count]) }],
  });
}
