import type { Ii06aCounts, Ii06aRow } from './ii06a';

/** One equation of ONE-STOP §7 that did not hold, and where. */
export interface InvariantViolation {
  rule: string;
  /** "total", or the row's "agency / field". */
  where: string;
  left: number;
  right: number;
}

export interface InvariantSummary {
  /** Equations checked (each rule over the total and every row). */
  checked: number;
  holds: boolean;
  violations: InvariantViolation[];
}

/** The equations one set of counters must satisfy: each total is the sum of its parts. */
export const COUNTER_RULES: readonly { rule: string; left: (c: Ii06aCounts) => number; right: (c: Ii06aCounts) => number }[] = [
  {
    rule: 'received = resolved + withdrawn + stopped + inProgress',
    left: (c) => c.received.total,
    right: (c) => c.resolved.total + c.withdrawn + c.stopped + c.inProgress.total,
  },
  {
    rule: 'received = carriedOver + online + direct + postal',
    left: (c) => c.received.total,
    right: (c) => c.received.carriedOver + c.received.online + c.received.direct + c.received.postal,
  },
  { rule: 'resolved = early + onTime + late', left: (c) => c.resolved.total, right: (c) => c.resolved.early + c.resolved.onTime + c.resolved.late },
  { rule: 'inProgress = withinLimit + overdue', left: (c) => c.inProgress.total, right: (c) => c.inProgress.withinLimit + c.inProgress.overdue },
];

/** Every counter path of a II.06a row, for "the total is the sum of the rows". */
const PATHS: readonly (readonly [keyof Ii06aCounts, string?])[] = [
  ...(['total', 'carriedOver', 'online', 'direct', 'postal'] as const).map((k) => ['received', k] as const),
  ...(['total', 'early', 'onTime', 'late'] as const).map((k) => ['resolved', k] as const),
  ...(['total', 'withinLimit', 'overdue'] as const).map((k) => ['inProgress', k] as const),
  ...(['withdrawn', 'stopped', 'refusedAtIntake', 'intakeSupplementRequests', 'supplementRequests', 'apologies'] as const).map((k) => [k] as const),
];

const valueAt = (c: Ii06aCounts, [a, b]: readonly [keyof Ii06aCounts, string?]): number =>
  b === undefined ? (c[a] as number) : (c[a] as Record<string, number>)[b];

/**
 * ONE-STOP §7's invariants over a II.06a report: in the total and in every row, received =
 * resolved + withdrawn + stopped + in progress and each total is the sum of its parts; and every
 * counter of the total is the sum of the rows'.
 */
export function ii06aInvariants(report: { total: Ii06aCounts; rows: readonly Ii06aRow[] }): InvariantSummary {
  const violations: InvariantViolation[] = [];
  let checked = 0;
  const check = (rule: string, where: string, left: number, right: number) => {
    checked++;
    if (left !== right) violations.push({ rule, where, left, right });
  };
  for (const [where, c] of [['total', report.total] as const, ...report.rows.map((r) => [`${r.agency ?? '—'} / ${r.field ?? '—'}`, r] as const)]) {
    for (const r of COUNTER_RULES) check(r.rule, where, r.left(c), r.right(c));
  }
  for (const path of PATHS) {
    const name = path.filter(Boolean).join('.');
    check(`total.${name} = sum of the rows`, 'total', valueAt(report.total, path), report.rows.reduce((s, r) => s + valueAt(r, path), 0));
  }
  return { checked, holds: violations.length === 0, violations };
}
