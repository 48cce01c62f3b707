import { WithdrawalReasons } from '../reasons';
import { eventPayload, EventNoteRefSchema } from './shared';

export const DossierWithdrawnSchema = eventPayload('DossierWithdrawn', 'The applicant withdrew the dossier (terminal)', {
  reason: WithdrawalReasons.schema.nullable(),
  noteRef: EventNoteRefSchema,
});
