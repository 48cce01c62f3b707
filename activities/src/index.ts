export * from './cloud-event';
export * from './publish.activities';
