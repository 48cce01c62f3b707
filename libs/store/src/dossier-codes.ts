import { sql, type Kysely } from 'kysely';
import type { StoreSchema } from './schema';

export type CodeAllocation =
  | { outcome: 'allocated'; sequence: number }
  /** The unit-day has handed out all its numbers. */
  | { outcome: 'exhausted' }
  /** The unit-day has no counter yet: seed it (with what an older allocator gave) and ask again. */
  | { outcome: 'unseeded' };

/**
 * The sequence numbers of dossier codes (`<unit>-<YYMMDD>-<NNNN>`), per unit and day. Each number is
 * one statement on the unit-day's counter row: PostgreSQL locks that row for the instant of the
 * increment, so registrations of a unit run side by side everywhere else (the workflow before this
 * ran them one after another), and any number of API instances on one database agree. The number
 * is kept with the request's key in the same statement, so a retried request reads its own number
 * back and a request that failed took none. Numbers are unique and increasing, not gap-free (the
 * rule asks for neither more nor less: docs/rules.md §4).
 */
export interface DossierCodes {
  allocate(unit: string, day: string, requestKey: string, capacity: number): Promise<CodeAllocation>;
  /** Starts the unit-day's counter after `last` unless it has started already (then: nothing). */
  seed(unit: string, day: string, last: number): Promise<void>;
}

/** PostgreSQL's unique_violation. */
const UNIQUE_VIOLATION = '23505';

export class SqlDossierCodes implements DossierCodes {
  constructor(private readonly db: Kysely<StoreSchema>) {}

  async allocate(unit: string, day: string, requestKey: string, capacity: number): Promise<CodeAllocation> {
    // Two attempts of the same request at once both find no number and both bump: the second's
    // insert meets the first's row and its whole statement (its bump too) rolls back. Once more,
    // it reads the first's number.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(unit, day, requestKey, capacity);
      } catch (e) {
        if (attempt >= 3 || (e as { code?: unknown }).code !== UNIQUE_VIOLATION) throw e;
      }
    }
  }

  private async once(unit: string, day: string, requestKey: string, capacity: number): Promise<CodeAllocation> {
    // The counter row as it stood when the statement began tells "exhausted" from "no counter";
    // the update itself re-reads the row it waited for, so `< capacity` holds on the latest value.
    const { rows } = await sql<{ source: 'given' | 'new' | 'counter'; sequence: number }>`
      with given as (
        select sequence from dossier_code_allocations where unit = ${unit} and day = ${day} and request_key = ${requestKey}
      ), bumped as (
        update dossier_code_counters set last_sequence = last_sequence + 1
        where unit = ${unit} and day = ${day} and last_sequence < ${capacity} and not exists (select 1 from given)
        returning last_sequence
      ), kept as (
        insert into dossier_code_allocations (unit, day, request_key, sequence)
        select ${unit}, ${day}, ${requestKey}, last_sequence from bumped
        returning sequence
      )
      select 'given' as source, sequence from given
      union all select 'new', sequence from kept
      union all select 'counter', last_sequence from dossier_code_counters where unit = ${unit} and day = ${day}
    `.execute(this.db);
    const number = rows.find((r) => r.source !== 'counter');
    if (number) return { outcome: 'allocated', sequence: Number(number.sequence) };
    return rows.length > 0 ? { outcome: 'exhausted' } : { outcome: 'unseeded' };
  }

  async seed(unit: string, day: string, last: number): Promise<void> {
    await this.db
      .insertInto('dossier_code_counters')
      .values({ unit, day, last_sequence: last })
      .onConflict((c) => c.columns(['unit', 'day']).doNothing())
      .execute();
  }
}
