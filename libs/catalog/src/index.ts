export * from './catalog';
export * from './units';
