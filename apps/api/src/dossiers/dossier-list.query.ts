import { AgencyIdSchema, DossierStatusSchema } from '@motcua/contracts';
import { UNIT_ID_PATTERN } from '@motcua/dossier';
import { z } from 'zod';

/**
 * GET /api/v1/dossiers?status=&agency=&overdue=&procedure=&unit=&limit= — the filters, each
 * validated against its own alphabet before it goes into a Temporal visibility query, and quoted
 * on top of that: a value can never close its string and add a clause.
 */
export const DossierListFilterSchema = z
  .object({
    status: DossierStatusSchema.optional(),
    agency: AgencyIdSchema.optional(),
    overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
    procedure: z.string().regex(/^[A-Za-z0-9_.\-]{1,64}$/, 'a procedure code: letters, digits, _ . - only').optional(),
    unit: z.string().regex(UNIT_ID_PATTERN, '1–35 characters of 0-9 A-Z .').optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();
export type DossierListFilter = z.infer<typeof DossierListFilterSchema>;

/** Search attribute names (workflows/src/visibility.ts). */
export interface SearchAttributeNames {
  status: string;
  agencies: string;
  overdue: string;
  procedure: string;
  unit: string;
  route: string;
}

/** What the caller may see (libs/dossier readScope): every dossier, its unit's, or its agency's route. */
export type ListScope = { kind: 'ALL' } | { kind: 'RECEIVING_UNIT'; unit: string } | { kind: 'ROUTE_AGENCY'; agency: string };

/** A string literal of the visibility query language (SQL-like): quotes and backslashes escaped. */
export function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export function visibilityQuery(
  f: Omit<DossierListFilter, 'limit'>,
  names: SearchAttributeNames,
  scope: ListScope = { kind: 'ALL' },
  workflowType = 'dossierWorkflow',
): string {
  const clauses = [`WorkflowType = ${quote(workflowType)}`];
  // The caller's scope first: the filters only narrow what the caller may see anyway.
  if (scope.kind === 'RECEIVING_UNIT') clauses.push(`${names.unit} = ${quote(scope.unit)}`);
  if (scope.kind === 'ROUTE_AGENCY') clauses.push(`${names.route} = ${quote(scope.agency)}`);
  if (f.status !== undefined) clauses.push(`${names.status} = ${quote(f.status)}`);
  if (f.agency !== undefined) clauses.push(`${names.agencies} = ${quote(f.agency)}`);
  if (f.overdue !== undefined) clauses.push(`${names.overdue} = ${f.overdue ? 'true' : 'false'}`);
  if (f.procedure !== undefined) clauses.push(`${names.procedure} = ${quote(f.procedure)}`);
  if (f.unit !== undefined) clauses.push(`${names.unit} = ${quote(f.unit)}`);
  return clauses.join(' AND ');
}
