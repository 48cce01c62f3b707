import type { PostalEventClaim, PostalEvents } from '../postal-events';
import type { ApplicantContact, ApplicantContacts } from '../applicant-contacts';
import type { AuditEntry, AuditLog, AuditQuery, AuditRecord } from '../audit-log';
import type { DossierNote, DossierNotes } from '../dossier-notes';
import type { KeyClaim, RequestKeys } from '../request-keys';

/** In-memory twins of the SQL stores, for tests without a database; same answers as SqlRequestKeys. */
export class MemoryRequestKeys implements RequestKeys {
  readonly rows = new Map<string, { digest: string; code: string | null }>();

  async claim(scope: string, key: string, requestDigest: string): Promise<KeyClaim> {
    const id = `${scope}\u0000${key}`;
    if (!this.rows.has(id)) this.rows.set(id, { digest: requestDigest, code: null });
    const row = this.rows.get(id)!;
    return row.digest === requestDigest ? { outcome: 'proceed', dossierCode: row.code } : { outcome: 'reused' };
  }

  async bindDossier(scope: string, key: string, dossierCode: string): Promise<string> {
    const row = this.rows.get(`${scope}\u0000${key}`);
    if (!row) throw new Error(`no claim of key ${key}`);
    row.code ??= dossierCode;
    return row.code;
  }
}

export class MemoryDossierNotes implements DossierNotes {
  readonly notes: DossierNote[] = [];

  async keep(note: Omit<DossierNote, 'createdAt'>): Promise<void> {
    if (!this.notes.some((n) => n.id === note.id)) this.notes.push({ ...note, createdAt: new Date().toISOString() });
  }

  async discard(id: string): Promise<void> {
    const i = this.notes.findIndex((n) => n.id === id);
    if (i >= 0) this.notes.splice(i, 1);
  }

  async of(dossierCode: string): Promise<DossierNote[]> {
    return this.notes.filter((n) => n.dossierCode === dossierCode);
  }
}

export class MemoryAuditLog implements AuditLog {
  readonly records: AuditRecord[] = [];

  async append(entry: AuditEntry): Promise<void> {
    this.records.push({ ...entry, id: String(this.records.length + 1), at: new Date().toISOString() });
  }

  async find(q: AuditQuery): Promise<AuditRecord[]> {
    return this.records
      .filter((r) => (!q.from || r.at >= new Date(q.from).toISOString()) && (!q.to || r.at < new Date(q.to).toISOString()))
      .filter((r) => (!q.actorId || r.actorId === q.actorId) && (!q.target || r.target === q.target))
      .reverse()
      .slice(0, q.limit);
  }
}

export class MemoryApplicantContacts implements ApplicantContacts {
  readonly rows = new Map<string, ApplicantContact>();

  async keep(c: Omit<ApplicantContact, 'createdAt'>): Promise<void> {
    if (!this.rows.has(c.dossierCode)) this.rows.set(c.dossierCode, { addressArea: null, pickupArea: null, ...c, createdAt: new Date().toISOString() });
  }

  async of(dossierCode: string): Promise<ApplicantContact | null> {
    return this.rows.get(dossierCode) ?? null;
  }
}

export class MemoryPostalEvents implements PostalEvents {
  readonly rows = new Map<string, { digest: string; state: 'IN_FLIGHT' | 'DONE'; claimedAt: number; status?: number; answer?: string; code: string }>();

  async claim(eventId: string, bodyDigest: string, dossierCode: string, now: Date, leaseMs: number): Promise<PostalEventClaim> {
    const row = this.rows.get(eventId);
    if (!row) {
      this.rows.set(eventId, { digest: bodyDigest, state: 'IN_FLIGHT', claimedAt: now.getTime(), code: dossierCode });
      return { outcome: 'claimed' };
    }
    if (row.digest !== bodyDigest) return { outcome: 'conflict' };
    if (row.state === 'DONE') return { outcome: 'done', status: row.status!, answer: JSON.parse(row.answer!) };
    if (row.claimedAt + leaseMs >= now.getTime()) return { outcome: 'in-flight' };
    row.claimedAt = now.getTime();
    return { outcome: 'claimed' };
  }

  async complete(eventId: string, status: number, answer: unknown): Promise<void> {
    const row = this.rows.get(eventId);
    if (row) Object.assign(row, { state: 'DONE', status, answer: JSON.stringify(answer) });
  }

  async release(eventId: string): Promise<void> {
    if (this.rows.get(eventId)?.state === 'IN_FLIGHT') this.rows.delete(eventId);
  }
}
