import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { calendarFor, parseInstant } from '@motcua/calendar';
import { parseScenarioAction, type ActionName, type Scenario, type ScenarioActual } from '@motcua/contracts';
import { authorize, checkProcedure, EMPTY_DOSSIER, formatDossierCode, procedureVersion, requiredActor, ruleSetAt, type DossierView } from '@motcua/dossier';
import { commandUpdate, dossierWorkflow, RULE_VIOLATION, stateQuery, type DossierWorkflowInput } from '@motcua/workflows';

/** What a run needs from a (time-skipping) Temporal environment. */
export interface SimulationClock {
  currentTimeMs(): Promise<number>;
  sleep(ms: number): Promise<void>;
}

export type ScenarioLine = { id: string; actual: ScenarioActual } | { id: string; error: string };

/**
 * The reserved simulation unit of a scenario: `SIM.` and a digest of its id, so a re-run gets the
 * same dossier code and event ids, and no real unit's code can collide with it.
 */
export function simulationUnit(scenarioId: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < scenarioId.length; i++) h = Math.imul(h ^ scenarioId.charCodeAt(i), 0x01000193) >>> 0;
  return `SIM.${h.toString(36).toUpperCase().padStart(7, '0')}`;
}

/**
 * Each action is given by the actor the authorization table asks for (a one-stop officer of the
 * simulated unit, an officer or the head of the agency the action names, the post, the portal for
 * an ONLINE submission), so a scenario passes the workflow's validators as a real dossier must.
 */
function actorFor(scenarioId: string, action: ActionName, body: Record<string, unknown>, unit: string) {
  return requiredActor(`scenario:${scenarioId}`, { ...body, type: action }, unit);
}

/**
 * Runs one scenario through the real dossier workflow. Time is the test server's, shifted by a
 * fixed offset so that the scenario's first instant is "now"; each action waits (skipping time)
 * until its own instant, so the SLA timers in between fire exactly as they would in production.
 */
export async function runScenario(
  client: Client,
  clock: SimulationClock,
  taskQueue: string,
  scenario: Scenario,
  onFinished?: (workflowId: string) => Promise<void>,
): Promise<ScenarioLine> {
  const { id, procedure } = scenario;
  const actions = scenario.actions.map(parseScenarioAction);
  const bad = actions.findIndex((a) => !a.ok);
  if (bad >= 0) return { id, error: `action ${bad}: ${(actions[bad] as { error: string }).error}` };
  let calendar;
  try {
    calendar = calendarFor(scenario.calendar);
  } catch (e) {
    return { id, error: (e as Error).message };
  }
  const problems = checkProcedure(procedure, calendar);
  if (problems.length) return { id, error: problems.join('; ') };

  const steps = actions as Exclude<(typeof actions)[number], { ok: false }>[];
  const times = steps.map((s) => parseInstant(s.at));
  if (times.some((t, i) => i > 0 && t < times[i - 1])) return { id, error: 'actions are not in time order' };

  const unit = simulationUnit(id);
  const code = formatDossierCode(unit, calendar.localDate(times[0]), 1);
  const offset = times[0] - (await clock.currentTimeMs());
  const registration: DossierWorkflowInput['registration'] = {
    code,
    unit,
    procedure: { ...procedure, version: procedureVersion(procedure) },
    ruleSet: ruleSetAt(times[0]),
    calendar: { id: calendar.id, version: calendar.version },
    applicantRef: null,
    by: requiredActor(`scenario:${id}`, { type: 'register' }, unit),
    at: steps[0].at,
  };
  // The registration is the workflow's input, which no validator sees (and the workflow does not
  // authorize it: a replay must register as it happened): authorized here, before the start.
  const forbidden = authorize(registration.by, { ...registration, type: 'register', at: times[0] }, EMPTY_DOSSIER);
  if (forbidden) return { id, error: `register refused: ${forbidden.rule}: ${forbidden.message}` };
  const input: DossierWorkflowInput = {
    registration,
    clockOffsetMs: offset,
    visibility: false, // the time-skipping server has no registered search attributes
    // As the API's default: a scenario may rate the service once the result is returned.
    ratingWindowMs: 30 * 86_400_000,
  };
  // The same scenario twice in one run (its code is derived from its id) replaces the first.
  const handle = await client.workflow.start(dossierWorkflow, {
    workflowId: code,
    taskQueue,
    args: [input],
    workflowIdConflictPolicy: 'TERMINATE_EXISTING',
  });

  const rejected: number[] = [];
  for (const [i, step] of steps.entries()) {
    const ahead = times[i] - ((await clock.currentTimeMs()) + offset);
    if (ahead > 0) await clock.sleep(ahead);
    if (step.action === 'observe') continue;
    try {
      await withinSeconds(
        UPDATE_TIMEOUT_S,
        `action ${i} (${step.action})`,
        handle.executeUpdate(commandUpdate(step.action), {
          args: [{ ...step.body, at: step.at, by: actorFor(id, step.action, step.body, unit) }] as never,
        }),
      );
    } catch (e) {
      if (isRefusal(e) || (await isClosed(handle))) rejected.push(i);
      else throw e;
    }
  }
  const view = await handle.query(stateQuery, { asOf: steps[steps.length - 1].at });
  await onFinished?.(code);
  return { id, actual: { ...actualOf(view), rejected } };
}

/** A workflow task that keeps failing leaves an update waiting forever: give up on the scenario. */
const UPDATE_TIMEOUT_S = 60;

async function withinSeconds<T>(seconds: number, what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} got no answer in ${seconds} s (see the worker's log)`)), seconds * 1000);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function isRefusal(e: unknown): boolean {
  return e instanceof WorkflowUpdateFailedError && e.cause instanceof ApplicationFailure && e.cause.type === RULE_VIOLATION;
}

async function isClosed(handle: { describe(): Promise<{ status: { name: string } }> }): Promise<boolean> {
  return (await handle.describe()).status.name !== 'RUNNING';
}

export function actualOf(v: DossierView): Omit<ScenarioActual, 'rejected'> {
  return {
    appointment: v.appointment,
    finalAppointment: v.finalAppointment,
    status: v.status,
    outcome: v.outcome,
    stages: v.stages.map((s) => ({ agency: s.agency, due: s.due, outcome: s.outcome })),
    alerts: v.alerts.map((a) => ({ type: a.type, scope: a.scope, agency: a.agency, at: a.at })),
    apologies: v.apologies,
  };
}

