import { toLocalIso } from '@motcua/calendar';
import { AGENCY_WORK_STATUSES, clockStopped, UNIT_WORK_STATUSES } from '@motcua/dossier';
import type { StoreSchema } from '@motcua/store';
import type { Kysely } from 'kysely';
import type { ListScope } from '../dossiers/dossier-list.query';
import { deadlineStateOf, groupBy } from '../read-model/deadline-state';
import type { WorkbenchItem } from './workbench-schemas';

/** What a queue request narrows the read to, beside the reader's scope. */
export interface QueueNarrowing {
  readonly status?: string;
  readonly procedure?: string;
  /** Upper-cased, of the dossier code's alphabet (checked before it gets here). */
  readonly q?: string;
}

/**
 * The queue as it stands at `now`, from the projector's read model: every holder's lines for
 * `scope` (ALL: every unit's and every agency's), nearest deadline first, none last, then by code.
 * Three queries whatever the number of dossiers; only dossiers someone holds are read.
 */
export async function readWorkbenchQueue(db: Kysely<StoreSchema>, now: number, scope: ListScope, narrowing: QueueNarrowing = {}): Promise<WorkbenchItem[]> {
  const statuses: readonly string[] =
    scope.kind === 'RECEIVING_UNIT' ? UNIT_WORK_STATUSES : scope.kind === 'ROUTE_AGENCY' ? AGENCY_WORK_STATUSES : [...new Set([...UNIT_WORK_STATUSES, ...AGENCY_WORK_STATUSES])];
  const wanted = narrowing.status === undefined ? statuses : statuses.filter((s) => s === narrowing.status);
  if (wanted.length === 0) return [];
  let query = db
    .selectFrom('rm_dossiers')
    .select(['code', 'unit', 'status', 'channel', 'procedure_code', 'procedure_name', 'current_stage', 'submitted_at', 'clock_started_at', 'appointment', 'final_appointment', 'last_event_at'])
    .where('status', 'in', wanted);
  if (scope.kind === 'RECEIVING_UNIT') query = query.where('unit', '=', scope.unit);
  if (scope.kind === 'ROUTE_AGENCY') {
    const agency = scope.agency;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('rm_stage_members as m')
          .select('m.code')
          .whereRef('m.code', '=', 'rm_dossiers.code')
          .whereRef('m.stage', '=', 'rm_dossiers.current_stage')
          .where('m.agency', '=', agency)
          .where('m.started_at', 'is not', null)
          .where('m.finished_at', 'is', null),
      ),
    );
  }
  if (narrowing.procedure !== undefined) query = query.where('procedure_code', '=', narrowing.procedure);
  // The alphabet of q has no LIKE wildcard (% _) nor escape: a plain "contains".
  if (narrowing.q !== undefined) query = query.where('code', 'like', `%${narrowing.q}%`);
  const dossiers = await query.execute();
  if (dossiers.length === 0) return [];

  const codes = dossiers.map((d) => d.code);
  const [members, alerts] = await Promise.all([
    db.selectFrom('rm_stage_members').selectAll().where('code', 'in', codes).where('started_at', 'is not', null).where('finished_at', 'is', null).execute(),
    db.selectFrom('rm_alerts').select(['code', 'type', 'scope', 'member', 'due_at']).where('code', 'in', codes).execute(),
  ]);
  const membersOf = groupBy(members, (m) => m.code);
  const alertsOf = groupBy(alerts, (a) => a.code);
  const iso = (d: Date | null) => (d === null ? null : toLocalIso(d.getTime()));
  const items: WorkbenchItem[] = [];
  for (const d of dossiers) {
    const stateOf = deadlineStateOf(alertsOf.get(d.code) ?? [], now);
    const base = {
      code: d.code,
      procedure: { code: d.procedure_code, name: d.procedure_name },
      status: d.status,
      channel: d.channel,
      appointment: iso(d.final_appointment ?? d.appointment),
      lastEventAt: toLocalIso(d.last_event_at.getTime()),
    };
    // One holder's line: its deadline (none while the clocks stand still) and where that stands.
    const line = (holder: WorkbenchItem['holder'], stage: number | null, due: Date | null, alertScope: 'DOSSIER' | 'STAGE', member: number | null, receivedAt: Date | null): WorkbenchItem => {
      const dueAt = clockStopped(d.status) ? null : due;
      return {
        ...base,
        key: `${d.code}@${holder.kind}:${holder.id}`,
        holder,
        stage,
        dueAt: iso(dueAt),
        state: dueAt === null ? 'ON_TIME' : (stateOf(alertScope, dueAt.getTime(), member) ?? 'ON_TIME'),
        receivedAt: iso(receivedAt),
      };
    };
    if ((UNIT_WORK_STATUSES as readonly string[]).includes(d.status)) {
      items.push(line({ kind: 'UNIT', id: d.unit }, d.current_stage, d.final_appointment ?? d.appointment, 'DOSSIER', null, d.submitted_at ?? d.clock_started_at));
    }
    if ((AGENCY_WORK_STATUSES as readonly string[]).includes(d.status)) {
      for (const m of membersOf.get(d.code) ?? []) {
        if (m.stage === d.current_stage) items.push(line({ kind: 'AGENCY', id: m.agency }, m.stage, m.due_at, 'STAGE', m.member, m.started_at));
      }
    }
  }
  return items.filter((i) => holdsFor(scope, i)).sort(byDeadline);
}

/** The lines `scope` works on: its unit's, its agency's, or (operations, auditors) every holder's. */
export function holdsFor(scope: ListScope, item: WorkbenchItem): boolean {
  if (scope.kind === 'ALL') return true;
  if (scope.kind === 'RECEIVING_UNIT') return item.holder.kind === 'UNIT' && item.holder.id === scope.unit;
  return item.holder.kind === 'AGENCY' && item.holder.id === scope.agency;
}

/** Nearest deadline first, none last, then by code and holder. */
export function byDeadline(a: WorkbenchItem, b: WorkbenchItem): number {
  const due = (i: WorkbenchItem) => (i.dueAt === null ? Number.POSITIVE_INFINITY : Date.parse(i.dueAt));
  return due(a) - due(b) || a.code.localeCompare(b.code) || a.key.localeCompare(b.key);
}
