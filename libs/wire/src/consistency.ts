import type { z } from 'zod';
import type { DossierEventPayloadSchemas } from '@motcua/contracts';
import type { DossierEventType, EventOf } from '@motcua/dossier';

/**
 * Proof, checked by `tsc`, that the domain's events (libs/dossier/src/events.ts) and their wire
 * schemas (libs/contracts/src/events/) are the same set of types with the same fields: an event
 * type added, or a field added, removed or retyped on one side only, fails the type check below
 * and names the event type. Readonly-ness is ignored (the domain's arrays are readonly, zod's are
 * not); instants compare as the numbers the schemas decode them to.
 */
type Schemas = typeof DossierEventPayloadSchemas;
type Frozen<T> = T extends readonly (infer U)[] ? readonly Frozen<U>[] : T extends object ? { readonly [K in keyof T]: Frozen<T[K]> } : T;
type Same<A, B> = [Frozen<A>] extends [Frozen<B>] ? ([Frozen<B>] extends [Frozen<A>] ? true : false) : false;

/** A domain event less what the CloudEvent envelope carries (`at` is `time`, `by` is `data.actor`). */
export type DomainPayload<T extends DossierEventType> = Omit<EventOf<T>, 'at' | 'by'>;

type AnyType = DossierEventType | keyof Schemas;
/** The event types whose domain event and wire schema differ (never, when they all agree). */
export type EventTypesUnlikeTheirSchema = {
  [T in AnyType]: T extends DossierEventType & keyof Schemas ? (Same<DomainPayload<T>, z.output<Schemas[T]>> extends true ? never : T) : T;
}[AnyType];

type MustBeNever<T extends never> = T;
export type EveryEventTypeMatchesItsSchema = MustBeNever<EventTypesUnlikeTheirSchema>;
