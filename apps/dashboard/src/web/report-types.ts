/**
 * The reports API's JSON answers (docs/contracts.md "Reports"; their zod schemas are
 * apps/api/src/reports/report-schemas.ts): what the page reads of them.
 */
export interface Ii06aCounts {
  received: { total: number; carriedOver: number; online: number; direct: number; postal: number };
  resolved: { total: number; early: number; onTime: number; late: number };
  inProgress: { total: number; withinLimit: number; overdue: number };
  withdrawn: number;
  stopped: number;
  refusedAtIntake: number;
  intakeSupplementRequests: number;
  supplementRequests: number;
  apologies: number;
}

export interface Ii06aReport {
  period: { from: string; to: string };
  total: Ii06aCounts;
  rows: (Ii06aCounts & { agency: string | null; field: string | null })[];
  invariants: { holds: boolean };
}

export interface Rate {
  count: number;
  of: number;
  percent: number | null;
}

export interface Report766 {
  total: { onTime: Rate };
  rows: { agency: string | null; onTime: Rate }[];
}
