import { toLocalIso } from '@motcua/calendar';
import { AGENCY_WORK_STATUSES, clockStopped, UNIT_WORK_STATUSES } from '@motcua/dossier';
import type { StoreSchema } from '@motcua/store';
import type { Kysely } from 'kysely';
import type { ListScope } from '../dossiers/dossier-list.query';
import { deadlineStateOf, groupBy } from '../read-model/deadline-state';

/** Who holds a dossier now: its receiving one-stop unit, or an agency with its part of the current stage. */
export interface Holder {
  readonly kind: 'UNIT' | 'AGENCY';
  readonly id: string;
}

/**
 * One line of the officers' workbench queue: a dossier as one holder holds it (a dossier held by
 * the two agencies of a parallel stage is a line for each). Instants are RFC 3339 in Vietnam time.
 */
export interface WorkbenchItem {
  /** `code@UNIT:<unit>` or `code@AGENCY:<agency>`: what a stream's `remove` names. */
  readonly key: string;
  readonly code: string;
  readonly procedure: { readonly code: string; readonly name: string | null };
  readonly status: string;
  readonly channel: string | null;
  readonly holder: Holder;
  readonly stage: number | null;
  /** The holder's deadline: the unit's is the appointment (the new one after an apology), an agency's its part's; none while a supplement is awaited or before acceptance. */
  readonly dueAt: string | null;
  /** The appointment the applicant holds (after an apology, its new one). */
  readonly appointment: string | null;
  readonly state: 'ON_TIME' | 'NEAR_DUE' | 'OVERDUE';
  /** When the holder received it: the agency's part started; for the unit, the submission (the post's handover). */
  readonly receivedAt: string | null;
  readonly lastEventAt: string;
}

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
    const stopped = clockStopped(d.status);
    const base = {
      code: d.code,
      procedure: { code: d.procedure_code, name: d.procedure_name },
      status: d.status,
      channel: d.channel,
      appointment: iso(d.final_appointment ?? d.appointment),
      lastEventAt: toLocalIso(d.last_event_at.getTime()),
    };
    if ((UNIT_WORK_STATUSES as readonly string[]).includes(d.status)) {
      const due = stopped ? null : (d.final_appointment ?? d.appointment);
      items.push({
        ...base,
        key: `${d.code}@UNIT:${d.unit}`,
        holder: { kind: 'UNIT', id: d.unit },
        stage: d.current_stage,
        dueAt: iso(due),
        state: due === null ? 'ON_TIME' : (stateOf('DOSSIER', due.getTime(), null) ?? 'ON_TIME'),
        receivedAt: iso(d.submitted_at ?? d.clock_started_at),
      });
    }
    if ((AGENCY_WORK_STATUSES as readonly string[]).includes(d.status)) {
      for (const m of membersOf.get(d.code) ?? []) {
        if (m.stage !== d.current_stage) continue;
        const due = stopped ? null : m.due_at;
        items.push({
          ...base,
          key: `${d.code}@AGENCY:${m.agency}`,
          holder: { kind: 'AGENCY', id: m.agency },
          stage: m.stage,
          dueAt: iso(due),
          state: due === null ? 'ON_TIME' : (stateOf('STAGE', due.getTime(), m.member) ?? 'ON_TIME'),
          receivedAt: iso(m.started_at),
        });
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
