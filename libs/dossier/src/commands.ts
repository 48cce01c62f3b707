import type { ActionFields, ActionName } from '@motcua/contracts';
import type { Actor } from './actor';
import type { Registration } from './events';

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
  | (Given & { type: 'postalReturnedToSender' });

export type CommandType = DossierCommand['type'];
