import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { parseInstant } from '@motcua/calendar';
import { PostalEventBodySchema, type PostalEventBody, type PostalEventType } from '@motcua/contracts';
import { parseDossierCode, POSTAL_PARTNER, type Actor } from '@motcua/dossier';
import type { PostalEvents } from '@motcua/store';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { Clock } from '../dossiers/clock';
import { DossierGateway, type PostalCommand } from '../dossiers/dossier-gateway';
import { ApiError, badRequest, notFound, payloadTooLarge } from '../errors/api-error';
import { parseOr400 } from '../errors/parse-body';
import { POSTAL_BODY_LIMIT } from '../http/raw-body';
import { POSTAL_EVENTS } from '../store/store.tokens';
import { StandardWebhookVerifier, type WebhookHeaders, type WebhookVerifier } from '@motcua/standard-webhooks';

/** Who the post's reports are given as: the role and partner the authorization table expects. */
export const POSTAL_ACTOR: Actor = { id: 'vnpost', role: 'POSTAL_OPERATOR', agency: POSTAL_PARTNER };

/**
 * How long a delivery may be processing before a later delivery of the same event takes over: a
 * process that died mid-way would otherwise leave the event answered 409 for good. Longer than the
 * API's wait for a workflow, so a slow first delivery is not run twice at once.
 */
const CLAIM_LEASE_MS = 120_000;

/** The dossier's update for each event type (workflows' update names). */
const COMMANDS: Record<PostalEventType, PostalCommand> = {
  PICKED_UP: 'postalPickedUp',
  HANDED_OVER: 'postalHandover',
  DELIVERY_ATTEMPT_FAILED: 'postalDeliveryFailed',
  DELIVERED: 'postalDelivered',
  RETURNED_TO_SENDER: 'postalReturnedToSender',
};

/** What an accepted event answers (and a repeat of it, identically). */
export interface PostalEventAnswer {
  eventId: string;
  dossierCode: string;
  type: PostalEventType;
  /** The dossier's status after the event. */
  status: string;
  /** False for a late report the state already implied: recorded, nothing changed. */
  changed: boolean;
}

/**
 * POST /api/v1/postal/events (CONTRACTS.md "Postal partner"): the checks in the contract's order
 * (signature 401, size 413, body 400, dossier 404, de-duplication 200/422/409), then the event as
 * the dossier's update, given by the postal operator at the instant the post reports.
 */
@Injectable()
export class PostalWebhookService {
  private readonly verifier: WebhookVerifier | null;

  constructor(
    @Inject(API_CONFIG) config: ApiConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(DossierGateway) private readonly gateway: DossierGateway,
    @Inject(POSTAL_EVENTS) private readonly events: PostalEvents,
  ) {
    this.verifier = config.postalWebhookSecrets ? new StandardWebhookVerifier(config.postalWebhookSecrets) : null;
  }

  async receive(rawBody: Buffer, headers: WebhookHeaders, onDossier: (code: string) => void): Promise<PostalEventAnswer> {
    if (!this.verifier) {
      throw new ApiError(503, 'UNAVAILABLE', 'POSTAL.WEBHOOK_NOT_CONFIGURED', 'the postal webhook has no secrets configured (POSTAL_WEBHOOK_SECRETS); nothing is accepted unverified');
    }
    const now = this.clock.now();
    const check = this.verifier.verify(headers, rawBody, now);
    if (!check.ok) throw new ApiError(401, 'UNAUTHORIZED', check.rule, check.message);
    if (rawBody.length > POSTAL_BODY_LIMIT) throw payloadTooLarge(`the body is larger than ${POSTAL_BODY_LIMIT / 1024} kB`);

    const event = this.parse(rawBody);
    if (event.eventId !== headers.id) throw badRequest('webhook-id must be the body\'s eventId', 'POSTAL.WEBHOOK_ID_MISMATCH');
    const at = parseInstant(event.occurredAt);
    if (at > now) throw badRequest(`occurredAt ${event.occurredAt} is in the future`, 'POSTAL.OCCURRED_IN_FUTURE');

    if (!parseDossierCode(event.dossierCode)) throw notFound(`dossier ${JSON.stringify(event.dossierCode)} not found`);
    onDossier(event.dossierCode);
    // 404 for an unknown dossier (the gateway's own error); the status before, to tell a late report.
    const before = (await this.gateway.read(event.dossierCode)).view.status;

    const digest = createHash('sha256').update(rawBody).digest('hex');
    const claim = await this.events.claim(event.eventId, digest, event.dossierCode, new Date(now), CLAIM_LEASE_MS);
    switch (claim.outcome) {
      case 'conflict':
        throw new ApiError(422, 'UNPROCESSABLE_ENTITY', 'POSTAL.EVENT_ID_REUSED', `event ${event.eventId} was received before with another body`);
      case 'in-flight':
        throw new ApiError(409, 'CONFLICT', 'POSTAL.EVENT_IN_FLIGHT', `event ${event.eventId} is still being processed; retry later`);
      case 'done':
        return claim.answer as PostalEventAnswer;
      case 'claimed':
        break;
    }

    try {
      // The update id is the event's: a retry after a crash (the claim taken over) cannot apply it twice.
      const view = await this.gateway.execute(event.dossierCode, COMMANDS[event.type], this.commandArg(event), `postal:${event.eventId}`);
      const answer: PostalEventAnswer = { eventId: event.eventId, dossierCode: event.dossierCode, type: event.type, status: view.status, changed: view.status !== before };
      await this.events.complete(event.eventId, 200, answer);
      return answer;
    } catch (e) {
      // Refused (the state contradicts it, or it is dated before the dossier's last event) or not
      // processed: nothing is remembered, so the partner's retry is judged against the dossier as
      // it is then. An event is never applied out of order; it waits at the sender.
      await this.events.release(event.eventId);
      throw e;
    }
  }

  private parse(rawBody: Buffer): PostalEventBody {
    let json: unknown;
    try {
      json = JSON.parse(rawBody.toString('utf8'));
    } catch {
      throw badRequest('the body is not valid JSON (a JSON object is expected)');
    }
    return parseOr400(PostalEventBodySchema, json);
  }

  /** The update's argument: the command's own fields, the operator, and the post's instant (trusted: signed). */
  private commandArg(event: PostalEventBody): Record<string, unknown> & { by: Actor } {
    const meta = { by: POSTAL_ACTOR, at: event.occurredAt };
    switch (event.type) {
      case 'PICKED_UP':
      case 'HANDED_OVER':
        return { waybill: event.waybill, ...meta };
      case 'DELIVERY_ATTEMPT_FAILED':
        return { ...(event.reason ? { reason: event.reason } : {}), ...meta };
      default:
        return meta;
    }
  }
}
