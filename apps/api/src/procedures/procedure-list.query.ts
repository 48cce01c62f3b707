import { UNIT_ID_PATTERN } from '@motcua/dossier';
import { z } from 'zod';

/**
 * GET /api/v1/procedures?q=&field=&unit=&postal=&onlineLevel= — the search and filters. Strict, as
 * GET /api/v1/dossiers: a misspelt filter (`?feild=`) is a 400, never a silently unfiltered list
 * a citizen would take for the answer. A repeated parameter arrives as an array and is refused too.
 */
export const ProcedureListFilterSchema = z
  .object({
    q: z.string().trim().min(1).max(200).optional(),
    field: z.string().regex(/^[A-Z0-9_]{1,64}$/, 'a field code: capital letters, digits, _').optional(),
    unit: z.string().regex(UNIT_ID_PATTERN, '1–35 characters of 0-9 A-Z .').optional(),
    postal: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
    onlineLevel: z.enum(['FULL', 'PARTIAL', 'NONE']).optional(),
  })
  .strict();
export type ProcedureListFilter = z.infer<typeof ProcedureListFilterSchema>;
