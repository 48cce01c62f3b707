import { HTTP_ACTIONS } from '@motcua/contracts';

export type HttpAction = (typeof HTTP_ACTIONS)[number];

export function isHttpAction(name: string): name is HttpAction {
  return (HTTP_ACTIONS as readonly string[]).includes(name);
}
