import { eventId, type DossierEvent, type RecordedEvent } from './events';
import { appointmentOf, finalAppointmentOf, type DossierState } from './state';

/** Wraps an applied event in its envelope: id, sequence, and the dossier as it stands after it. */
export function record(after: DossierState, event: DossierEvent): RecordedEvent {
  return {
    id: eventId(after.code!, after.sequence),
    code: after.code!,
    sequence: after.sequence,
    event,
    status: after.status,
    channel: after.channel,
    ruleSet: after.ruleSet!,
    procedure: { code: after.procedure!.code, version: after.procedure!.version },
    unit: after.unit!,
    dueAt: appointmentOf(after),
    finalDueAt: finalAppointmentOf(after),
  };
}
