import { Controller, Get, Inject, Query } from '@nestjs/common';
import { InstantSchema } from '@motcua/contracts';
import type { AuditLog, AuditRecord } from '@motcua/store';
import { z } from 'zod';
import { Caller } from '../auth/caller.decorator';
import type { Principal } from '../auth/principal';
import { ApiError } from '../errors/api-error';
import { parseOr400 } from '../errors/parse-body';
import { AUDIT_LOG } from '../store/store.tokens';

const AuditQuerySchema = z
  .object({
    from: InstantSchema.optional(),
    to: InstantSchema.optional(),
    actor: z.string().min(1).max(128).optional(),
    target: z.string().min(1).max(80).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

/** The audit trail, for auditors only (CONTRACTS.md "Identity and access"); newest first. */
@Controller('api/v1/audit')
export class AuditController {
  constructor(@Inject(AUDIT_LOG) private readonly audit: AuditLog) {}

  @Get()
  find(@Query() query: unknown, @Caller() caller: Principal): Promise<AuditRecord[]> {
    if (!caller.roles.includes('AUDITOR')) throw new ApiError(403, 'FORBIDDEN', 'ACCESS.AUDITORS_ONLY', 'the audit log is for auditors');
    const q = parseOr400(AuditQuerySchema, query ?? {}, 'query');
    return this.audit.find({ from: q.from, to: q.to, actorId: q.actor, target: q.target, limit: q.limit });
  }
}
