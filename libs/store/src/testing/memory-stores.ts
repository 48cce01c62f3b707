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
