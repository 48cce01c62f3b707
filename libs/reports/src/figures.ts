import { indicators, type Rate } from './decision766';
import { countDossier, zeroIi06a } from './ii06a';
import { within, type Period } from './period';
import { byLeadAgencyAndField, type ReportDossier, type ReportFilter } from './report-rows';

/**
 * The operations dashboard's figures for a set of dossiers and a period. Each is counted by the
 * statutory reports' own rules, so a row here equals the same dossiers' II.06a and Decision 766
 * figures: the on-time rate is 766's 2.1, early / on time / late are II.06a's resolved, the
 * average is 766's 2.2 (supplement waits left out), apologies and supplement requests are those
 * made in the period. Apologies missed are the APOLOGY_MISSED duties that fell in the period.
 */
export interface Figures {
  /** II.06a's received: the clock started before the period's end, not ended before its start. */
  received: number;
  onTime: Rate;
  resolved: { total: number; early: number; onTime: number; late: number };
  /** Of the resolved with a processing time (766's metric clock); null when none. */
  averageResolutionMs: number | null;
  /** averageResolutionMs in days of 24 h, 2 decimals. */
  averageResolutionDays: number | null;
  apologies: number;
  apologiesMissed: number;
  supplementRequests: { atIntake: number; afterAppraisal: number };
}

export interface FiguresReport {
  report: 'figures';
  period: { from: string; to: string };
  filter: ReportFilter;
  total: Figures;
  /** Per lead agency (II.06a's and 766's rows). */
  agencies: (Figures & { agency: string | null })[];
  procedures: (Figures & { procedureCode: string; procedureName: string | null })[];
  /** ONLINE, COUNTER, POSTAL (null: never submitted). */
  channels: (Figures & { channel: string | null })[];
}

export function figuresOf(dossiers: readonly ReportDossier[], p: Period): Figures {
  const c = zeroIi06a();
  let missed = 0;
  let timed = 0;
  let ms = 0;
  for (const d of dossiers) {
    countDossier(c, d, p);
    missed += d.apologiesMissed.filter((at) => within(p, at)).length;
    if (within(p, d.finishedAt) && d.processingMs !== null) {
      timed++;
      ms += d.processingMs;
    }
  }
  const averageResolutionMs = timed === 0 ? null : Math.round(ms / timed);
  return {
    received: c.received.total,
    onTime: indicators(dossiers, p).onTime,
    resolved: c.resolved,
    averageResolutionMs,
    averageResolutionDays: averageResolutionMs === null ? null : Math.round(averageResolutionMs / 864_000) / 100,
    apologies: c.apologies,
    apologiesMissed: missed,
    supplementRequests: { atIntake: c.intakeSupplementRequests, afterAppraisal: c.supplementRequests },
  };
}

/** Whether anything counts in the period (a row is listed only then). */
const counts = (f: Figures) =>
  f.received + f.resolved.total + f.apologies + f.apologiesMissed + f.supplementRequests.atIntake + f.supplementRequests.afterAppraisal > 0;

function groups<K>(dossiers: readonly ReportDossier[], key: (d: ReportDossier) => K): Map<K, ReportDossier[]> {
  const by = new Map<K, ReportDossier[]>();
  for (const d of dossiers) by.set(key(d), [...(by.get(key(d)) ?? []), d]);
  return by;
}

const byKey = (a: string | null, b: string | null) => (a ?? '\uffff').localeCompare(b ?? '\uffff');

/** The figures for a period, filtered by lead agency and field, as a total and per agency, procedure and channel. */
export function figures(dossiers: readonly ReportDossier[], period: Period, filter: ReportFilter = {}): FiguresReport {
  const kept = byLeadAgencyAndField(dossiers, filter);
  const rows = <K extends string | null>(key: (d: ReportDossier) => K) =>
    [...groups(kept, key).entries()]
      .map(([k, ds]) => ({ k, ds, f: figuresOf(ds, period) }))
      .filter((x) => counts(x.f))
      .sort((a, b) => byKey(a.k, b.k));
  return {
    report: 'figures',
    period: { from: period.from, to: period.to },
    filter,
    total: figuresOf(kept, period),
    agencies: rows((d) => d.leadAgency).map(({ k, f }) => ({ agency: k, ...f })),
    procedures: rows((d) => d.procedureCode).map(({ k, ds, f }) => ({ procedureCode: k, procedureName: ds[0].procedureName, ...f })),
    channels: rows((d) => d.channel).map(({ k, f }) => ({ channel: k, ...f })),
  };
}
