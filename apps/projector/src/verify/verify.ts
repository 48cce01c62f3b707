import { sql, type Kysely } from 'kysely';
import { openStore, READ_MODEL_TABLES, type StoreSchema } from '@motcua/store';
import { foldBatch, type FoldMessage } from '../projection/fold';

export interface ReadModelVerdict {
  /** Rows in the live read model and not in the fold of the topic, or the other way round, over every table. */
  projectionMismatches: number;
  /** Per table: rows live, rows folded, rows that differ. */
  tables: Record<string, { live: number; folded: number; mismatched: number }>;
  /** The first few differing rows, for the report. */
  examples: { table: string; side: 'live only' | 'fold only'; row: string }[];
  /** Dossiers the live projector holds at a gap still (a missing event it waits for). */
  openGaps: number;
}

/** Until the live projector's stored position is the end of every partition (or the timeout). */
export async function projectorCaughtUp(db: Kysely<StoreSchema>, group: string, topic: string, ends: Map<number, bigint>, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const rows = await db.selectFrom('projector_offsets').select(['partition', 'next_offset']).where('group_id', '=', group).where('topic', '=', topic).execute();
    const at = new Map(rows.map((r) => [Number(r.partition), BigInt(r.next_offset)]));
    if ([...ends].every(([p, end]) => end === 0n || (at.get(p) ?? 0n) >= end)) return true;
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * Folds the whole topic, partition by partition in offset order, with the projector's own fold
 * (apps/projector/src/projection/fold.ts) into a fresh embedded store, and compares every
 * read-model table with the live one, row by row (values compared as text, so that the two
 * drivers' types do not matter).
 */
export async function verifyReadModel(live: Kysely<StoreSchema>, partitions: ReadonlyMap<number, readonly FoldMessage[]>, topic: string): Promise<ReadModelVerdict> {
  const fresh = await openStore({});
  try {
    for (const [partition, records] of partitions) {
      for (let i = 0; i < records.length; i += 500) {
        const messages = records.slice(i, i + 500).map((r) => ({ offset: r.offset, value: r.value }));
        await foldBatch(fresh.db, { group: 'motcua-verify', topic, partition, messages });
      }
    }
    const audit: ReadModelVerdict = { projectionMismatches: 0, tables: {}, examples: [], openGaps: 0 };
    for (const table of READ_MODEL_TABLES) {
      const a = await rowsOf(live, table);
      const b = await rowsOf(fresh.db, table);
      const onlyLive = minus(a, b);
      const onlyFold = minus(b, a);
      const mismatched = onlyLive.length + onlyFold.length;
      audit.tables[table] = { live: a.length, folded: b.length, mismatched };
      audit.projectionMismatches += mismatched;
      for (const row of onlyLive.slice(0, 3)) audit.examples.push({ table, side: 'live only', row });
      for (const row of onlyFold.slice(0, 3)) audit.examples.push({ table, side: 'fold only', row });
    }
    const gaps = await live.selectFrom('projector_gaps').select((eb) => eb.fn.countAll<string>().as('n')).where('resolved_at', 'is', null).executeTakeFirstOrThrow();
    audit.openGaps = Number(gaps.n);
    return audit;
  } finally {
    await fresh.close();
  }
}

async function rowsOf(db: Kysely<StoreSchema>, table: string): Promise<string[]> {
  const { rows } = await sql<Record<string, unknown>>`select * from ${sql.id(table)}`.execute(db);
  return rows.map((row) => JSON.stringify(Object.keys(row).sort().map((k) => [k, text(row[k])]))).sort();
}

function text(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** The rows of `a` not matched one for one in `b` (multisets). */
function minus(a: string[], b: string[]): string[] {
  const left = new Map<string, number>();
  for (const r of b) left.set(r, (left.get(r) ?? 0) + 1);
  const out: string[] = [];
  for (const r of a) {
    const n = left.get(r) ?? 0;
    if (n > 0) left.set(r, n - 1);
    else out.push(r);
  }
  return out;
}
