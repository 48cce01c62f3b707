import type { Kysely } from 'kysely';
import type { StoreSchema } from './schema';

export interface DossierNote {
  /** The reference the dossier's event carries (`noteRef`). */
  id: string;
  dossierCode: string;
  action: string;
  text: string;
  authorId: string;
  authorAgency: string | null;
  createdAt: string;
}

/**
 * Free text written with a command (the detail of a refusal, of a missing document, of an
 * apology): it may name people, so it stays here, out of workflows, events and Kafka, which carry
 * its id only. Reading it is for authorized users (the access-control issue scopes it).
 */
export interface DossierNotes {
  /** Idempotent by id: a retried command keeps one note. */
  keep(note: Omit<DossierNote, 'createdAt'>): Promise<void>;
  of(dossierCode: string): Promise<DossierNote[]>;
  /** Removes a note whose command the dossier refused: a refusal leaves nothing behind. */
  discard(id: string): Promise<void>;
}

export class SqlDossierNotes implements DossierNotes {
  constructor(private readonly db: Kysely<StoreSchema>) {}

  async keep(note: Omit<DossierNote, 'createdAt'>): Promise<void> {
    await this.db
      .insertInto('dossier_notes')
      .values({
        id: note.id,
        dossier_code: note.dossierCode,
        action: note.action,
        text: note.text,
        author_id: note.authorId,
        author_agency: note.authorAgency,
      })
      .onConflict((c) => c.column('id').doNothing())
      .execute();
  }

  async discard(id: string): Promise<void> {
    await this.db.deleteFrom('dossier_notes').where('id', '=', id).execute();
  }

  async of(dossierCode: string): Promise<DossierNote[]> {
    const rows = await this.db
      .selectFrom('dossier_notes')
      .selectAll()
      .where('dossier_code', '=', dossierCode)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      dossierCode: r.dossier_code,
      action: r.action,
      text: r.text,
      authorId: r.author_id,
      authorAgency: r.author_agency,
      createdAt: new Date(r.created_at).toISOString(),
    }));
  }
}
