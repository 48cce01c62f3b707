import { createHash, createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@motcua/dossier';
import type { RequestKeys } from '@motcua/store';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { keyReused } from '../errors/api-error';
import { REQUEST_KEYS } from '../store/store.tokens';

/** A request that came with an Idempotency-Key, once its key is claimed for it. */
export interface KeyedRequest {
  /** Stable id of (caller, key): the Temporal update id and the allocator's key derive from it. */
  readonly id: string;
  readonly scope: string;
  readonly key: string;
  /** The dossier an earlier attempt of this same request registered, if any. */
  readonly dossierCode: string | null;
}

/**
 * What an Idempotency-Key means here (CONTRACTS.md): one key names one request of one caller, for
 * good. A retry of the same request (same caller, key, path and body) goes on to the same result —
 * the same dossier, the same update id, so Temporal applies it once; the key reused for any other
 * request is refused with 422 IDEMPOTENCY.KEY_REUSED, before anything happens.
 */
@Injectable()
export class RequestKeysService {
  private readonly digestKey: Buffer;

  constructor(
    @Inject(REQUEST_KEYS) private readonly keys: RequestKeys,
    @Inject(API_CONFIG) config: ApiConfig,
  ) {
    // Keyed, because a request body can hold personal data: the stored digest must not be
    // reversible by trying candidate bodies.
    this.digestKey = createHmac('sha256', config.applicantRefSecret).update('motcua/request-digest/v1').digest();
  }

  async claim(by: Actor, key: string, target: string, request: unknown): Promise<KeyedRequest> {
    const scope = by.id;
    const digest = createHmac('sha256', this.digestKey).update(`${target}\n${JSON.stringify(request)}`).digest('hex');
    const claim = await this.keys.claim(scope, key, digest);
    if (claim.outcome === 'reused') {
      throw keyReused(`Idempotency-Key "${key}" was already used by this caller for another request; use a new key for a new request`);
    }
    const id = createHash('sha256').update(`${scope}\u0000${key}`).digest('hex').slice(0, 40);
    return { id, scope, key, dossierCode: claim.dossierCode };
  }

  /** Records the dossier the request registered; answers the one recorded first. */
  bind(request: KeyedRequest, dossierCode: string): Promise<string> {
    return this.keys.bindDossier(request.scope, request.key, dossierCode);
  }
}
