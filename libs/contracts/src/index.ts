export * from './time';
export * from './statuses';
export * from './procedure';
export * from './actions';
export * from './dossier-event';
export * from './scenario';
