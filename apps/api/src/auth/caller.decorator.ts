import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from './principal';

/**
 * The authenticated caller of this request (set by `authenticate`). Only on paths that need a
 * token, so it is always there; its absence would be our bug.
 */
export const Caller = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<{ principal?: Principal }>().principal;
  if (!principal) throw new Error('no authenticated caller on a path that needs one');
  return principal;
});

/** The request's id (X-Request-Id), for the audit trail. */
export const RequestId = createParamDecorator((_: unknown, ctx: ExecutionContext): string => ctx.switchToHttp().getRequest<{ requestId?: string }>().requestId ?? 'none');
