import * as echarts from 'echarts/core';
// Apache ECharts' own Vietnamese locale (month and day names, tooltips, toolbox words).
import * as langVI from 'echarts/i18n/langVI-obj.js';

echarts.registerLocale('VI', langVI as unknown as Parameters<typeof echarts.registerLocale>[1]);
