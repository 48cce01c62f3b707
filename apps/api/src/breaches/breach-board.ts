import type { StoreSchema } from '@motcua/store';
import type { Kysely } from 'kysely';
import type { ListScope } from '../dossiers/dossier-list.query';
import { deadlineStateOf, groupBy } from '../read-model/deadline-state';

/**
 * One line of the breach board: a dossier (scope DOSSIER) or one agency's part of a stage (scope
 * STAGE) that is overdue, or near due (its NEAR_DUE alert fired and it is not overdue yet).
 * Instants are epoch ms; the page formats them in Asia/Ho_Chi_Minh.
 */
export interface BreachRow {
  /** `code` for the dossier itself, `code#member` for a stage member. */
  readonly key: string;
  readonly code: string;
  readonly scope: 'DOSSIER' | 'STAGE';
  readonly state: 'NEAR_DUE' | 'OVERDUE';
  readonly unit: string;
  readonly channel: string | null;
  readonly procedureCode: string;
  readonly procedureName: string | null;
  readonly stage: number | null;
  /** Who holds it now: the stage member's agency, or the current stage's unfinished members. */
  readonly agencies: readonly string[];
  /** The legal deadline (original, or restarted after a supplement): what II.06a counts. */
  readonly dueAt: number;
  /** The apology's new appointment, when one was given (dossier scope). */
  readonly newAppointment: number | null;
  /** MADE (by the apology deadline), MADE_LATE, MISSED (alert raised, none made), NONE. */
  readonly apology: 'MADE' | 'MADE_LATE' | 'MISSED' | 'NONE';
  /** Every agency of the route: what a ROUTE_AGENCY reader is matched against. */
  readonly route: readonly string[];
}

/** The dossiers whose legal clock runs: on the board when near due or overdue. */
const RUNNING = 'IN_PROCESSING';

/**
 * The board as it stands at `now`, from the projector's read model (rm_*): every scope's lines;
 * `visibleTo` narrows it to a reader. Three queries whatever the number of dossiers, and only the
 * running ones are read.
 */
export async function readBreachBoard(db: Kysely<StoreSchema>, now: number): Promise<BreachRow[]> {
  const dossiers = await db
    .selectFrom('rm_dossiers')
    .select(['code', 'unit', 'channel', 'procedure_code', 'procedure_name', 'current_stage', 'appointment', 'final_appointment'])
    .where('status', '=', RUNNING)
    .where('appointment', 'is not', null)
    .execute();
  if (dossiers.length === 0) return [];
  const codes = dossiers.map((d) => d.code);
  const [members, alerts, apologies] = await Promise.all([
    db.selectFrom('rm_stage_members').selectAll().where('code', 'in', codes).execute(),
    db.selectFrom('rm_alerts').select(['code', 'type', 'scope', 'member', 'due_at']).where('code', 'in', codes).execute(),
    db.selectFrom('rm_apologies').select(['code', 'by_deadline', 'new_appointment']).where('code', 'in', codes).execute(),
  ]);
  const membersOf = groupBy(members, (m) => m.code);
  const alertsOf = groupBy(alerts, (a) => a.code);
  const apologyOf = new Map(apologies.map((a) => [a.code, a]));
  const rows: BreachRow[] = [];
  for (const d of dossiers) {
    const own = membersOf.get(d.code) ?? [];
    const fired = alertsOf.get(d.code) ?? [];
    const route = [...new Set(own.map((m) => m.agency))].sort();
    const dueAt = d.appointment!.getTime();
    const stateOf = deadlineStateOf(fired, now);
    const base = { code: d.code, unit: d.unit, channel: d.channel, procedureCode: d.procedure_code, procedureName: d.procedure_name, route };

    const state = stateOf('DOSSIER', dueAt, null);
    if (state) {
      const apology = apologyOf.get(d.code);
      const missed = fired.some((a) => a.type === 'APOLOGY_MISSED' && a.scope === 'DOSSIER');
      rows.push({
        ...base,
        key: d.code,
        scope: 'DOSSIER',
        state,
        stage: d.current_stage,
        agencies: own.filter((m) => m.stage === d.current_stage && m.finished_at === null).map((m) => m.agency),
        dueAt,
        newAppointment: apology ? apology.new_appointment.getTime() : null,
        apology: apology ? (apology.by_deadline ? 'MADE' : 'MADE_LATE') : missed ? 'MISSED' : 'NONE',
      });
    }
    for (const m of own) {
      if (m.finished_at !== null || m.due_at === null || m.started_at === null) continue;
      const due = m.due_at.getTime();
      const memberState = stateOf('STAGE', due, m.member);
      if (!memberState) continue;
      rows.push({ ...base, key: `${d.code}#${m.member}`, scope: 'STAGE', state: memberState, stage: m.stage, agencies: [m.agency], dueAt: due, newAppointment: null, apology: 'NONE' });
    }
  }
  // The longest overdue first.
  return rows.sort((a, b) => a.dueAt - b.dueAt || a.key.localeCompare(b.key));
}

/** The lines `scope` may see: as the dossier list (its unit's dossiers, its agency's routes, or all). */
export function visibleTo(scope: ListScope, row: BreachRow): boolean {
  if (scope.kind === 'ALL') return true;
  if (scope.kind === 'RECEIVING_UNIT') return row.unit === scope.unit;
  return row.route.includes(scope.agency);
}
