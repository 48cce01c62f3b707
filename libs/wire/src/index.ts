export * from './cloud-event';
export type { DomainPayload } from './consistency';
