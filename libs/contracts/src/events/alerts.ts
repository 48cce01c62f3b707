import { AgencyIdSchema } from '../procedure';
import { AlertScopeSchema, AlertTypeSchema } from '../statuses';
import { EventInstantSchema } from '../time';
import { eventPayload, MemberSchema } from './shared';

export const AlertRaisedSchema = eventPayload('AlertRaised', 'A timer fired: near due, overdue, apology or reschedule missed', {
  alert: AlertTypeSchema,
  scope: AlertScopeSchema,
  agency: AgencyIdSchema.nullable().describe('for a STAGE alert, the member agency'),
  member: MemberSchema.nullable(),
  dueAt: EventInstantSchema.describe('the deadline the alert is about'),
});
