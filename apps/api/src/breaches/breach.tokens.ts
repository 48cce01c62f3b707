/** Injection tokens of the live breach board. */
export const BREACH_FEED = Symbol('BreachFeed');
export const STREAM_TICKETS = Symbol('StreamTickets');
export const STREAM_OPTIONS = Symbol('StreamOptions');
/** The read model (rm_* tables, apps/projector) the API reads. */
export const READ_MODEL = Symbol('ReadModel');

export interface StreamOptions {
  heartbeatMs: number;
  retryMs: number;
  ticketTtlMs: number;
  feedIntervalMs: number;
}
