import { InMemoryDossierGateway } from '../testing/in-memory-dossier-gateway';
import { startTestApp } from '../testing/start-test-app';

describe('GET /health', () => {
  const withProbe = (temporal: boolean, kafka: boolean) =>
    startTestApp({ gateway: new InMemoryDossierGateway(), health: { check: async () => ({ temporal, kafka }) } });

  it('is 200 only when Temporal and Kafka both answer', async () => {
    const t = await withProbe(true, true);
    try {
      const r = await t.call('GET', '/health');
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ status: 'UP', checks: { temporal: 'UP', kafka: 'UP' } });
    } finally {
      await t.close();
    }
  });

  it.each([
    [false, true, 'temporal is not reachable'],
    [true, false, 'kafka is not reachable'],
    [false, false, 'temporal and kafka are not reachable'],
  ])('is 503 naming what is down (temporal %s, kafka %s)', async (temporal, kafka, message) => {
    const t = await withProbe(temporal, kafka);
    try {
      const r = await t.call('GET', '/health');
      expect(r.status).toBe(503);
      expect(r.body.status).toBe('DOWN');
      expect(r.body.checks).toEqual({ temporal: temporal ? 'UP' : 'DOWN', kafka: kafka ? 'UP' : 'DOWN' });
      expect(r.body.error).toEqual({ code: 'UNAVAILABLE', rule: null, message });
    } finally {
      await t.close();
    }
  });
});
