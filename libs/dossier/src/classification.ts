import type { Outcome } from '@motcua/contracts';

/**
 * ONE-STOP.md §6: LATE if finished after the due instant; EARLY if finished on a calendar date
 * (Vietnam time) before the due date; otherwise ON_TIME.
 */
export function classify(finishedAt: number, dueAt: number, localDate: (instant: number) => string): Outcome {
  if (finishedAt > dueAt) return 'LATE';
  return localDate(finishedAt) < localDate(dueAt) ? 'EARLY' : 'ON_TIME';
}
