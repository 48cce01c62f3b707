/**
 * The reports API's JSON answers (docs/contracts.md "Reports") are libs/reports' own types: the
 * page reads what the API computes, type-only (nothing of the library is bundled).
 */
export type { Figures, FiguresReport, Ii06aCounts, Ii06aReport, Rate, Report766, ReportCircular01 } from '@motcua/reports';

/** GET /api/v1/dashboard/handoffs (apps/api/src/operations/handoff-performance.ts). */
export interface HandoffPerformance {
  period: { from: string; to: string };
  receivers: { receiver: string; kind: 'AGENCY' | 'ONE_STOP_UNIT'; received: number; finished: number; early: number; onTime: number; late: number; open: number; overdue: number }[];
}

/** GET /api/v1/dashboard/postal-legs (apps/api/src/operations/postal-transit.ts). */
export interface PostalTransit {
  at: string;
  units: { unit: string; inTransit: number; late: number; endedLate: number }[];
  lateLegs: { code: string; unit: string; leg: 'PICKUP' | 'RETURN'; takenAt: string; transitDueAt: string }[];
}

/** GET /api/v1/operations/alert-webhook (apps/api/src/operations/alert-webhook-failures.ts). */
export interface AlertWebhookFailures {
  failed: number;
  retrying: number;
  rows: { eventId: string; dossierCode: string; status: 'FAILED' | 'PENDING'; attempts: number; raisedAt: string; lastError: string | null; nextAttemptAt: string | null }[];
}
