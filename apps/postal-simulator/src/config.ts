import { parseWebhookSecrets } from '@motcua/standard-webhooks';

/** The simulator's knobs (README "Postal partner"): all optional but the webhook secret. */
export interface SimulatorConfig {
  port: number;
  host: string;
  /** Every random choice is a function of this and what it is about: the same seed, the same behaviour. */
  seed: string;
  /** Between the steps of a leg (and between an order and its first step). */
  delayMs: number;
  /** Between two delivery attempts: null = the rule's 2 working days (ONE-STOP §5), in real time. */
  attemptGapMs: number | null;
  failedAttemptRate: number;
  duplicateRate: number;
  reorderRate: number;
  orderErrorRate: number;
  forgedRate: number;
  staleRate: number;
  /** How long a "timeout" fault holds an order request before dropping the connection. */
  timeoutMs: number;
  /** Webhook retries: the first back-off (doubled each time, at most a minute), and how many attempts in all. */
  retryBaseMs: number;
  maxDeliveryAttempts: number;
  /** `whsec_<base64>`: the first of POSTAL_WEBHOOK_SECRETS. */
  secret: string;
  /** Where the orders are kept across restarts; null: in memory only. */
  stateDir: string | null;
}

function rate(env: NodeJS.ProcessEnv, name: string): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return 0;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new Error(`${name} must be a number from 0 to 1, not ${JSON.stringify(raw)}`);
  return n;
}

function count(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer of at least ${min}, not ${JSON.stringify(raw)}`);
  return n;
}

export function simulatorConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SimulatorConfig {
  const secrets = env.POSTAL_WEBHOOK_SECRETS;
  if (!secrets) throw new Error('POSTAL_WEBHOOK_SECRETS is required: the simulator signs its callbacks with the first of them');
  // Checked as the API checks it; the first entry is the signing one (the others are for the API's rotation).
  parseWebhookSecrets(secrets);
  const secret = secrets.split(',').map((s) => s.trim()).find((s) => s !== '')!;
  return {
    port: count(env, 'POSTAL_SIM_PORT', 3100),
    host: env.POSTAL_SIM_HOST || '127.0.0.1',
    seed: env.POSTAL_SIM_SEED || '1',
    delayMs: count(env, 'POSTAL_SIM_DELAY_MS', 3000),
    attemptGapMs: env.POSTAL_SIM_ATTEMPT_GAP_MS ? count(env, 'POSTAL_SIM_ATTEMPT_GAP_MS', 0) : null,
    failedAttemptRate: rate(env, 'POSTAL_SIM_FAILED_ATTEMPT_RATE'),
    duplicateRate: rate(env, 'POSTAL_SIM_DUPLICATE_RATE'),
    reorderRate: rate(env, 'POSTAL_SIM_REORDER_RATE'),
    orderErrorRate: rate(env, 'POSTAL_SIM_ORDER_ERROR_RATE'),
    forgedRate: rate(env, 'POSTAL_SIM_FORGED_RATE'),
    staleRate: rate(env, 'POSTAL_SIM_STALE_RATE'),
    timeoutMs: count(env, 'POSTAL_SIM_TIMEOUT_MS', 30_000),
    retryBaseMs: count(env, 'POSTAL_SIM_RETRY_MS', 1000, 1),
    maxDeliveryAttempts: count(env, 'POSTAL_SIM_MAX_ATTEMPTS', 8, 1),
    secret,
    stateDir: env.POSTAL_SIM_STATE_DIR || null,
  };
}
