import { DossierStatusSchema } from '@motcua/contracts';
import { z } from 'zod';

/**
 * GET /api/v1/workbench/queue?q=&procedure=&status=&page=&pageSize= — each parameter of its own
 * alphabet; anything else is refused (400 WORKBENCH.BAD_QUERY) rather than ignored.
 */
export const WorkbenchQuerySchema = z
  .object({
    /** Part of a dossier code (000.00.00.H26-260305-0001): digits, letters, dots and dashes. */
    q: z
      .string()
      .regex(/^[0-9A-Za-z.\-]{1,40}$/, 'part of a dossier code: 1–40 characters of 0-9 A-Z . -')
      .transform((v) => v.toUpperCase())
      .optional(),
    procedure: z.string().regex(/^[A-Za-z0-9_.\-]{1,64}$/, 'a procedure code: letters, digits, _ . - only').optional(),
    status: DossierStatusSchema.optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type WorkbenchQuery = z.infer<typeof WorkbenchQuerySchema>;

/** One page of a list. */
export interface Page<T> {
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly items: readonly T[];
}

export function pageOf<T>(all: readonly T[], page: number, pageSize: number): Page<T> {
  return { total: all.length, page, pageSize, items: all.slice((page - 1) * pageSize, page * pageSize) };
}
