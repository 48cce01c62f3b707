import { z } from 'zod';
import { TimeLimitSchema } from './time';

/** An agency's identifier, as the catalog and the scenarios name it (free identifiers). */
export const AgencyIdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.\-]+$/, 'letters, digits, _ . - only');

export const StageMemberSchema = z.object({ agency: AgencyIdSchema, allotted: TimeLimitSchema });
export type StageMember = z.infer<typeof StageMemberSchema>;

/** A route stage: one agency, or a parallel group whose members work at once (ONE-STOP.md §4). */
export const RouteStageSchema = z.union([
  StageMemberSchema,
  z.object({ parallel: z.array(StageMemberSchema).min(1) }),
]);
export type RouteStage = z.infer<typeof RouteStageSchema>;

export const CutoffSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

/** A procedure version: what a dossier is received under and keeps for its whole life. */
export const ProcedureSchema = z.object({
  code: z.string().min(1).max(64),
  name: z.string().min(1),
  /** Absent in scenario files: the runner derives it from the content. */
  version: z.string().min(1).optional(),
  timeLimit: TimeLimitSchema,
  cutoff: CutoffSchema.optional(),
  supplementsAllowed: z.number().int().min(0).optional(),
  route: z.array(RouteStageSchema).min(1),
  /** Whether the public postal service may carry the dossier and its result (Decision 45/2016). */
  postal: z.boolean().optional(),
  /** The receiving one-stop unit by default (Decision 20/2020 identifier). */
  unit: z.string().optional(),
  field: z.string().optional(),
});
export type Procedure = z.infer<typeof ProcedureSchema>;

export function stageMembers(stage: RouteStage): StageMember[] {
  return 'parallel' in stage ? stage.parallel : [stage];
}
