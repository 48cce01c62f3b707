import type { Period } from './period';

export type Outcome = 'EARLY' | 'ON_TIME' | 'LATE';

/**
 * One dossier as the reports need it, from the read model (instants in epoch ms, the events' own
 * times: never when a consumer read them, so a replayed or simulated history reports the same).
 */
export interface ReportDossier {
  readonly code: string;
  readonly procedureCode: string;
  readonly procedureName: string | null;
  readonly field: string | null;
  /** The agency of the route's last stage: it assembles the result. */
  readonly leadAgency: string | null;
  readonly channel: string | null;
  /** Acceptance (Form 01), or for the post the signed handover: the dossier is "received". */
  readonly clockStartedAt: number | null;
  /** Result ready, or refused after appraisal. */
  readonly finishedAt: number | null;
  /** Against the legal appointment in force at the finish (computed by the domain). */
  readonly outcome: Outcome | null;
  /** Decision 766's metric clock: processing time with supplement waits subtracted. */
  readonly processingMs: number | null;
  readonly withdrawnAt: number | null;
  readonly stoppedAt: number | null;
  readonly intakeRefusedAt: number | null;
  /** Legal appointments with the clock start that gave each (acceptance, each supplement's arrival). */
  readonly appointments: readonly { readonly from: number; readonly at: number }[];
  readonly supplementRequests: readonly { readonly kind: 'INTAKE' | 'PROCESSING'; readonly at: number; readonly answeredAt: number | null }[];
  /** When each apology (Form 04, new appointment) was issued. */
  readonly apologies: readonly number[];
  /** When the engine found the apology duty missed (APOLOGY_MISSED, the dossier's due instant, no apology made in time). */
  readonly apologiesMissed: readonly number[];
  /** Each agency's part of the route (Circular 01/2018 indicator 2). */
  readonly parts: readonly { readonly agency: string; readonly finishedAt: number | null; readonly outcome: Outcome | null }[];
}

/** Which dossiers a report covers. */
export interface ReportFilter {
  /** A lead agency (II.06a, 766); for Circular 01 indicator 2, the agency of a part. */
  readonly agency?: string;
  readonly field?: string;
}

/**
 * The port the API reads reports through: every dossier that may count in the period (a superset
 * is fine: the computation decides), from the read model.
 */
export interface ReportSource {
  dossiersFor(period: Period): Promise<ReportDossier[]>;
}

/** The dossiers a filter keeps, by lead agency and field. */
export function byLeadAgencyAndField(dossiers: readonly ReportDossier[], filter: ReportFilter): ReportDossier[] {
  return dossiers.filter((d) => (filter.agency === undefined || d.leadAgency === filter.agency) && (filter.field === undefined || d.field === filter.field));
}

/** The legal appointment in force at `at`: the one of the latest clock start before it (an apology's date never). */
export function appointmentAt(d: ReportDossier, at: number): number | null {
  let found: number | null = null;
  let from = -Infinity;
  for (const a of d.appointments) if (a.from < at && a.from >= from) [found, from] = [a.at, a.from];
  return found;
}

/** Whether the dossier waits for an applicant's supplement at `at` (its clocks stopped). */
export function waitingForSupplementAt(d: ReportDossier, at: number): boolean {
  return d.supplementRequests.some((s) => s.kind === 'PROCESSING' && s.at < at && (s.answeredAt === null || s.answeredAt >= at));
}
