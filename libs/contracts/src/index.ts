export * from './time';
export * from './statuses';
export * from './procedure';
export * from './actions';
export * from './dossier-event';
export * from './scenario';
export * from './dossier-view';
export * from './dossier-intake';
