import type { Kysely } from 'kysely';
import type { StoreSchema } from './schema';

export interface AuditEntry {
  requestId: string;
  actorId: string;
  role: string | null;
  agency: string | null;
  action: string;
  target: string | null;
  outcome: number;
  personalData: boolean;
}

export interface AuditRecord extends AuditEntry {
  id: string;
  at: string;
}

export interface AuditQuery {
  from?: string;
  to?: string;
  actorId?: string;
  target?: string;
  limit: number;
}

/**
 * The audit trail: every command and every read of personal data, who, in what role and agency,
 * what, when, with what outcome and request id. Append-only (the table refuses updates and
 * deletes itself); never a request body.
 */
export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  find(query: AuditQuery): Promise<AuditRecord[]>;
}

export class SqlAuditLog implements AuditLog {
  constructor(private readonly db: Kysely<StoreSchema>) {}

  async append(e: AuditEntry): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        request_id: e.requestId,
        actor_id: e.actorId,
        role: e.role,
        agency: e.agency,
        action: e.action,
        target: e.target,
        outcome: e.outcome,
        personal_data: e.personalData,
      })
      .execute();
  }

  async find(q: AuditQuery): Promise<AuditRecord[]> {
    let query = this.db.selectFrom('audit_log').selectAll();
    if (q.from) query = query.where('at', '>=', new Date(q.from));
    if (q.to) query = query.where('at', '<', new Date(q.to));
    if (q.actorId) query = query.where('actor_id', '=', q.actorId);
    if (q.target) query = query.where('target', '=', q.target);
    const rows = await query.orderBy('id', 'desc').limit(q.limit).execute();
    return rows.map((r) => ({
      id: String(r.id),
      at: new Date(r.at).toISOString(),
      requestId: r.request_id,
      actorId: r.actor_id,
      role: r.role,
      agency: r.agency,
      action: r.action,
      target: r.target,
      outcome: r.outcome,
      personalData: r.personal_data,
    }));
  }
}
