export * from './bundle';
export * from './settings';
export * from './worker';
export * from './runtime';
