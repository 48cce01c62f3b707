import { AgencyIdSchema } from '../procedure';
import { AlertScopeSchema, AlertTypeSchema } from '../statuses';
import { EventInstantSchema } from '../time';
import { eventPayload, MemberSchema } from './shared';

export const AlertRaisedSchema = eventPayload('AlertRaised', 'A timer fired: near due, overdue, apology or reschedule missed, a consultation\'s answer missing at its deadline (escalated to the head of the one-stop unit)', {
  alert: AlertTypeSchema,
  scope: AlertScopeSchema,
  agency: AgencyIdSchema.nullable().describe('for a STAGE alert, the member agency; for a CONSULTATION alert, the consulted agency'),
  member: MemberSchema.nullable(),
  dueAt: EventInstantSchema.describe('the deadline the alert is about'),
});
