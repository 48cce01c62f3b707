import { within, type Period } from './period';
import { byLeadAgencyAndField, type ReportDossier, type ReportFilter } from './report-rows';
import { standingIn } from './standing';
import { ii06aInvariants, type InvariantSummary } from './invariants';

/** Form II.06a's counters (Circular 01/2020), and the product's own columns beside them. */
export interface Ii06aCounts {
  received: { total: number; carriedOver: number; online: number; direct: number; postal: number };
  resolved: { total: number; early: number; onTime: number; late: number };
  inProgress: { total: number; withinLimit: number; overdue: number };
  withdrawn: number;
  /** Processing stopped by the agency (terminal, no result): neither resolved nor withdrawn. */
  stopped: number;
  /** Counted in their own columns, never as received (ONE-STOP §7). */
  refusedAtIntake: number;
  intakeSupplementRequests: number;
  supplementRequests: number;
  apologies: number;
}

export interface Ii06aRow extends Ii06aCounts {
  /** The lead agency (null when the read model lacks it). */
  agency: string | null;
  field: string | null;
}

export interface Ii06aReport {
  report: 'ii06a';
  period: { from: string; to: string };
  filter: ReportFilter;
  total: Ii06aCounts;
  rows: Ii06aRow[];
  invariants: InvariantSummary;
}

export const zeroIi06a = (): Ii06aCounts => ({
  received: { total: 0, carriedOver: 0, online: 0, direct: 0, postal: 0 },
  resolved: { total: 0, early: 0, onTime: 0, late: 0 },
  inProgress: { total: 0, withinLimit: 0, overdue: 0 },
  withdrawn: 0,
  stopped: 0,
  refusedAtIntake: 0,
  intakeSupplementRequests: 0,
  supplementRequests: 0,
  apologies: 0,
});

/** Adds one dossier's part of the period to `c`. */
export function countDossier(c: Ii06aCounts, d: ReportDossier, p: Period): void {
  if (within(p, d.intakeRefusedAt)) c.refusedAtIntake++;
  for (const s of d.supplementRequests) {
    if (!within(p, s.at)) continue;
    if (s.kind === 'INTAKE') c.intakeSupplementRequests++;
    else c.supplementRequests++;
  }
  c.apologies += d.apologies.filter((at) => within(p, at)).length;
  const s = standingIn(d, p);
  if (!s) return;
  c.received.total++;
  const arrival = { CARRIED_OVER: 'carriedOver', ONLINE: 'online', DIRECT: 'direct', POSTAL: 'postal' } as const;
  c.received[arrival[s.arrival]]++;
  switch (s.standing.kind) {
    case 'RESOLVED':
      c.resolved.total++;
      c.resolved[({ EARLY: 'early', ON_TIME: 'onTime', LATE: 'late' } as const)[s.standing.outcome]]++;
      break;
    case 'WITHDRAWN':
      c.withdrawn++;
      break;
    case 'STOPPED':
      c.stopped++;
      break;
    case 'IN_PROGRESS':
      c.inProgress.total++;
      if (s.standing.overdue) c.inProgress.overdue++;
      else c.inProgress.withinLimit++;
      break;
  }
}

const rowKey = (agency: string | null, field: string | null) => JSON.stringify([agency, field]);

/**
 * Form II.06a for a period, as a total over the filtered dossiers and a row per lead agency and
 * field (a row only where something counts), with its invariants checked.
 */
export function ii06a(dossiers: readonly ReportDossier[], period: Period, filter: ReportFilter = {}): Ii06aReport {
  const total = zeroIi06a();
  const rows = new Map<string, Ii06aRow>();
  for (const d of byLeadAgencyAndField(dossiers, filter)) {
    const row = zeroIi06a();
    countDossier(row, d, period);
    if (isZero(row)) continue;
    countDossier(total, d, period);
    const key = rowKey(d.leadAgency, d.field);
    const into = rows.get(key) ?? { agency: d.leadAgency, field: d.field, ...zeroIi06a() };
    addInto(into, row);
    rows.set(key, into);
  }
  const sorted = [...rows.values()].sort((a, b) => (a.agency ?? '').localeCompare(b.agency ?? '') || (a.field ?? '').localeCompare(b.field ?? ''));
  const report = { report: 'ii06a' as const, period: { from: period.from, to: period.to }, filter, total, rows: sorted };
  return { ...report, invariants: ii06aInvariants(report) };
}

/** The counters of a II.06a row as one flat list (in the form's column order). */
export function flatCounts(c: Ii06aCounts): number[] {
  return [
    c.received.total, c.received.carriedOver, c.received.online, c.received.direct, c.received.postal,
    c.resolved.total, c.resolved.early, c.resolved.onTime, c.resolved.late,
    c.inProgress.total, c.inProgress.withinLimit, c.inProgress.overdue,
    c.withdrawn, c.stopped, c.refusedAtIntake, c.intakeSupplementRequests, c.supplementRequests, c.apologies,
  ];
}

const isZero = (c: Ii06aCounts) => flatCounts(c).every((n) => n === 0);

function addInto(into: Ii06aCounts, c: Ii06aCounts): void {
  for (const group of ['received', 'resolved', 'inProgress'] as const) {
    const target = into[group] as Record<string, number>;
    for (const [k, v] of Object.entries(c[group])) target[k] += v;
  }
  for (const k of ['withdrawn', 'stopped', 'refusedAtIntake', 'intakeSupplementRequests', 'supplementRequests', 'apologies'] as const) into[k] += c[k];
}
