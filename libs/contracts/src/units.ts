import { z } from 'zod';

/**
 * Unit identifiers the scenario runner gives its simulated dossiers (apps/scenarios/src/runner.ts).
 * No real unit may use them, so that a simulated dossier code or event id can never be mistaken
 * for, or collide with, a real one: the API refuses them and the unit registry may not hold them.
 */
export const SIMULATION_UNIT_PREFIX = 'SIM.';

export function isSimulationUnit(unit: string): boolean {
  return unit.startsWith(SIMULATION_UNIT_PREFIX);
}

/**
 * A registered one-stop unit's identifier in the four-level form of Decision 20/2020
 * (`<level 4>.<level 3>.<level 2>.<level 1>`, e.g. `000.00.00.H26`; level 1 names the province).
 * Stricter than UNIT_ID_PATTERN, which is only the character set a dossier code allows.
 */
export const ONE_STOP_UNIT_ID_PATTERN = /^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9]{2}$/;

/** Since 1/7/2025 local government has two levels, province and commune (Decree 118/2025: no district). */
export const UnitLevelSchema = z.enum(['PROVINCE', 'COMMUNE']);
export type UnitLevel = z.infer<typeof UnitLevelSchema>;

/** A one-stop unit that receives dossiers (GET /api/v1/units; the catalog's unit registry). */
export const OneStopUnitSchema = z.object({
  id: z.string().regex(ONE_STOP_UNIT_ID_PATTERN, 'a Decision 20/2020 identifier: NNN.NN.NN.XNN (0-9 A-Z)').describe('Decision 20/2020 electronic identifier'),
  name: z.string().trim().min(1).max(200).describe('the unit\'s Vietnamese name'),
  level: UnitLevelSchema.describe('PROVINCE: the provincial public administration service centre and its branches; COMMUNE: a commune-level unit'),
  branchOf: z
    .string()
    .regex(ONE_STOP_UNIT_ID_PATTERN)
    .optional()
    .describe('for a branch of the provincial centre: the centre\'s identifier'),
});
export type OneStopUnit = z.infer<typeof OneStopUnitSchema>;
