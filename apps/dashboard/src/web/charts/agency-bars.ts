import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import './vietnamese-locale';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface BarSeries {
  name: string;
  color: string;
  values: number[];
}

/**
 * Stacked horizontal bars, one per category (an agency), one colour per series (early, on time,
 * late), drawn by Apache ECharts into `el` in its Vietnamese locale; numbers as `format` writes them.
 */
export function drawStackedBars(el: HTMLElement, categories: readonly string[], series: readonly BarSeries[], format: (n: number) => string): void {
  const chart = echarts.getInstanceByDom(el) ?? echarts.init(el, undefined, { locale: 'VI', renderer: 'canvas' });
  if (!el.dataset.resizes) {
    el.dataset.resizes = '1';
    window.addEventListener('resize', () => chart.resize());
  }
  chart.setOption(
    {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => format(Number(v)) },
      legend: { top: 0 },
      grid: { left: 10, right: 30, top: 35, bottom: 10, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => format(v) } },
      yAxis: { type: 'category', data: [...categories], inverse: true },
      series: series.map((s) => ({ type: 'bar', name: s.name, stack: 'total', color: s.color, data: [...s.values], label: { show: true, formatter: (p: { value: number }) => (p.value ? format(p.value) : '') } })),
    },
    { notMerge: true },
  );
}
