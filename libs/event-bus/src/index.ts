export * from './ports';
export * from './memory-bus';
export * from './kafka';
export * from './coalescing-publisher';
