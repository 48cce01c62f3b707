import type { Kysely } from 'kysely';
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
    // Insert-or-read in one statement each: concurrent first uses of a key agree on one row.
    await this.db
      .insertInto('request_keys')
      .values({ scope, key, request_digest: requestDigest })
      .onConflict((c) => c.columns(['scope', 'key']).doNothing())
      .execute();
    const row = await this.row(scope, key);
    if (row.request_digest !== requestDigest) return { outcome: 'reused' };
    return { outcome: 'proceed', dossierCode: row.dossier_code };
  }

  async bindDossier(scope: string, key: string, dossierCode: string): Promise<string> {
    await this.db
      .updateTable('request_keys')
      .set({ dossier_code: dossierCode })
      .where('scope', '=', scope)
      .where('key', '=', key)
      .where('dossier_code', 'is', null)
      .execute();
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
