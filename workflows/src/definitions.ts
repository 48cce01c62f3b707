import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ActionFields, ActionName } from '@motcua/contracts';
import type { Actor, DossierView, RecordedEvent, Registration } from '@motcua/dossier';

/**
 * The dossier workflow's interface, shared by the worker, the API and the scenario runner: one
 * update per action (the scenario's `do`, the HTTP path), each answering with the dossier after it.
 */
export const TASK_QUEUE = 'dossiers';

/** Refusals leave a workflow as this failure type, details[0] = {rule, message}; the API maps it to 409 with the rule. */
export const RULE_VIOLATION = 'RuleViolation';
/** A command that does not parse (details[0] = {rule: COMMAND.MALFORMED, message}); the API maps it to 400. */
export const BAD_COMMAND = 'BadCommand';

/** What every command carries besides its own fields. `at` is set only by trusted callers: the
 * postal webhook (the signed handover instant) and the scenario runner (simulated time). */
export interface CommandMeta {
  by: Actor;
  at?: string;
}

export type UpdateArg<A extends string> = (A extends ActionName ? ActionFields<A> : Record<string, unknown>) & CommandMeta;

export const INTERNAL_COMMANDS = ['requestPickup', 'postalPickedUp', 'postalReturnedToSender'] as const;
export type InternalCommand = (typeof INTERNAL_COMMANDS)[number];
export type UpdateName = ActionName | InternalCommand;

/** The update definition for a command name: handlers and callers meet by name. */
export function commandUpdate<A extends UpdateName>(name: A) {
  return defineUpdate<DossierView, [UpdateArg<A>]>(name);
}

/**
 * The dossier as of an instant (default: now), with the alerts whose instant has come even if
 * their timer has not been processed yet: a query cannot wait for the timer, and a scenario run
 * reads the state at its last action's instant.
 */
export const stateQuery = defineQuery<DossierView, [{ asOf?: string }?]>('state');
export const eventsQuery = defineQuery<RecordedEvent[]>('events');

export interface DossierRegistration extends Registration {
  by: Actor;
  /** Simulation only: the registration instant; production uses the workflow clock. */
  at?: string;
}

export interface DossierWorkflowInput {
  registration: DossierRegistration;
  /**
   * Simulation only: domain time = workflow time + offset. The time-skipping test server's clock
   * starts today and only moves forward, so a scenario from 2026-02 runs at a negative offset.
   * Always 0 in production.
   */
  clockOffsetMs?: number;
  /** Upsert Temporal search attributes (off where the server has none registered). Default on. */
  visibility?: boolean;
  /**
   * How long a dossier whose result the applicant holds (RETURNED, DELIVERED) stays open for the
   * satisfaction rating (ONE-STOP.md §8), in ms; it closes at the rating or at the end of it. The
   * API gives it (RATING_WINDOW_DAYS); absent or 0: the dossier closes at once, as before.
   */
  ratingWindowMs?: number;
}

export const codeAllocateUpdate = defineUpdate<number, [{ key: string }]>('allocate');

export interface CodeAllocatorInput {
  unit: string;
  /** The local day (Vietnam time), YYYY-MM-DD. */
  day: string;
  /** Tests only: fewer codes than the 9999 a day allows. */
  capacity?: number;
  /** Set by the allocator itself when it continues as new: what the earlier run handed out. */
  carried?: { byKey: [string, number][]; last: number };
}
