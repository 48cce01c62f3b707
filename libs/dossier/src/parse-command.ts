import { parseInstant } from '@motcua/calendar';
import { ActionBodySchemas, ActorSchema, InternalCommandBodySchemas, isActionName, type InternalCommandName } from '@motcua/contracts';
import { z } from 'zod';
import type { DossierCommand } from './commands';
import { refusal, type Refusal } from './rules';

/**
 * A command as it arrives at any boundary — an update's argument, a scenario step, the API — is
 * `{by, at?, ...its own fields}` under a name. This is the one place it becomes a domain command:
 * checked against the contract's schema for that name, the actor checked, the instant read with
 * the strict parser (an instant without an offset is refused, never read in the machine's zone).
 * `at` absent means now (the workflow's clock).
 */
export function parseCommand(name: string, arg: unknown, now: () => number): DossierCommand | Refusal {
  const schema = isActionName(name) ? ActionBodySchemas[name] : isInternal(name) ? InternalCommandBodySchemas[name] : undefined;
  if (!schema) return malformed(`unknown command "${name}"`);
  if (!arg || typeof arg !== 'object' || Array.isArray(arg)) return malformed(`${name}: the command is not an object`);
  const { by, at, ...fields } = arg as { by?: unknown; at?: unknown };
  const actor = ActorSchema.safeParse(by);
  if (!actor.success) return malformed(`${name}: a command carries its actor (by): ${z.prettifyError(actor.error)}`);
  let instant: number;
  if (at === undefined) instant = now();
  else {
    if (typeof at !== 'string') return malformed(`${name}: at is an ISO-8601 instant with an offset`);
    try {
      instant = parseInstant(at);
    } catch (e) {
      return malformed(`${name}: ${(e as Error).message}`);
    }
  }
  const body = (schema as z.ZodType).safeParse(fields);
  if (!body.success) return malformed(`${name}: ${z.prettifyError(body.error)}`);
  return { ...(body.data as object), type: name, by: actor.data, at: instant } as DossierCommand;
}

function isInternal(name: string): name is InternalCommandName {
  return Object.prototype.hasOwnProperty.call(InternalCommandBodySchemas, name);
}

function malformed(message: string): Refusal {
  return refusal('COMMAND.MALFORMED', message);
}
