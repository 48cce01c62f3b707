import type { ActionFields, ActionName } from '@motcua/contracts';
import type { Actor } from './actor';
import type { EventOf, Registration } from './events';

interface Given {
  /** Domain time of the command, epoch ms (the workflow's clock, or a partner's signed instant). */
  readonly at: number;
  readonly by: Actor;
}

/** The scenario actions / HTTP actions, each with its own fields. */
export type ActionCommand = { [A in ActionName]: Given & { type: A } & ActionFields<A> }[ActionName];

export type DossierCommand =
  | ActionCommand
  | (Given & { type: 'register' } & Registration)
  | (Given & { type: 'requestPickup' })
  | (Given & { type: 'postalPickedUp'; waybill: string })
  | (Given & { type: 'postalReturnedToSender' })
  | EngineCommand;

type Answer<T extends 'PostalOrderPlaced' | 'PostalOrderRefused' | 'PostalOrderCancelled'> = Omit<EventOf<T>, 'type' | 'at' | 'by' | 'transitDueAt'>;

/**
 * What the engine records of its own effects (the postal operator's answers to its orders): given
 * by the workflow's effect loop with the SYSTEM actor, never through an update.
 */
export type EngineCommand =
  | (Given & { type: 'postalOrderPlaced' } & Answer<'PostalOrderPlaced'>)
  | (Given & { type: 'postalOrderRefused' } & Answer<'PostalOrderRefused'>)
  | (Given & { type: 'postalOrderCancelled' } & Answer<'PostalOrderCancelled'>);

export type CommandType = DossierCommand['type'];
