import { z } from 'zod';
import { ChannelSchema, DossierStatusSchema } from './statuses';

/** The topic every dossier event goes to; key = dossier code, so a dossier's events keep their order. */
export const DOSSIER_EVENTS_TOPIC = 'dossier.events';
export const DOSSIER_EVENT_TYPE_PREFIX = 'vn.motcua.dossier.';
export const DOSSIER_EVENT_SOURCE = 'urn:motcua:dossiers';

/**
 * A dossier event on Kafka: CloudEvents 1.0, structured JSON mode. Producers (the publishing
 * activity), consumers (projections, reports) and the AsyncAPI document all use this one schema.
 */
export const DossierEventDataSchema = z.object({
  /** 1, 2, 3… without gaps within the dossier. */
  sequence: z.number().int().positive(),
  code: z.string(),
  /** The domain event's name, e.g. DossierAccepted (also the CloudEvent type's suffix). */
  type: z.string(),
  /** The dossier's status after the event. */
  status: z.union([DossierStatusSchema, z.literal('NEW')]),
  channel: ChannelSchema.nullable(),
  unit: z.string(),
  ruleSet: z.string(),
  procedure: z.object({ code: z.string(), version: z.string() }),
  /** Who acted: a pseudonymous person id, a role, an agency. */
  actor: z.object({ id: z.string(), role: z.string(), agency: z.string().nullable() }),
  /** The current due instant (legal appointment) and the final one (after an apology). */
  dueAt: z.string().nullable(),
  finalDueAt: z.string().nullable(),
  /** The event's own fields (instants as ISO-8601, +07:00). */
  payload: z.record(z.string(), z.unknown()),
});
export type DossierEventData = z.infer<typeof DossierEventDataSchema>;

export const DossierCloudEventSchema = z.object({
  specversion: z.literal('1.0'),
  /** Deterministic: `<dossier code>:<sequence>`; consumers de-duplicate by it. */
  id: z.string(),
  source: z.literal(DOSSIER_EVENT_SOURCE),
  type: z.string().startsWith(DOSSIER_EVENT_TYPE_PREFIX),
  /** The dossier code (also the Kafka key). */
  subject: z.string(),
  /** When it happened (domain time), not when it was published. */
  time: z.string(),
  datacontenttype: z.literal('application/json'),
  data: DossierEventDataSchema,
});
export type DossierCloudEvent = z.infer<typeof DossierCloudEventSchema>;
