import * as fs from 'node:fs';
import * as path from 'node:path';
import { calendarFor, toLocalIso } from '@motcua/calendar';
import { parseScenarioAction, ScenarioSchema, type ActionName } from '@motcua/contracts';
import { Dossier } from './dossier';
import type { DossierCommand } from './commands';
import { isRefusal } from './rules';
import { dueAlerts } from './timers';
import { fold } from './evolve';
import { toView } from './view';
import { procedureVersion } from './versions';

/**
 * The public scenarios run through the domain class alone, with time advanced by hand: a fast
 * check of the rules. The same files also run through the real workflow on the time-skipping
 * server (apps/scenarios), which is the conformance suite.
 */
const DIR = path.resolve(__dirname, '../../../../shared/scenarios/public');
const files = fs.existsSync(DIR) ? fs.readdirSync(DIR).filter((f) => f.endsWith('.json')) : [];

describe('public scenarios through the Dossier class', () => {
  it('finds the public scenarios', () => expect(files.length).toBeGreaterThan(0));

  it.each(files)('%s', (file) => {
    const scenario = ScenarioSchema.parse(JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')));
    const calendar = calendarFor(scenario.calendar);
    const dossier = new Dossier(calendarFor);
    const by = { id: 'test', role: 'OFFICER', agency: null };
    const steps = scenario.actions.map(parseScenarioAction);
    const first = Date.parse((steps[0] as { at: string }).at);
    const registered = dossier.execute({
      type: 'register',
      at: first,
      by,
      code: 'SIM.TEST-260101-0001',
      unit: 'SIM.TEST',
      procedure: { ...scenario.procedure, version: procedureVersion(scenario.procedure) },
      ruleSet: 'ND118-2025',
      calendar: { id: calendar.id, version: calendar.version },
      applicantRef: null,
    });
    expect(isRefusal(registered)).toBe(false);
    const rejected: number[] = [];
    let last = first;
    steps.forEach((step, i) => {
      if (!step.ok) throw new Error(step.error);
      last = Date.parse(step.at);
      dossier.raiseDueAlerts(last - 1);
      if (step.action === 'observe') return;
      const command = { ...step.body, type: step.action as ActionName, at: last, by } as DossierCommand;
      const before = dossier.events.length;
      const result = dossier.execute(command);
      if (isRefusal(result)) {
        rejected.push(i);
        expect(dossier.events.length).toBe(before);
      }
    });
    const view = toView(fold(dueAlerts(dossier.state, last), dossier.state), last);
    const actual = {
      appointment: view.appointment,
      finalAppointment: view.finalAppointment,
      status: view.status,
      outcome: view.outcome,
      stages: view.stages.map((s) => ({ agency: s.agency, due: s.due, outcome: s.outcome })),
      alerts: sortAlerts(view.alerts),
      apologies: view.apologies,
      rejected,
    };
    const expected = scenario.expect as typeof actual;
    expect(normalise(actual)).toEqual(normalise({ ...expected, alerts: sortAlerts(expected.alerts) }));
  });
});

function sortAlerts<T extends { at: string; type: string; scope: string; agency?: string | null }>(alerts: T[]): T[] {
  return [...alerts]
    .map((a) => ({ ...a, agency: a.agency ?? null }))
    .sort((a, b) => (a.at + a.scope + a.type + a.agency).localeCompare(b.at + b.scope + b.type + b.agency));
}

/** Instants compared as instants, at second precision. */
function normalise(v: unknown): unknown {
  if (typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v)) return toLocalIso(Math.floor(Date.parse(v) / 1000) * 1000);
  if (Array.isArray(v)) return v.map(normalise);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalise(x)]));
  return v;
}
