import type { NotificationKind } from '@motcua/contracts';
import type { DossierEvent, RecordedEvent } from './events';

/**
 * The applicant notifications as an effect channel (effects.ts): derived from the dossier's log, as
 * `armedTimers` is derived from its state, and worked through by their own loop and activity so a
 * provider that is down never holds up the clock, the events or the other effects.
 *
 * A notice carries what the text needs and nothing personal (the workflow holds no personal data):
 * the activity looks the applicant's phone and e-mail up in the store by the dossier code.
 */
export interface ApplicantNotice {
  /** The event that calls for it: with the kind, its idempotency key (one notice per event and kind). */
  readonly eventId: string;
  readonly kind: NotificationKind;
  /** The event type, for the template (a kind may have several wordings, e.g. POSTAL_DELIVERY). */
  readonly cause: DossierEvent['type'];
  readonly code: string;
  readonly procedure: { readonly code: string; readonly name: string };
  /** When the event happened (epoch ms, domain time). */
  readonly at: number;
  /** The appointment in force after the event (after an apology, its new one); null before reception. */
  readonly appointment: number | null;
}

/** The kind an event calls for, or null: every other event is not the applicant's business. */
export function noticeKindOf(e: DossierEvent): NotificationKind | null {
  switch (e.type) {
    case 'DossierAccepted':
      return 'RECEIPT';
    case 'IntakeSupplementRequested':
    case 'SupplementRequested':
      return 'SUPPLEMENT_REQUEST';
    case 'IntakeRefused':
      return 'REFUSAL';
    case 'ApologyIssued':
      return 'APOLOGY';
    // Early return is allowed, but the applicant must be told in advance (ONE-STOP.md §3.6).
    case 'ResultReady':
      return e.outcome === 'EARLY' ? 'EARLY_RETURN' : 'RESULT_READY';
    case 'DossierRejected':
      return 'REJECTION';
    case 'ResultHandedToPost':
    case 'ResultBackAtUnit':
      return 'POSTAL_DELIVERY';
    default:
      return null;
  }
}

/** The notices the recorded events from `scanned` on call for, in log order. */
export function pendingNotices(log: readonly RecordedEvent[], scanned: number, procedureName: string): ApplicantNotice[] {
  return log.slice(scanned).flatMap((r) => {
    const kind = noticeKindOf(r.event);
    if (kind === null) return [];
    // The post's late "returned to sender" for a result already back at the unit changes nothing: told once.
    const before = log[r.sequence - 2];
    if (r.event.type === 'ResultBackAtUnit' && before?.status === 'AWAITING_COLLECTION') return [];
    return [
      {
        eventId: r.id,
        kind,
        cause: r.event.type,
        code: r.code,
        procedure: { code: r.procedure.code, name: procedureName },
        at: r.event.at,
        appointment: r.finalDueAt,
      },
    ];
  });
}
