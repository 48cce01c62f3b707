import { InMemoryDossierGateway } from '../testing/in-memory-dossier-gateway';
import { answerProblems, HOSTILE_REQUESTS, withToken } from '../testing/hostile-requests';
import { people } from '../testing/test-tokens';
import { rawRequest } from '../testing/raw-request';
import { startTestApp, type TestApp } from '../testing/start-test-app';

/** The field report's malformed and hostile requests, in process (npm-start.int.spec.ts: the same against `npm start`). */
describe('malformed and hostile requests', () => {
  let t: TestApp;
  let gateway: InMemoryDossierGateway;
  let code: string;
  beforeAll(async () => {
    gateway = new InMemoryDossierGateway();
    t = await startTestApp({ gateway });
    const created = await t.call('POST', '/api/v1/dossiers', {
      procedureCode: 'LLTP-CAP-PHIEU',
      channel: 'COUNTER',
      applicant: { name: 'Nguyễn Văn A', idNumber: '001099012345', phone: '0912345678' },
    });
    code = created.body.code;
  });
  afterAll(() => t.close());

  it.each(HOSTILE_REQUESTS.map((r) => [r.name, r] as const))('%s', async (_name, req) => {
    const commands = gateway.commands.length;
    const answer = await rawRequest(t.url, { ...withToken(req, await t.tokens.tokenFor(people.oneStop())), path: req.path.replace('{code}', code) });
    expect(answerProblems(req, answer)).toEqual([]);
    expect(gateway.commands).toHaveLength(commands);
  });

  it('still takes an empty POST without a content type as {}, and JSON with charset=utf-8 or in capitals', async () => {
    const auth: [string, string] = ['Authorization', `Bearer ${await t.tokens.tokenFor(people.oneStop())}`];
    const accepted = await rawRequest(t.url, { method: 'POST', path: `/api/v1/dossiers/${code}/accept`, headers: [auth] });
    expect([accepted.status, JSON.parse(accepted.body).status]).toEqual([200, 'IN_PROCESSING']);
    const lengthZero = await rawRequest(t.url, { method: 'POST', path: `/api/v1/dossiers/${code}/accept`, headers: [auth], body: '' });
    expect([lengthZero.status, JSON.parse(lengthZero.body).error.rule]).toEqual([409, 'LIFECYCLE.ACTION_NOT_ALLOWED']);
    const body = JSON.stringify({ procedureCode: 'LLTP-CAP-PHIEU', channel: 'COUNTER', applicant: { name: 'A', idNumber: '001099012345', phone: '0912345678' } });
    for (const type of ['application/json; charset=utf-8', 'Application/JSON; Charset="UTF-8"', 'application/json']) {
      const r = await rawRequest(t.url, { method: 'POST', path: '/api/v1/dossiers', headers: [['Content-Type', type], auth], body });
      expect([type, r.status]).toEqual([type, 201]);
    }
  });

  it('serves HEAD where GET is served, and Swagger UI\'s assets, without naming the framework', async () => {
    const head = await rawRequest(t.url, { method: 'HEAD', path: '/health' });
    expect([head.status, head.headers['x-powered-by']]).toEqual([200, undefined]);
    expect((await rawRequest(t.url, { method: 'GET', path: '/docs/swagger-ui.css' })).status).toBe(200);
    expect((await rawRequest(t.url, { method: 'GET', path: '/api/v1/procedures/LLTP-CAP-PHIEU' })).status).toBe(200);
  });
});
