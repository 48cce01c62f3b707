import { z } from 'zod';

/**
 * What the applicant is told, and how (ONE-STOP.md §3, §5, §8): one kind per occasion. The texts
 * are Vietnamese, rendered from templates by the notification activity; what was sent is listed by
 * GET /api/v1/dossiers/{code}/notifications.
 */
export const NotificationKindSchema = z.enum([
  /** Form 01: received, with the appointment. */
  'RECEIPT',
  /** Form 02 at intake, or a supplement requested after appraisal. */
  'SUPPLEMENT_REQUEST',
  /** Form 03: refused at intake. */
  'REFUSAL',
  /** Form 04: the apology with the new appointment. */
  'APOLOGY',
  /** The result is ready on a date before the appointment: the applicant is told in advance that it may be collected early. */
  'EARLY_RETURN',
  'RESULT_READY',
  /** Refused after appraisal (a result). */
  'REJECTION',
  /** The result is with the post, or back at the unit after failed deliveries. */
  'POSTAL_DELIVERY',
]);
export type NotificationKind = z.infer<typeof NotificationKindSchema>;

export const NotificationChannelSchema = z.enum(['SMS', 'EMAIL']);
export type NotificationChannel = z.infer<typeof NotificationChannelSchema>;

/**
 * PENDING: recorded, not yet confirmed sent (being sent, or a send whose outcome was lost);
 * SENT: the provider accepted it; RECORDED: the local provider kept it and sent nothing (no SMS or
 * e-mail provider configured); FAILED: the provider refused it, or sending was given up.
 */
export const NotificationStatusSchema = z.enum(['PENDING', 'SENT', 'RECORDED', 'FAILED']);
export type NotificationStatus = z.infer<typeof NotificationStatusSchema>;

export const DossierNotificationSchema = z.object({
  kind: NotificationKindSchema,
  channel: NotificationChannelSchema,
  to: z.string().describe('the phone number or e-mail address, masked (e.g. 091****678, n***@example.com)'),
  text: z.string().describe('the text sent, in Vietnamese'),
  at: z.string().describe('when it was recorded, ISO-8601 with offset, Vietnam time (+07:00)'),
  status: NotificationStatusSchema,
});
export type DossierNotification = z.infer<typeof DossierNotificationSchema>;

export const DossierNotificationListSchema = z.array(DossierNotificationSchema);
