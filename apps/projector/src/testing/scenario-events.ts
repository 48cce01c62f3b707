import * as fs from 'node:fs';
import * as path from 'node:path';
import { toLocalIso } from '@motcua/calendar';
import { ScenarioSchema, type Scenario } from '@motcua/contracts';
import { controlSheet, eventId, latestOrder, toView, type DossierState, type RecordedEvent } from '@motcua/dossier';
// Test-only: the domain's scenario harness is not in @motcua/dossier's public API (the API's and the
// scenario runner's specs reach it the same way); this file is loaded by specs only.
import { runThroughDomain } from '../../../../libs/dossier/src/testing/scenario-harness';
import type { StoreSchema } from '@motcua/store';
import { toCloudEvent } from '@motcua/wire';
import type { Kysely } from 'kysely';

/**
 * Test helpers: the recorded events of every scenario file (apps/scenarios/scenarios/**), from the
 * domain-only harness (no servers), each scenario under a dossier code of its own; and the read
 * model's and the domain's answers in one comparable shape.
 */
const ROOT = path.resolve(__dirname, '../../../scenarios/scenarios');

function scenarioFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? scenarioFiles(path.join(dir, d.name)) : d.name.endsWith('.json') ? [path.join(dir, d.name)] : []))
    .sort();
}

export interface ScenarioLog {
  id: string;
  code: string;
  events: RecordedEvent[];
  state: DossierState;
}

/** The harness gives every dossier the same code: each scenario gets its own here (index in the list). */
function withCode(r: RecordedEvent, code: string): RecordedEvent {
  const event = r.event.type === 'DossierRegistered' ? { ...r.event, code } : r.event;
  return { ...r, id: eventId(code, r.sequence), code, event };
}

export function scenarioLogs(): ScenarioLog[] {
  return scenarioFiles(ROOT).map((file, i) => {
    const scenario: Scenario = ScenarioSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
    const { dossier } = runThroughDomain(scenario);
    const code = `SIM.TEST-260101-${String(i + 1).padStart(4, '0')}`;
    return { id: scenario.id, code, events: dossier.events.map((r) => withCode(r, code)), state: dossier.state };
  });
}

/** The message value the worker would publish. */
export const messageOf = (r: RecordedEvent): string => JSON.stringify(toCloudEvent(r));

const iso = (d: Date | null) => (d === null ? null : toLocalIso(d.getTime()));

/** What the domain says of the dossier after its recorded events. */
export function domainAnswer(state: DossierState) {
  const v = toView(state, state.lastEventAt!);
  return {
    status: v.status,
    channel: v.channel,
    submittedAt: v.submittedAt,
    acceptedAt: v.acceptedAt,
    clockStartedAt: state.clock ? toLocalIso(state.clock.firstStartedAt) : null,
    appointment: v.appointment,
    finalAppointment: v.finalAppointment,
    finishedAt: v.finishedAt,
    outcome: v.outcome,
    processingMs: state.processingMs,
    stages: v.stages.map((s) => ({ stage: s.stage, agency: s.agency, startedAt: s.startedAt, due: s.due, finishedAt: s.finishedAt, outcome: s.outcome })),
    alerts: state.alerts.map((a) => ({ type: a.type, scope: a.scope, agency: a.agency, at: toLocalIso(a.at) })),
    apology: v.apology,
    supplementRequests: v.supplementRequests,
    lateSupplementRequests: v.lateSupplementRequests,
    postalLegs: (['PICKUP', 'RETURN'] as const).flatMap((leg) => {
      const o = latestOrder(state, leg);
      return o ? [{ leg, orderRef: o.orderRef, outcome: o.outcome, scope: o.scope, transitDueAt: o.transitDueAt === null ? null : toLocalIso(o.transitDueAt), ended: o.ended }] : [];
    }),
    sequence: state.sequence,
  };
}

/** The domain's control sheet (Form 05) of a log, as the rows rm_handoffs should hold. */
export function domainHandoffs(log: ScenarioLog) {
  return controlSheet(log.code, log.events.map((r) => r.event)).rows.map((r) => ({
    from: r.from.unit,
    to: r.to.unit,
    task: r.task,
    handedOverAt: r.handedOverAt,
    dueAt: r.dueAt,
    finishedAt: r.finishedAt,
    outcome: r.outcome,
  }));
}

