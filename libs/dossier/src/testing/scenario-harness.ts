/**
 * Test helper: runs a scenario (../../../../shared/scenarios/README.md) through the pure domain —
 * the Dossier class with time advanced by hand — and reports what the scenario runner would print,
 * plus the README's authoring constraints that the run broke. No Jest and no Node built-ins here
 * (this folder is under the pure lib's lint rules): the specs read the files and assert.
 */
import { calendarFor, parseInstant, toLocalIso } from '@motcua/calendar';
import { comparable, parseScenarioAction, type Scenario, type ScenarioActual } from '@motcua/contracts';
import { requiredActor } from '../authorization';
import type { DossierCommand } from '../commands';
import { Dossier } from '../dossier';
import { fold } from '../evolve';
import { parseCommand } from '../parse-command';
import { checkProcedure } from '../procedure-check';
import { isRefusal } from '../rules';
import { armedTimers, dueAlerts } from '../timers';
import { procedureVersion, ruleSetAt } from '../versions';
import { toView } from '../view';

export interface DomainRun {
  actual: ScenarioActual;
  /** The README's constraints on a scenario that this one breaks (empty when it keeps them all). */
  violations: string[];
  dossier: Dossier;
}

/** The simulated unit; every action is given by the actor the authorization table asks for (as the runner does). */
const UNIT = 'SIM.TEST';
const ACTOR_ID = 'test';

export function runThroughDomain(scenario: Scenario): DomainRun {
  const calendar = calendarFor(scenario.calendar);
  const violations = checkProcedure(scenario.procedure, calendar).map((p) => `critical path: ${p}`);
  const dossier = new Dossier(calendarFor);
  const steps = scenario.actions.map((raw, i) => {
    const step = parseScenarioAction(raw);
    if (!step.ok) throw new Error(`action ${i}: ${step.error}`);
    return step;
  });
  const first = parseInstant(steps[0].at);
  const registration: DossierCommand = {
    type: 'register',
    at: first,
    by: requiredActor(ACTOR_ID, { type: 'register' }, UNIT),
    code: `${UNIT}-260101-0001`,
    unit: UNIT,
    procedure: { ...scenario.procedure, version: procedureVersion(scenario.procedure) },
    ruleSet: ruleSetAt(first),
    calendar: { id: calendar.id, version: calendar.version },
    applicantRef: null,
  };
  // check before execute, as the workflow's validator does (execute does not authorize).
  const notRegistered = dossier.check(registration);
  if (notRegistered) throw new Error(`register refused: ${notRegistered.message}`);
  const registered = dossier.execute(registration);
  if (isRefusal(registered)) throw new Error(`register refused: ${registered.message}`);

  const rejected: number[] = [];
  let last = first;
  steps.forEach((step, i) => {
    const now = parseInstant(step.at);
    if (now < last) violations.push(`action ${i} is earlier than action ${i - 1}`);
    last = now;
    for (const t of armedTimers(dossier.state)) {
      if (t.at === now) violations.push(`action ${i} falls exactly on the ${t.scope} ${t.type} timer at ${toLocalIso(now)}`);
    }
    dossier.raiseDueAlerts(now - 1);
    if (step.action === 'observe') return;
    const by = requiredActor(ACTOR_ID, { ...step.body, type: step.action }, UNIT);
    const command = parseCommand(step.action, { ...step.body, at: step.at, by }, () => now);
    if (isRefusal(command)) throw new Error(`action ${i}: ${command.message}`);
    const before = dossier.events.length;
    const state = dossier.state;
    // check, then execute: the workflow's validator, then its handler.
    const result = dossier.check(command) ?? dossier.execute(command);
    if (isRefusal(result)) {
      rejected.push(i);
      if (dossier.events.length !== before || dossier.state !== state) throw new Error(`refused action ${i} changed the dossier`);
      return;
    }
    for (const t of armedTimers(dossier.state)) {
      if (t.at < now) violations.push(`action ${i} arms a ${t.scope} ${t.type} timer already in the past (${toLocalIso(t.at)})`);
    }
  });
  const view = toView(fold(dueAlerts(dossier.state, last), dossier.state), last);
  const actual: ScenarioActual = {
    appointment: view.appointment,
    finalAppointment: view.finalAppointment,
    status: view.status,
    outcome: view.outcome,
    stages: view.stages.map((s) => ({ agency: s.agency, due: s.due, outcome: s.outcome })),
    alerts: view.alerts,
    apologies: view.apologies,
    rejected,
  };
  return { actual, violations, dossier };
}

export { comparable };
