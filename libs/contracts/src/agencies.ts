import { z } from 'zod';
import { AgencyIdSchema } from './procedure';
import { ONE_STOP_UNIT_ID_PATTERN } from './units';

/**
 * Where an agency sits: PROVINCE (a provincial department or office), COMMUNE (a commune-level
 * body; one code stands for the body of whichever commune receives the dossier), CENTRAL (the
 * provincial or local office of a vertical central sector: police, tax, social insurance).
 */
export const AgencyLevelSchema = z.enum(['PROVINCE', 'COMMUNE', 'CENTRAL']);
export type AgencyLevel = z.infer<typeof AgencyLevelSchema>;

/** An agency a procedure's route may name (GET /api/v1/agencies; the catalog's agency registry). */
export const AgencySchema = z.object({
  code: AgencyIdSchema.describe('the code routes name (StageMember.agency) and tokens carry'),
  name: z.string().trim().min(1).max(200).describe("the agency's Vietnamese name"),
  level: AgencyLevelSchema.describe('PROVINCE, COMMUNE, or CENTRAL (a vertical sector\'s local office)'),
  identifier: z
    .string()
    .regex(ONE_STOP_UNIT_ID_PATTERN, 'a Decision 20/2020 identifier: NNN.NN.NN.XNN (0-9 A-Z)')
    .describe('Decision 20/2020 electronic identifier'),
});
export type Agency = z.infer<typeof AgencySchema>;
