import * as path from 'node:path';
import { DEFAULT_CLAIM_PATHS, type ClaimPaths } from '../auth/claims';
import { parseWebhookSecrets } from '@motcua/standard-webhooks';
import { brokersFromEnv } from '@motcua/event-bus';
import { storeLocationFromEnv, type StoreLocation } from '@motcua/store';
import { temporalSettingsFromEnv, type TemporalSettings } from '@motcua/temporal';

/** Everything the API reads from the environment, read once at start-up. */
export interface ApiConfig {
  port: number;
  host: string;
  temporal: TemporalSettings;
  kafkaBrokers: string[];
  /** The working calendar new dossiers are received under (its latest version is recorded). */
  calendarId: string;
  /** Key of the pseudonymous applicant reference (HMAC). */
  applicantRefSecret: string;
  /** Explicit dev mode (MOTCUA_DEV_INSECURE_KEYS=1): a key that is not real was accepted. */
  insecureKeys: boolean;
  /** How long /health waits for each of Temporal and Kafka. */
  healthTimeoutMs: number;
  /** How long a query or an update may take before the API answers 503. */
  temporalCallTimeoutMs: number;
  /** How long a dossier stays open for the applicant's rating once the result is returned (RATING_WINDOW_DAYS, calendar days; 0: none). */
  ratingWindowMs: number;
  /** The operational store: PostgreSQL (DATABASE_URL) or embedded PGlite (STORE_DIR). */
  store: StoreLocation;
  /**
   * Whose access tokens the API accepts (AUTH_ISSUER, AUTH_AUDIENCE) and where their claims put
   * roles and the agency (AUTH_CLAIM_ROLES, AUTH_CLAIM_AGENCY: dot-paths). No issuer, no start
   * (main.ts); tests hand the app a verifier of their own.
   */
  auth: { issuer: string | null; audience: string; claims: ClaimPaths; clockToleranceS: number };
  /**
   * The postal partner's webhook keys (POSTAL_WEBHOOK_SECRETS: comma-separated `whsec_<base64>`,
   * several during a rotation). None: the API starts, and the webhook answers 503.
   */
  postalWebhookSecrets: Buffer[] | null;
  /** Where the public reaches this API (PUBLIC_URL): the QR code on Form 01 points at its look-up. */
  publicUrl: string;
  /** The web pages' build (DASHBOARD_DIR, default dist/apps/dashboard under the working directory). */
  dashboardDir: string;
  /** The Temporal Web UI the dossier page links to (TEMPORAL_UI, as the local stack prints it); none: no link. */
  temporalUi: string | null;
  /**
   * The live breach board (BREACH_FEED_INTERVAL_MS: how often the read model is read while a
   * page listens; STREAM_HEARTBEAT_MS; STREAM_TICKET_TTL_MS: how long a ticket may open a stream).
   */
  stream: { feedIntervalMs: number; heartbeatMs: number; retryMs: number; ticketTtlMs: number };
}

export const API_CONFIG = Symbol('ApiConfig');

/** Public (it is in the repository): accepted only in explicit dev mode. */
export const DEV_APPLICANT_REF_SECRET = 'motcua-dev-applicant-ref-secret';
/** Long enough that the key cannot be guessed to reverse references by trying every citizen id. */
export const MIN_APPLICANT_REF_SECRET_LENGTH = 32;

export function apiConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  return {
    port: intFrom(env, 'API_PORT', 3000, 0, 65535),
    host: env.API_HOST || '127.0.0.1',
    temporal: temporalSettingsFromEnv(env),
    kafkaBrokers: brokersFromEnv(env),
    calendarId: env.API_CALENDAR || 'VN-GOV',
    ...applicantRefKey(env),
    healthTimeoutMs: intFrom(env, 'API_HEALTH_TIMEOUT_MS', 2000, 100, 60_000),
    temporalCallTimeoutMs: intFrom(env, 'API_TEMPORAL_TIMEOUT_MS', 15_000, 100, 600_000),
    ratingWindowMs: intFrom(env, 'RATING_WINDOW_DAYS', 30, 0, 365) * 86_400_000,
    store: storeLocationFromEnv(env),
    auth: {
      issuer: env.AUTH_ISSUER || null,
      audience: env.AUTH_AUDIENCE || 'motcua-api',
      claims: { roles: env.AUTH_CLAIM_ROLES || DEFAULT_CLAIM_PATHS.roles, agency: env.AUTH_CLAIM_AGENCY || DEFAULT_CLAIM_PATHS.agency },
      clockToleranceS: intFrom(env, 'AUTH_CLOCK_TOLERANCE_S', 30, 0, 300),
    },
    // A malformed secret stops the start: a typo would otherwise refuse every event in silence.
    postalWebhookSecrets: env.POSTAL_WEBHOOK_SECRETS ? parseWebhookSecrets(env.POSTAL_WEBHOOK_SECRETS) : null,
    publicUrl: (env.PUBLIC_URL || `http://localhost:${intFrom(env, 'API_PORT', 3000, 0, 65535)}`).replace(/\/+$/, ''),
    dashboardDir: path.resolve(env.DASHBOARD_DIR || 'dist/apps/dashboard'),
    temporalUi: env.TEMPORAL_UI || null,
    stream: {
      feedIntervalMs: intFrom(env, 'BREACH_FEED_INTERVAL_MS', 500, 50, 60_000),
      heartbeatMs: intFrom(env, 'STREAM_HEARTBEAT_MS', 15_000, 100, 300_000),
      retryMs: 2000,
      ticketTtlMs: intFrom(env, 'STREAM_TICKET_TTL_MS', 60_000, 1000, 600_000),
    },
  };
}

/**
 * A public or short key would let anyone who reads Kafka recompute `applicantRef` for every
 * 12-digit citizen id, i.e. re-identify applicants: outside explicit dev mode the API does not
 * start without a real one. The messages never contain the key.
 */
function applicantRefKey(env: NodeJS.ProcessEnv): Pick<ApiConfig, 'applicantRefSecret' | 'insecureKeys'> {
  const given = env.APPLICANT_REF_SECRET ?? '';
  const real = given.length >= MIN_APPLICANT_REF_SECRET_LENGTH && given !== DEV_APPLICANT_REF_SECRET;
  if (real) return { applicantRefSecret: given, insecureKeys: false };
  if (env.MOTCUA_DEV_INSECURE_KEYS === '1') return { applicantRefSecret: given || DEV_APPLICANT_REF_SECRET, insecureKeys: true };
  const why =
    given === ''
      ? 'is not set'
      : given === DEV_APPLICANT_REF_SECRET
        ? 'is the development key published in the repository'
        : `is shorter than ${MIN_APPLICANT_REF_SECRET_LENGTH} characters`;
  throw new Error(
    `APPLICANT_REF_SECRET ${why}: set a random secret of at least ${MIN_APPLICANT_REF_SECRET_LENGTH} characters ` +
      '(e.g. `openssl rand -base64 32`), or MOTCUA_DEV_INSECURE_KEYS=1 on a development machine',
  );
}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name}=${raw}: expected an integer in ${min}..${max}`);
  return n;
}
