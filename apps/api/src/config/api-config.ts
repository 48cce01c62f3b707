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
  /** Key of the pseudonymous applicant reference (HMAC); the default is for development only. */
  applicantRefSecret: string;
  /** How long /health waits for each of Temporal and Kafka. */
  healthTimeoutMs: number;
  /** How long a query or an update may take before the API answers 503. */
  temporalCallTimeoutMs: number;
  /** The operational store: PostgreSQL (DATABASE_URL) or embedded PGlite (STORE_DIR). */
  store: StoreLocation;
}

export const API_CONFIG = Symbol('ApiConfig');

export const DEV_APPLICANT_REF_SECRET = 'motcua-dev-applicant-ref-secret';

export function apiConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  return {
    port: intFrom(env, 'API_PORT', 3000, 0, 65535),
    host: env.API_HOST || '127.0.0.1',
    temporal: temporalSettingsFromEnv(env),
    kafkaBrokers: brokersFromEnv(env),
    calendarId: env.API_CALENDAR || 'VN-GOV',
    applicantRefSecret: env.APPLICANT_REF_SECRET || DEV_APPLICANT_REF_SECRET,
    healthTimeoutMs: intFrom(env, 'API_HEALTH_TIMEOUT_MS', 2000, 100, 60_000),
    temporalCallTimeoutMs: intFrom(env, 'API_TEMPORAL_TIMEOUT_MS', 15_000, 100, 600_000),
    store: storeLocationFromEnv(env),
  };
}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name}=${raw}: expected an integer in ${min}..${max}`);
  return n;
}
