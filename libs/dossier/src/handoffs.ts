import type { HandoffTask } from '@motcua/contracts';
import type { Actor } from './actor';
import type { EventOf } from './events';

/** Who hands the dossier over: the one-stop unit (member null) or a stage member, with its officer. */
export interface Handing {
  readonly unit: string;
  readonly officer: string | null;
  readonly member: number | null;
}

/** Who receives it: a member of the starting stage, or the originating one-stop unit (member null). */
export interface Receiving {
  readonly unit: string;
  readonly member: number | null;
  readonly dueAt: number;
}

/**
 * The handoffs of one transfer, one per pair of hander and receiver (ONE-STOP.md §4, Form 05): the
 * one-stop unit to each member of the first stage (a parallel group's fan-out), every member of a
 * finished stage to each member of the next (the join), the last stage's members — or the
 * rejecting member — back to the one-stop unit that received the dossier, also when the route went
 * up to a provincial or vertical-sector agency. The receiver's officer is not known yet: the
 * agency's head assigns one later (`StagePartAssigned`).
 */
export function handoffs(
  from: readonly Handing[],
  to: readonly Receiving[],
  task: HandoffTask,
  at: number,
  by: Actor,
): EventOf<'DossierHandedOff'>[] {
  return from.flatMap((f) =>
    to.map((t) => ({
      type: 'DossierHandedOff' as const,
      at,
      by,
      from: { unit: f.unit, officer: f.officer },
      fromMember: f.member,
      to: { unit: t.unit, officer: null },
      toMember: t.member,
      dueAt: t.dueAt,
      task,
    })),
  );
}
