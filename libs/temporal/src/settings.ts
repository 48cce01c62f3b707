/** Where Temporal is, from the environment (infra/local sets these; production sets its own). */
export interface TemporalSettings {
  address: string;
  namespace: string;
  taskQueue: string;
}

export function temporalSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): TemporalSettings {
  return {
    address: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    namespace: env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: env.TEMPORAL_TASK_QUEUE ?? 'dossiers',
  };
}

/**
 * TEMPORAL_MAX_CACHED_WORKFLOWS: the worker's workflow cache bound (a whole number, 0 turns the
 * cache off); unset: the SDK's default. A province keeps tens of thousands of dossiers open, each a
 * sleeping workflow: the bound keeps the worker's memory flat whatever their number (measured by
 * `npm run bench -- --open N`).
 */
export function maxCachedWorkflowsFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env.TEMPORAL_MAX_CACHED_WORKFLOWS?.trim();
  if (!raw) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`TEMPORAL_MAX_CACHED_WORKFLOWS must be a whole number (0 turns the cache off), not "${raw}"`);
  return n;
}
