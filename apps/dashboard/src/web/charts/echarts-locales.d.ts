/** ECharts' locale files ship without types: a locale is an object of names (months, days, tooltips). */
declare module 'echarts/i18n/langVI-obj.js' {
  const locale: Record<string, unknown>;
  export = locale;
}
