import { InMemoryDossierGateway } from '../testing/in-memory-dossier-gateway';
import { startTestApp } from '../testing/start-test-app';

describe('the request log', () => {
  it('writes one JSON line per request to stderr: method, path, status, ms; no personal data, no query values', async () => {
    const t = await startTestApp({ gateway: new InMemoryDossierGateway() }, { requestLog: true });
    const lines: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const applicant = { name: 'Trần Thị Bình', idNumber: '079190001234', phone: '0987654321', address: '12 Lê Lợi' };
      await t.call('POST', '/api/v1/dossiers', { procedureCode: 'LLTP-CAP-PHIEU', channel: 'COUNTER', applicant });
      await t.call('GET', '/api/v1/dossiers?agency=SO_TU_PHAP');
    } finally {
      spy.mockRestore();
      await t.close();
    }
    const entries = lines.filter((l) => l.includes('"msg":"request"')).map((l) => JSON.parse(l));
    expect(entries).toEqual([
      expect.objectContaining({ level: 'info', service: 'api', method: 'POST', path: '/api/v1/dossiers', status: 201, ms: expect.any(Number) }),
      expect.objectContaining({ method: 'GET', path: '/api/v1/dossiers', status: 200 }),
    ]);
    const all = lines.join('');
    for (const personal of ['Trần Thị Bình', '079190001234', '0987654321', '12 Lê Lợi', 'SO_TU_PHAP']) expect(all).not.toContain(personal);
  });
});
