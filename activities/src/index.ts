export * from './cloud-event';
export * from './publish.activities';
export * from './postal/postal-operator';
export * from './postal/http-postal-operator';
export * from './postal/postal.activities';
export * from './postal/leg-scope';
export * from './postal/standing-in';
