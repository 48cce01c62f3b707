/** An alert the engine raised, as the read model keeps it (rm_alerts). */
export interface FiredAlert {
  readonly type: string;
  readonly scope: string;
  readonly member: number | null;
  readonly due_at: Date;
}

export type DeadlineState = 'NEAR_DUE' | 'OVERDUE';

/**
 * Where a deadline stands at `now`: OVERDUE once it has passed by the API's clock or the engine's
 * timer said so; NEAR_DUE once the engine's NEAR_DUE alert fired for that very deadline (the
 * engine's threshold: the opening of the last working day before it, libs/calendar nearDueAt);
 * null otherwise. The clock covers a projector that lags behind the alert event.
 */
export function deadlineStateOf(fired: readonly FiredAlert[], now: number) {
  const raised = (type: string, scope: string, due: number, member: number | null) =>
    fired.some((a) => a.type === type && a.scope === scope && a.member === member && a.due_at.getTime() === due);
  return (scope: 'DOSSIER' | 'STAGE', due: number, member: number | null): DeadlineState | null =>
    due <= now || raised('OVERDUE', scope, due, member) ? 'OVERDUE' : raised('NEAR_DUE', scope, due, member) ? 'NEAR_DUE' : null;
}

export function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
