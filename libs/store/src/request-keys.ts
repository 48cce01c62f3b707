import { sql, type Kysely } from 'kysely';
import type { StoreSchema } from './schema';

export type KeyClaim =
  /** First use, or a repeat of the same request: go on (with the dossier already registered, if any). */
  | { outcome: 'proceed'; dossierCode: string | null }
  /** The key was first used for another request. */
  | { outcome: 'reused' };

/**
 * Idempotency-Keys, kept durably per caller and for good (they do not expire with a day or a
 * process): the same key with the same request goes on to the same result; with another request it
 * is refused. What the request did is made idempotent downstream (Temporal update ids); this only
 * remembers which request a key belongs to.
 */
export interface RequestKeys {
  claim(scope: string, key: string, requestDigest: string): Promise<KeyClaim>;
  /** Records the dossier a key registered; the first binding wins and is returned. */
  bindDossier(scope: string, key: string, dossierCode: string): Promise<string>;
}

export class SqlRequestKeys implements RequestKeys {
  constructor(private readonly db: Kysely<StoreSchema>) {}

  async claim(scope: string, key: string, requestDigest: string): Promise<KeyClaim> {
    // Insert-or-read in one round trip (every keyed command passes here). A concurrent first use
    // of the same key committed after this statement's snapshot is invisible to its read: then
    // the row is read again, and the two agree on it.
    const { rows } = await sql<{ request_digest: string; dossier_code: string | null }>`
      with inserted as (
        insert into request_keys (scope, key, request_digest) values (${scope}, ${key}, ${requestDigest})
        on conflict (scope, key) do nothing
        returning request_digest, dossier_code
      )
      select request_digest, dossier_code from inserted
      union all
      select request_digest, dossier_code from request_keys where scope = ${scope} and key = ${key} and not exists (select 1 from inserted)
    `.execute(this.db);
    const row = rows[0] ?? (await this.row(scope, key));
    if (row.request_digest !== requestDigest) return { outcome: 'reused' };
    return { outcome: 'proceed', dossierCode: row.dossier_code };
  }

  async bindDossier(scope: string, key: string, dossierCode: string): Promise<string> {
    const bound = await this.db
      .updateTable('request_keys')
      .set({ dossier_code: dossierCode })
      .where('scope', '=', scope)
      .where('key', '=', key)
      .where('dossier_code', 'is', null)
      .returning('dossier_code')
      .executeTakeFirst();
    // Bound already (by an earlier attempt of the same request): that code stands.
    if (bound?.dossier_code) return bound.dossier_code;
    const row = await this.row(scope, key);
    return row.dossier_code ?? dossierCode;
  }

  private async row(scope: string, key: string) {
    return this.db
      .selectFrom('request_keys')
      .select(['request_digest', 'dossier_code'])
      .where('scope', '=', scope)
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
  }
}
