/** Whether the servers the API needs answer now (GET /health). */
export interface HealthProbe {
  check(): Promise<{ temporal: boolean; kafka: boolean }>;
}
export const HealthProbe = Symbol('HealthProbe');
