import { z } from 'zod';
import { ProcedureSchema } from './procedure';

/**
 * A scenario file (docs/scenarios.md): one dossier's trip as data. Actions are checked
 * one by one (parseScenarioAction) so a malformed one is reported by index; `expect` is the
 * author's, never read by the runner except in --check mode.
 */
export const ScenarioSchema = z.object({
  id: z.string().min(1).max(200),
  description: z.string().optional(),
  calendar: z.string().default('VN-GOV'),
  procedure: ProcedureSchema,
  actions: z.array(z.unknown()).min(1),
  expect: z.unknown().optional(),
});
export type Scenario = z.infer<typeof ScenarioSchema>;

/** What the runner prints for a scenario: the fields of `expect`, as the system computed them. */
export interface ScenarioActual {
  appointment: string | null;
  finalAppointment: string | null;
  status: string;
  outcome: string | null;
  stages: { agency: string; due: string | null; outcome: string | null }[];
  alerts: { type: string; scope: string; agency: string | null; at: string }[];
  apologies: number;
  rejected: number[];
}
