import type { HttpAction } from './http-actions';
import type { Actor, DossierView, RecordedEvent } from '@motcua/dossier';
import type { DossierRegistration } from '../temporal/dossier-workflow';
import type { DossierListFilter, ListScope } from './dossier-list.query';
import type { DossierListItem } from '@motcua/contracts';

/** The first command of a new dossier: submitted at the counter / online, or a postal pickup. */
export type OpeningCommand =
  | { name: 'submit'; arg: { channel: 'COUNTER' | 'ONLINE'; by: Actor } }
  | { name: 'requestPickup'; arg: { by: Actor } };

/**
 * What the postal partner reports (the webhook), by the workflow's update names: not officers'
 * actions, so not HTTP paths of their own.
 */
export type PostalCommand = 'postalPickedUp' | 'postalHandover' | 'postalDeliveryFailed' | 'postalDelivered' | 'postalReturnedToSender';

/**
 * Where dossiers live: the Temporal workflows (TemporalDossierGateway), or an in-memory stand-in
 * in tests. Refusals and unknown dossiers surface as the workflow client's own errors
 * (WorkflowUpdateFailedError with a RuleViolation ApplicationFailure, WorkflowNotFoundError); the
 * exception filter maps them. A closed dossier surfaces as ApiError LIFECYCLE.DOSSIER_CLOSED.
 */
export interface DossierGateway {
  /** The next sequence number of `unit`'s codes on `day` (YYYY-MM-DD, Vietnam); the same key, the same number. */
  allocateSequence(unit: string, day: string, key: string): Promise<number>;
  /** Registers the dossier and gives it its first command, atomically; idempotent by `requestId`. */
  open(registration: DossierRegistration, first: OpeningCommand, requestId: string): Promise<DossierView>;
  /**
   * One officer action, or a postal report; `requestId` (the Idempotency-Key, the postal eventId)
   * makes a retry return the first answer.
   */
  execute(code: string, action: HttpAction | PostalCommand, arg: Record<string, unknown> & { by: Actor }, requestId?: string): Promise<DossierView>;
  read(code: string): Promise<{ view: DossierView; events: RecordedEvent[] }>;
  /** The dossiers matching `filter` within what the caller may see. */
  list(filter: DossierListFilter, scope: ListScope): Promise<DossierListItem[]>;
}

/** Injection token (explicit: the runtime emits no decorator metadata). */
export const DossierGateway = Symbol('DossierGateway');
