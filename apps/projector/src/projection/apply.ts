import { sql, type Kysely, type Transaction } from 'kysely';
import type { StoreSchema } from '@motcua/store';
import type { RowChange } from './projection';

type Db = Kysely<StoreSchema> | Transaction<StoreSchema>;

/**
 * Writes row changes to the read model. Each statement is idempotent on its own (inserts do
 * nothing on the same key; updates assign), so the order of a replay, or a replay twice, cannot
 * change the result.
 */
export async function applyChanges(db: Db, changes: readonly RowChange[]): Promise<void> {
  for (const c of changes) {
    switch (c.kind) {
      case 'insertDossier':
        await db.insertInto('rm_dossiers').values(c.row).onConflict((o) => o.column('code').doNothing()).execute();
        break;
      case 'updateDossier': {
        const { last_event_at, ...set } = c.set;
        await db
          .updateTable('rm_dossiers')
          .set({
            ...set,
            // evolve keeps the latest instant: an event recorded with an earlier one does not move it back.
            ...(last_event_at ? { last_event_at: sql<Date>`greatest(last_event_at, ${last_event_at})` } : {}),
          })
          .where('code', '=', c.code)
          .execute();
        break;
      }
      case 'insertStageMembers':
        if (c.rows.length) await db.insertInto('rm_stage_members').values(c.rows).onConflict((o) => o.columns(['code', 'member']).doNothing()).execute();
        break;
      case 'updateStageMember':
        await db.updateTable('rm_stage_members').set(c.set).where('code', '=', c.code).where('member', '=', c.member).execute();
        break;
      case 'insertAlert':
        await db.insertInto('rm_alerts').values(c.row).onConflict((o) => o.columns(['code', 'sequence']).doNothing()).execute();
        break;
      case 'insertApology':
        await db.insertInto('rm_apologies').values(c.row).onConflict((o) => o.columns(['code', 'sequence']).doNothing()).execute();
        break;
      case 'insertSupplementRequest':
        await db.insertInto('rm_supplement_requests').values(c.row).onConflict((o) => o.columns(['code', 'sequence']).doNothing()).execute();
        break;
      case 'insertAppointment':
        await db.insertInto('rm_appointments').values(c.row).onConflict((o) => o.columns(['code', 'sequence']).doNothing()).execute();
        break;
      case 'answerSupplementRequest':
        await db
          .updateTable('rm_supplement_requests')
          .set({ received_at: c.at })
          .where('code', '=', c.code)
          .where('kind', '=', c.requestKind)
          .where('received_at', 'is', null)
          .execute();
        break;
      case 'insertHandoff': {
        const { outcome, ...row } = c.row;
        await db
          .insertInto('rm_handoffs')
          .values({
            ...row,
            // Back to the one-stop unit: the dossier's outcome, which the result or the refusal before it set.
            outcome: row.to_member === null ? sql<string | null>`(select d.outcome from rm_dossiers d where d.code = ${row.code})` : outcome,
          })
          .onConflict((o) => o.columns(['code', 'sequence']).doNothing())
          .execute();
        break;
      }
      case 'updateOpenHandoffs':
        await db.updateTable('rm_handoffs').set(c.set).where('code', '=', c.code).where('to_member', '=', c.member).where('finished_at', 'is', null).execute();
        break;
      case 'upsertPostalLeg': {
        const { taken_at, ...set } = c.set;
        await db
          .insertInto('rm_postal_legs')
          .values({ code: c.code, leg: c.leg, order_ref: null, order_outcome: null, scope: null, taken_at: null, transit_due_at: null, ended_at: null, ...c.set })
          .onConflict((o) =>
            o.columns(['code', 'leg']).doUpdateSet({
              ...set,
              ...(taken_at === undefined ? {} : { taken_at: c.keepTaken ? sql<Date>`coalesce(rm_postal_legs.taken_at, ${taken_at})` : taken_at }),
            }),
          )
          .execute();
        break;
      }
      case 'endPostalLeg':
        await db.updateTable('rm_postal_legs').set({ ended_at: c.at }).where('code', '=', c.code).where('leg', '=', c.leg).where('ended_at', 'is', null).execute();
        break;
    }
  }
}
