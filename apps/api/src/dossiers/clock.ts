/** Now, in epoch ms: injectable so tests can fix the day a dossier code is dated. */
export interface Clock {
  now(): number;
}
export const Clock = Symbol('Clock');
export const systemClock: Clock = { now: () => Date.now() };
