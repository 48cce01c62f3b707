import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { InMemoryDossierGateway } from '../testing/in-memory-dossier-gateway';
import { startTestApp, type TestApp } from '../testing/start-test-app';

/** The web pages' shell and files, as the API serves them on its origin (no token: the page logs in itself). */
describe('the web pages', () => {
  let t: TestApp;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-web-'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>shell</title>');
  fs.writeFileSync(path.join(dir, 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'app.js.map'), '{}');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'not served');

  beforeAll(async () => {
    t = await startTestApp({
      gateway: new InMemoryDossierGateway(),
      config: { dashboardDir: dir, auth: { issuer: 'http://127.0.0.1:3999', audience: 'motcua-api', claims: { roles: 'roles', agency: 'agency' }, clockToleranceS: 30 } },
    });
  });
  afterAll(() => t.close());

  it('answers the shell for the dashboard, the workbench and the login return, with a policy that admits the identity provider', async () => {
    for (const p of ['/dashboard', '/dashboard/dossiers/000.00.00.H26-260303-0001', '/workbench', '/auth/callback?code=x&state=y']) {
      const res = await fetch(t.url + p);
      expect([p, res.status, await res.text()]).toEqual([p, 200, '<!doctype html><title>shell</title>']);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toContain("connect-src 'self' http://127.0.0.1:3999");
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self';");
    }
  });

  it('serves the built scripts and the page configuration, nothing else of the folder', async () => {
    const js = await fetch(`${t.url}/web/app.js`);
    expect([js.status, js.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect((await fetch(`${t.url}/web/app.js.map`)).status).toBe(200);
    expect(await (await fetch(`${t.url}/web/config.json`)).json()).toEqual({ issuer: 'http://127.0.0.1:3999', clientId: 'motcua-web', temporalUi: null, namespace: 'default' });
    for (const p of ['/web/secret.txt', '/web/index.html', '/web/..%2Fsecret.txt', '/web/nothing.js']) expect([p, (await fetch(t.url + p)).status]).toEqual([p, 404]);
    expect((await fetch(`${t.url}/dashboard`, { method: 'POST' })).status).toBe(404);
  });
});
