import { toLocalIso } from '@motcua/calendar';
import { within, type Period } from './period';
import { appointmentAt, byLeadAgencyAndField, type Outcome, type ReportDossier, type ReportFilter } from './report-rows';

/** Circular 01/2018: 2 when shorter than the limit (early), 1 when equal (on time), 0 when longer (late). */
export const SCORE: Readonly<Record<Outcome, 2 | 1 | 0>> = { EARLY: 2, ON_TIME: 1, LATE: 0 };

/** Indicator 1: one dossier resolved in the period, its total time against its limit. */
export interface DossierScore {
  code: string;
  procedureCode: string;
  agency: string | null;
  field: string | null;
  receivedAt: string;
  appointment: string | null;
  finishedAt: string;
  outcome: Outcome;
  score: 2 | 1 | 0;
}

/** Indicator 2: one agency's parts finished in the period, each against its own allotment. */
export interface AgencyScore {
  agency: string;
  parts: number;
  early: number;
  onTime: number;
  late: number;
  points: number;
  /** points / parts, 2 decimals. */
  averageScore: number;
}

export interface ReportCircular01 {
  report: 'circular01';
  period: { from: string; to: string };
  filter: ReportFilter;
  total: { dossiers: number; dossierAverageScore: number | null; parts: number; partAverageScore: number | null };
  dossiers: DossierScore[];
  agencies: AgencyScore[];
}

const average = (points: number, n: number): number | null => (n === 0 ? null : Math.round((points / n) * 100) / 100);

export function circular01(all: readonly ReportDossier[], period: Period, filter: ReportFilter = {}): ReportCircular01 {
  const dossiers: DossierScore[] = byLeadAgencyAndField(all, filter)
    .filter((d) => within(period, d.finishedAt) && d.outcome !== null && d.clockStartedAt !== null)
    .map((d) => {
      const appointment = appointmentAt(d, d.finishedAt!);
      return {
        code: d.code,
        procedureCode: d.procedureCode,
        agency: d.leadAgency,
        field: d.field,
        receivedAt: toLocalIso(d.clockStartedAt!),
        appointment: appointment === null ? null : toLocalIso(appointment),
        finishedAt: toLocalIso(d.finishedAt!),
        outcome: d.outcome!,
        score: SCORE[d.outcome!],
      };
    })
    .sort((a, b) => a.finishedAt.localeCompare(b.finishedAt) || a.code.localeCompare(b.code));
  const agencies = new Map<string, AgencyScore>();
  for (const d of byLeadAgencyAndField(all, { field: filter.field })) {
    for (const part of d.parts) {
      if (!within(period, part.finishedAt) || part.outcome === null) continue;
      if (filter.agency !== undefined && part.agency !== filter.agency) continue;
      const a = agencies.get(part.agency) ?? { agency: part.agency, parts: 0, early: 0, onTime: 0, late: 0, points: 0, averageScore: 0 };
      a.parts++;
      a[({ EARLY: 'early', ON_TIME: 'onTime', LATE: 'late' } as const)[part.outcome]]++;
      a.points += SCORE[part.outcome];
      a.averageScore = average(a.points, a.parts)!;
      agencies.set(part.agency, a);
    }
  }
  const scores = [...agencies.values()].sort((a, b) => a.agency.localeCompare(b.agency));
  const parts = scores.reduce((s, a) => s + a.parts, 0);
  return {
    report: 'circular01',
    period: { from: period.from, to: period.to },
    filter,
    total: {
      dossiers: dossiers.length,
      dossierAverageScore: average(dossiers.reduce((s, d) => s + d.score, 0), dossiers.length),
      parts,
      partAverageScore: average(scores.reduce((s, a) => s + a.points, 0), parts),
    },
    dossiers,
    agencies: scores,
  };
}
