import { within, type Period } from './period';
import { byLeadAgencyAndField, type ReportDossier, type ReportFilter } from './report-rows';
import { standingIn } from './standing';

/** A share: its numerator, denominator and percentage (2 decimals; null when nothing to divide). */
export interface Rate {
  count: number;
  of: number;
  percent: number | null;
}

/** Decision 766/QĐ-TTg 2022's indicators for a set of dossiers and a period. */
export interface Indicators766 {
  /**
   * 2.1: of the period's dossiers (resolved in it, or still in progress at its end), those resolved
   * early or on time or still within the limit; a dossier asked for a supplement more than once
   * counts as late (766's own rule).
   */
  onTime: Rate;
  /** 3.3: of the dossiers newly received in the period, those submitted online. */
  online: Rate;
  /** Of the dossiers newly received in the period, those the public postal service brought. */
  postal: Rate;
}

/** 2.2: the average processing time (766's metric clock: supplement waits left out) of the dossiers resolved in the period. */
export interface ProcedureTime {
  procedureCode: string;
  procedureName: string | null;
  resolved: number;
  averageProcessingMs: number;
  /** averageProcessingMs in days of 24 h, 2 decimals. */
  averageProcessingDays: number;
}

export interface Report766 {
  report: '766';
  period: { from: string; to: string };
  filter: ReportFilter;
  total: Indicators766;
  /** Per lead agency. */
  rows: (Indicators766 & { agency: string | null })[];
  /** 2.2, per procedure. */
  procedures: ProcedureTime[];
}

const rate = (count: number, of: number): Rate => ({ count, of, percent: of === 0 ? null : Math.round((count / of) * 10_000) / 100 });

/** The three indicators over a set of dossiers (exported for the dashboard's figures per agency, procedure and channel). */
export function indicators(dossiers: readonly ReportDossier[], p: Period): Indicators766 {
  let all = 0;
  let onTime = 0;
  let fresh = 0;
  let online = 0;
  let postal = 0;
  for (const d of dossiers) {
    const s = standingIn(d, p);
    if (!s) continue;
    if (s.arrival !== 'CARRIED_OVER') fresh++;
    if (s.arrival === 'ONLINE') online++;
    if (s.arrival === 'POSTAL') postal++;
    const { standing } = s;
    if (standing.kind !== 'RESOLVED' && standing.kind !== 'IN_PROGRESS') continue;
    all++;
    const supplementedTwice = d.supplementRequests.filter((r) => r.kind === 'PROCESSING' && r.at < p.end).length > 1;
    const good = standing.kind === 'RESOLVED' ? standing.outcome !== 'LATE' : !standing.overdue;
    if (good && !supplementedTwice) onTime++;
  }
  return { onTime: rate(onTime, all), online: rate(online, fresh), postal: rate(postal, fresh) };
}

function procedureTimes(dossiers: readonly ReportDossier[], p: Period): ProcedureTime[] {
  const by = new Map<string, { name: string | null; n: number; ms: number }>();
  for (const d of dossiers) {
    if (!within(p, d.finishedAt) || d.processingMs === null) continue;
    const t = by.get(d.procedureCode) ?? { name: d.procedureName, n: 0, ms: 0 };
    t.n++;
    t.ms += d.processingMs;
    by.set(d.procedureCode, t);
  }
  return [...by.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([procedureCode, t]) => {
      const averageProcessingMs = Math.round(t.ms / t.n);
      return { procedureCode, procedureName: t.name, resolved: t.n, averageProcessingMs, averageProcessingDays: Math.round(averageProcessingMs / 864_000) / 100 };
    });
}

export function decision766(dossiers: readonly ReportDossier[], period: Period, filter: ReportFilter = {}): Report766 {
  const kept = byLeadAgencyAndField(dossiers, filter);
  const agencies = [...new Set(kept.filter((d) => standingIn(d, period)).map((d) => d.leadAgency))].sort((a, b) => (a ?? '').localeCompare(b ?? ''));
  return {
    report: '766',
    period: { from: period.from, to: period.to },
    filter,
    total: indicators(kept, period),
    rows: agencies.map((agency) => ({ agency, ...indicators(kept.filter((d) => d.leadAgency === agency), period) })),
    procedures: procedureTimes(kept, period),
  };
}
