import type { StoreSchema } from '@motcua/store';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { vietnamIso } from './postal-transit';

export const AlertWebhookFailuresSchema = z.object({
  failed: z.number().int().min(0).describe('alerts the sender gave up on (FAILED: the webhook refused them for good)'),
  retrying: z.number().int().min(0).describe('alerts still PENDING after at least one failed attempt'),
  rows: z
    .array(
      z.object({
        eventId: z.string(),
        dossierCode: z.string(),
        status: z.enum(['FAILED', 'PENDING']),
        attempts: z.number().int().min(1),
        raisedAt: z.string(),
        lastError: z.string().nullable(),
        nextAttemptAt: z.string().nullable().describe('for PENDING: when the sender tries again; null for FAILED'),
      }),
    )
    .describe('the failed and retrying alerts, the latest raised first (at most 200)'),
});
export type AlertWebhookFailures = z.infer<typeof AlertWebhookFailuresSchema>;

/** The webhook outbox's rows that gave up or are retrying (migration 0011), for operations. */
export async function readAlertWebhookFailures(db: Kysely<StoreSchema>): Promise<AlertWebhookFailures> {
  const troubled = db
    .selectFrom('alert_webhook_outbox')
    .where((eb) => eb.or([eb('status', '=', 'FAILED'), eb.and([eb('status', '=', 'PENDING'), eb('attempts', '>', 0)])]));
  const counts = await troubled.select(['status', (eb) => eb.fn.countAll<string>().as('n')]).groupBy('status').execute();
  const n = (s: string) => Number(counts.find((c) => c.status === s)?.n ?? 0);
  const rows = await troubled
    .select(['event_id', 'dossier_code', 'status', 'attempts', 'raised_at', 'last_error', 'next_attempt_at'])
    .orderBy('raised_at', 'desc')
    .orderBy('position', 'desc')
    .limit(200)
    .execute();
  return {
    failed: n('FAILED'),
    retrying: n('PENDING'),
    rows: rows.map((r) => ({
      eventId: r.event_id,
      dossierCode: r.dossier_code,
      status: r.status as 'FAILED' | 'PENDING',
      attempts: r.attempts,
      raisedAt: vietnamIso(r.raised_at.getTime()),
      lastError: r.last_error,
      nextAttemptAt: r.status === 'PENDING' ? vietnamIso(r.next_attempt_at.getTime()) : null,
    })),
  };
}
