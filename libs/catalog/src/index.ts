export * from './catalog';
export * from './units';
export * from './agencies';
export * from './search';
