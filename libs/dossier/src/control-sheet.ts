import { toLocalIso } from '@motcua/calendar';
import type { ControlSheet, Outcome } from '@motcua/contracts';
import type { DossierEvent } from './events';

interface Row {
  from: { unit: string; officer: string | null };
  to: { unit: string; officer: string | null };
  toMember: number | null;
  task: ControlSheet['rows'][number]['task'];
  handedOverAt: number;
  dueAt: number;
  finishedAt: number | null;
  outcome: Outcome | null;
}

/**
 * Form 05 from the dossier's events: a row per `DossierHandedOff`, completed by what followed it —
 * the officer the receiving agency's head assigned (or who finished the part), a deadline restarted
 * by a supplement, the receiver's finish and its outcome. A row back to the one-stop unit is the
 * dossier's result: finished at the handover, with the dossier's outcome against its appointment;
 * its officer is whoever returns the result. A dossier started before handoffs were events has
 * none, and an empty sheet.
 */
export function controlSheet(code: string, events: readonly DossierEvent[]): ControlSheet {
  const rows: Row[] = [];
  let dossierOutcome: Outcome | null = null;
  const receiving = (member: number) => rows.filter((r) => r.toMember === member && r.finishedAt === null);
  const finish = (member: number, at: number, officer: string, outcome: Outcome) => {
    for (const r of receiving(member)) Object.assign(r, { finishedAt: at, outcome, to: { ...r.to, officer: r.to.officer ?? officer } });
  };
  for (const e of events) {
    switch (e.type) {
      case 'DossierHandedOff':
        rows.push({
          from: e.from,
          to: e.to,
          toMember: e.toMember,
          task: e.task,
          handedOverAt: e.at,
          dueAt: e.dueAt,
          ...(e.toMember === null ? { finishedAt: e.at, outcome: dossierOutcome } : { finishedAt: null, outcome: null }),
        });
        break;
      case 'StagePartAssigned':
        for (const r of receiving(e.member)) r.to = { ...r.to, officer: e.officer };
        break;
      case 'SupplementReceived':
        for (const m of e.restarted) for (const r of receiving(m.member)) r.dueAt = m.deadline.at;
        break;
      case 'StagePartCompleted':
        finish(e.member, e.at, e.by.id, e.outcome);
        break;
      case 'DossierRejected':
        dossierOutcome = e.outcome;
        finish(e.member, e.at, e.by.id, e.memberOutcome);
        break;
      case 'ResultReady':
        dossierOutcome = e.outcome;
        break;
      case 'ResultReturned':
      case 'ResultHandedToPost':
        for (const r of rows) if (r.toMember === null && r.to.officer === null) r.to = { ...r.to, officer: e.by.id };
        break;
      default:
        break;
    }
  }
  return {
    code,
    rows: rows.map((r) => ({
      from: r.from,
      to: r.to,
      handedOverAt: toLocalIso(r.handedOverAt),
      dueAt: toLocalIso(r.dueAt),
      finishedAt: r.finishedAt === null ? null : toLocalIso(r.finishedAt),
      outcome: r.outcome,
      task: r.task,
    })),
  };
}
