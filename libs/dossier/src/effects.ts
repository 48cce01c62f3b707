import type { RecordedEvent } from './events';

/**
 * What a dossier still has to do outside itself, as data derived from its log and from what has
 * been done — as `armedTimers(state)` derives its timers. Each channel is worked through in order,
 * by its own activity with its own retry policy, apart from the dossier's clock and from the other
 * channels: Kafka being down, or a partner's API being slow, never holds up a deadline, an alert or
 * the dossier list. The applicant notifications are a channel of their own, in notifications.ts
 * (`pendingNotices`), worked through by the workflow's notification loop.
 */
export type EffectChannel = 'events';

export interface PublishEvents {
  readonly channel: 'events';
  /** The recorded events not yet published, in sequence order. */
  readonly records: readonly RecordedEvent[];
}

export type Effect = PublishEvents;

/** How far each channel has got: the number of recorded events published. */
export interface EffectProgress {
  readonly events: number;
}

export const NOTHING_DONE: EffectProgress = { events: 0 };

export function pendingEffects(log: readonly RecordedEvent[], done: EffectProgress): Effect[] {
  return done.events < log.length ? [{ channel: 'events', records: log.slice(done.events) }] : [];
}

/** What doing an effect moves forward. */
export function afterEffect(done: EffectProgress, effect: Effect): EffectProgress {
  return { ...done, events: done.events + effect.records.length };
}
