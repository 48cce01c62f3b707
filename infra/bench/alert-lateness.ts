/**
 * How late SLA alerts reach Kafka against their instants, for `npm run bench -- --open N`: which
 * dossiers get a deadline during the run and when, and the lateness of the alerts read back.
 */
import { percentile } from './percentile';

/** The alerts a due dossier of the bench raises at its deadline (one stage, no apology). */
export const ALERTS_AT_DEADLINE = ['OVERDUE/DOSSIER', 'APOLOGY_MISSED/DOSSIER', 'OVERDUE/STAGE'] as const;

/** One AlertRaised read from dossier.events. */
export interface AlertRead {
  /** The CloudEvent id: a redelivered copy is counted once. */
  readonly id: string;
  readonly code: string;
  /** `ALERT/SCOPE`, e.g. `OVERDUE/DOSSIER`. */
  readonly kind: string;
  /** The alert's own instant (the CloudEvent `time`): when its timer was due. */
  readonly at: number;
  /** When the consumer read it. */
  readonly readAt: number;
}

export interface Spread {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/** Nearest-rank percentiles (p50, p99) and the maximum; null for no values. */
export function spreadOf(xs: readonly number[]): Spread | null {
  if (xs.length === 0) return null;
  return { p50: percentile(xs, 50)!, p99: percentile(xs, 99)!, max: Math.max(...xs) };
}

/**
 * Which of `open` dossiers are due ones: `due` indices spread evenly over [from, open), so the due
 * dossiers are opened among the others (and have left the worker's cache when their timers fire).
 */
export function dueIndices(open: number, due: number, from = 0): Map<number, number> {
  const indices = new Map<number, number>();
  const span = open - from;
  if (due <= 0 || span <= 0) return indices;
  const k = Math.min(due, span);
  for (let j = 0; j < k; j++) indices.set(from + Math.floor((j * span) / k), j);
  return indices;
}

/** The j-th of `due` instants, spread evenly over [first, first + spreadMs]. */
export function dueInstant(first: number, spreadMs: number, j: number, due: number): number {
  return due <= 1 ? first : first + Math.round((spreadMs * j) / (due - 1));
}

/**
 * The time limit, in working hours of the always-open test calendar (where they are clock hours),
 * that puts a deadline at `target` for a dossier accepted at about `now`; never below 1 s.
 */
export function workingHoursUntil(target: number, now: number): number {
  const ms = Math.max(1000, target - now);
  return Math.round((ms / 3_600_000) * 1e7) / 1e7;
}

export interface LatenessReport {
  /** Alerts expected: ALERTS_AT_DEADLINE for each due dossier. */
  expected: number;
  /** Distinct expected alerts read (by dossier and kind). */
  read: number;
  missing: number;
  /** Copies of an event already read (the same CloudEvent id). */
  duplicates: number;
  /** Alerts of dossiers that were not due (none should fire during the run). */
  unexpected: number;
  /** Read time less the alert's instant, in ms, over the expected alerts read. */
  latenessMs: Spread | null;
  /** Of those, how many were due before the last dossier was opened (they fired under the start load). */
  dueDuringStarts: number;
}

export function latenessReport(alerts: readonly AlertRead[], dueCodes: ReadonlySet<string>, startsEndedAt: number): LatenessReport {
  const ids = new Set<string>();
  const kinds = new Set<string>();
  const lateness: number[] = [];
  let duplicates = 0;
  let unexpected = 0;
  let dueDuringStarts = 0;
  for (const a of alerts) {
    if (ids.has(a.id)) {
      duplicates++;
      continue;
    }
    ids.add(a.id);
    const key = `${a.code} ${a.kind}`;
    if (!dueCodes.has(a.code) || !(ALERTS_AT_DEADLINE as readonly string[]).includes(a.kind) || kinds.has(key)) {
      unexpected++;
      continue;
    }
    kinds.add(key);
    lateness.push(a.readAt - a.at);
    if (a.at < startsEndedAt) dueDuringStarts++;
  }
  const expected = dueCodes.size * ALERTS_AT_DEADLINE.length;
  return { expected, read: kinds.size, missing: expected - kinds.size, duplicates, unexpected, latenessMs: spreadOf(lateness), dueDuringStarts };
}
