import { Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { PostalWebhookService, type PostalEventAnswer } from './postal-webhook.service';

interface WebhookRequest {
  rawBody?: Buffer;
  headers: Record<string, string | string[] | undefined>;
  /** Read by the audit trail: the dossier the event is about, once known. */
  auditTarget?: string;
}

const header = (req: WebhookRequest, name: string) => {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
};

/**
 * The postal partner's webhook (Standard Webhooks 1.0). No bearer token (authenticate.ts lists it
 * as public): the signature over the raw body is the authentication.
 */
@Controller('api/v1/postal')
export class PostalController {
  constructor(@Inject(PostalWebhookService) private readonly webhook: PostalWebhookService) {}

  @Post('events')
  @HttpCode(200)
  receive(@Req() req: WebhookRequest): Promise<PostalEventAnswer> {
    const headers = { id: header(req, 'webhook-id'), timestamp: header(req, 'webhook-timestamp'), signature: header(req, 'webhook-signature') };
    // http/raw-body.ts always sets it on this path; an empty body is the same as none.
    return this.webhook.receive(req.rawBody ?? Buffer.alloc(0), headers, (code) => (req.auditTarget = code));
  }
}