/** The same, from rm_handoffs. */
export async function readModelHandoffs(db: Kysely<StoreSchema>, code: string) {
  const rows = await db.selectFrom('rm_handoffs').selectAll().where('code', '=', code).orderBy('sequence').execute();
  return rows.map((r) => ({ from: r.from_unit, to: r.to_unit, task: r.task, handedOverAt: iso(r.handed_over_at), dueAt: iso(r.due_at), finishedAt: iso(r.finished_at), outcome: r.outcome }));
}

/** The same, from the read model's rows. */
export async function readModelAnswer(db: Kysely<StoreSchema>, code: string) {
  const d = await db.selectFrom('rm_dossiers').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
  const stages = await db.selectFrom('rm_stage_members').selectAll().where('code', '=', code).orderBy('member').execute();
  const alerts = await db.selectFrom('rm_alerts').selectAll().where('code', '=', code).orderBy('sequence').execute();
  const apologies = await db.selectFrom('rm_apologies').selectAll().where('code', '=', code).orderBy('sequence', 'desc').execute();
  const supplements = await db.selectFrom('rm_supplement_requests').selectAll().where('code', '=', code).where('kind', '=', 'PROCESSING').execute();
  const legs = await db.selectFrom('rm_postal_legs').selectAll().where('code', '=', code).orderBy('leg').execute();
  const apology = apologies[0];
  return {
    status: d.status,
    channel: d.channel,
    submittedAt: iso(d.submitted_at),
    acceptedAt: iso(d.accepted_at),
    clockStartedAt: iso(d.clock_started_at),
    appointment: iso(d.appointment),
    finalAppointment: iso(d.final_appointment),
    finishedAt: iso(d.finished_at),
    outcome: d.outcome,
    processingMs: d.processing_ms === null ? null : Number(d.processing_ms),
    stages: stages.map((s) => ({ stage: s.stage, agency: s.agency, startedAt: iso(s.started_at), due: iso(s.due_at), finishedAt: iso(s.finished_at), outcome: s.outcome })),
    alerts: alerts.map((a) => ({ type: a.type, scope: a.scope, agency: a.agency, at: iso(a.at) })),
    // The domain keeps the latest apology (a dossier may be apologized for again).
    apology: apology ? { agency: apology.agency, at: iso(apology.at), newAppointment: iso(apology.new_appointment) } : null,
    supplementRequests: supplements.length,
    lateSupplementRequests: supplements.filter((s) => s.late).length,
    postalLegs: legs
      .filter((l) => l.order_ref !== null)
      .map((l) => ({
        leg: l.leg,
        orderRef: l.order_ref,
        outcome: l.order_outcome,
        scope: l.scope,
        transitDueAt: iso(l.transit_due_at),
        // The domain's `ended`: the post did its part, or the order was refused or cancelled.
        ended: l.ended_at !== null || l.order_outcome !== 'PLACED',
      })),
    sequence: d.last_sequence,
  };
}

/** Every read-model row, in key order (what "identical tables" compares; wall-clock columns left out). */
export async function dumpReadModel(db: Kysely<StoreSchema>) {
  return {
    dossiers: await db.selectFrom('rm_dossiers').selectAll().orderBy('code').execute(),
    members: await db.selectFrom('rm_stage_members').selectAll().orderBy('code').orderBy('member').execute(),
    alerts: await db.selectFrom('rm_alerts').selectAll().orderBy('code').orderBy('sequence').execute(),
    apologies: await db.selectFrom('rm_apologies').selectAll().orderBy('code').orderBy('sequence').execute(),
    supplements: await db.selectFrom('rm_supplement_requests').selectAll().orderBy('code').orderBy('sequence').execute(),
    appointments: await db.selectFrom('rm_appointments').selectAll().orderBy('code').orderBy('sequence').execute(),
    handoffs: await db.selectFrom('rm_handoffs').selectAll().orderBy('code').orderBy('sequence').execute(),
    postalLegs: await db.selectFrom('rm_postal_legs').selectAll().orderBy('code').orderBy('leg').execute(),
    archive: await db.selectFrom('event_archive').select(['id', 'code', 'sequence', 'type', 'time', 'cloud_event']).orderBy('id').execute(),
    gaps: await db.selectFrom('projector_gaps').select(['code', 'expected', 'got']).orderBy('code').orderBy('got').execute(),
  };
}
