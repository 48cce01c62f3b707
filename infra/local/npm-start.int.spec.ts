/**
 * `npm start` as users run it: `bash infra/local/start-all.sh`, here against the servers of the
 * test run (TEMPORAL_ADDRESS / KAFKA_BROKERS set, so it starts none), on a free API port, with a
 * state folder of its own, and its own identity provider (AUTH_ISSUER unset, as a user has it).
 * The field report's hostile requests go to the processes it started (the built API and worker),
 * where they once got 500s under tsx and their logs went to /dev/null; then Ctrl-C must stop all
 * of it. Skips itself without servers, e.g. run alone with
 *   set -a; eval "$(MOTCUA_STATE_DIR=/tmp/s MOTCUA_FREE_PORTS=1 TEMPORAL_HEADLESS=1 infra/local/stack.sh up)"; set +a
 *   npx jest -c infra/jest.config.js npm-start
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { answerProblems, HOSTILE_REQUESTS, PERSONAL_FRAGMENTS, withToken } from '../../apps/api/src/testing/hostile-requests';
import { rawRequest } from '../../apps/api/src/testing/raw-request';
import { Client } from 'pg';
import { signWebhook } from '@motcua/standard-webhooks';

const enabled = Boolean(process.env.TEMPORAL_ADDRESS && process.env.KAFKA_BROKERS);
if (!enabled && process.env.MOTCUA_REQUIRE_INTEGRATION === '1') {
  throw new Error('integration tests required (npm test) but TEMPORAL_ADDRESS / KAFKA_BROKERS are not set');
}
jest.setTimeout(90_000);

const ROOT = path.resolve(__dirname, '../..');
const applicant = { name: 'Nguyễn Thị Xuân Mai', idNumber: '079188004321', phone: '0987001122' };

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function portIsFree(port: number): Promise<boolean> {
  const server = net.createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Gone, or a zombie waiting for its reaper: either way it runs no more. */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Whether a process of the group still runs (zombies aside). */
function groupRuns(pgid: number): boolean {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z') return true;
  }
  return false;
}

async function until<T>(what: string, fn: () => T | undefined | Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

(enabled ? describe : describe.skip)('npm start (infra/local/start-all.sh)', () => {
  let state: string;
  let port: number;
  let url: string;
  let startAll: ChildProcess;
  let output = '';
  let exited: Promise<number | null>;
  const pids: Record<'api' | 'worker' | 'identity' | 'postal-simulator' | 'projector' | 'store', number> = { api: 0, worker: 0, identity: 0, 'postal-simulator': 0, projector: 0, store: 0 };
  let idpPort: number;
  let simPort: number;
  let projectorPort: number;
  let issuer: string;
  let bearer: Record<string, string> = {};

  beforeAll(async () => {
    state = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-npm-start-'));
    port = await freePort();
    idpPort = await freePort();
    simPort = await freePort();
    projectorPort = await freePort();
    url = `http://127.0.0.1:${port}`;
    issuer = `http://127.0.0.1:${idpPort}`;
    // A user's environment: no test runner variables, no key (npm start makes one), no identity
    // provider (npm start runs one; the one of npm test is not the user's).
    // The postal simulator on a free port, its legs a few times faster than by default.
    const env: NodeJS.ProcessEnv = { ...process.env, API_PORT: String(port), IDP_PORT: String(idpPort), PROJECTOR_PORT: String(projectorPort), MOTCUA_STATE_DIR: state, POSTAL_SIM_PORT: String(simPort), POSTAL_SIM_DELAY_MS: '300' };
    for (const name of Object.keys(env)) if (/^(JEST|NODE_ENV$|APPLICANT_REF_SECRET$|MOTCUA_DEV_INSECURE_KEYS$|AUTH_ISSUER$|AUTH_AUDIENCE$|POSTAL_API_URL$|POSTAL_WEBHOOK_SECRETS$|POSTAL_SIMULATOR$|DATABASE_URL$|STORE_DIR$)/.test(name)) delete env[name];
    // Its own process group, as a terminal's foreground job: Ctrl-C signals the whole group.
    startAll = spawn('bash', [path.join(ROOT, 'infra/local/start-all.sh')], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    startAll.stdout!.on('data', (c) => (output += c));
    startAll.stderr!.on('data', (c) => (output += c));
    exited = new Promise((resolve) => startAll.on('exit', (code) => resolve(code)));
    let gone = false;
    void exited.then(() => (gone = true));
    await until('the "Motcua is up" banner', () => (output.includes('Motcua is up') ? true : gone ? Promise.reject(new Error(`start-all.sh exited:\n${output}`)) : undefined), 150_000);
    for (const app of ['api', 'worker', 'postal-simulator', 'projector'] as const) pids[app] = Number(fs.readFileSync(path.join(state, 'apps', `${app}.pid`), 'utf8'));
    pids.store = Number(fs.readFileSync(path.join(state, 'store-server', 'store-server.pid'), 'utf8'));
    pids.identity = Number(fs.readFileSync(path.join(state, 'identity', 'identity.pid'), 'utf8'));
  }, 180_000);

  afterAll(async () => {
    // Only if a test failed before Ctrl-C: stop what this test started, by its recorded PIDs.
    if (startAll?.exitCode === null && startAll.pid) process.kill(-startAll.pid, 'SIGTERM');
    await exited;
    for (const pid of Object.values(pids)) if (pid && groupRuns(pid)) process.kill(-pid, 'SIGKILL');
    if (state) fs.rmSync(state, { recursive: true, force: true });
  });

  it('runs the production build (not tsx), stderr into each app\'s log, with a private key made once', () => {
    expect(fs.readFileSync(`/proc/${pids.api}/cmdline`, 'utf8').split('\0')).toContain('dist/apps/api/main.js');
    expect(fs.readFileSync(`/proc/${pids.worker}/cmdline`, 'utf8').split('\0')).toContain('dist/apps/worker/main.js');
    expect(fs.readFileSync(`/proc/${pids.worker}/environ`, 'utf8').split('\0')).toContain('MOTCUA_WORKFLOW_BUNDLE=dist/apps/worker/workflow-bundle.js');
    expect(fs.readFileSync(`/proc/${pids['postal-simulator']}/cmdline`, 'utf8').split('\0')).toContain('dist/apps/postal-simulator/main.js');
    for (const app of ['api', 'worker', 'postal-simulator'] as const) {
      expect(fs.readlinkSync(`/proc/${pids[app]}/fd/2`)).toBe(fs.realpathSync(path.join(state, 'apps', `${app}.log`)));
    }
    const key = path.join(state, 'secrets', 'applicant-ref.key');
    expect(fs.statSync(key).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(key, 'utf8').length).toBeGreaterThanOrEqual(32);
    const hook = path.join(state, 'secrets', 'postal-webhook.secret');
    expect(fs.statSync(hook).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(hook, 'utf8')).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  });

  it('serves one store to every app: the store server (embedded, in the state folder) at the DATABASE_URL each app gets', () => {
    expect(fs.readFileSync(`/proc/${pids.store}/cmdline`, 'utf8').split('\0')).toContain('dist/apps/store-server/main.js');
    expect(fs.readFileSync(`/proc/${pids.store}/environ`, 'utf8').split('\0')).toContain(`STORE_DIR=${path.join(state, 'store')}`);
    expect(fs.readlinkSync(`/proc/${pids.store}/fd/2`)).toBe(fs.realpathSync(path.join(state, 'store-server', 'store-server.log')));
    const storeUrl = fs.readFileSync(path.join(state, 'store-server', 'url'), 'utf8').trim();
    expect(storeUrl).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
    for (const app of ['api', 'worker', 'projector'] as const) {
      const environ = fs.readFileSync(`/proc/${pids[app]}/environ`, 'utf8').split('\0');
      expect([app, environ.filter((e) => /^(DATABASE_URL|STORE_DIR)=/.test(e))]).toEqual([app, [`DATABASE_URL=${storeUrl}`]]);
    }
    expect(fs.readFileSync(`/proc/${pids.projector}/cmdline`, 'utf8').split('\0')).toContain('dist/apps/projector/main.js');
    expect(output).toContain(`http://127.0.0.1:${projectorPort}/metrics`);
  });

  it('takes postal events signed with the install\'s own webhook secret, and refuses unsigned ones', async () => {
    const secret = fs.readFileSync(path.join(state, 'secrets', 'postal-webhook.secret'), 'utf8');
    const body = JSON.stringify({ eventId: 'evt_npm_start_1', type: 'PICKED_UP', dossierCode: '000.00.00.H26-260101-9999', waybill: 'EN340902457VN', occurredAt: '2026-01-01T09:00:00+07:00' });
    const send = (headers: Record<string, string>) => fetch(`${url}/api/v1/postal/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    expect((await send({})).status).toBe(401);
    // Authentic, for a dossier that does not exist: past the signature, refused as unknown.
    const signed = await send(signWebhook(secret, 'evt_npm_start_1', Math.floor(Date.now() / 1000), body));
    expect(signed.status).toBe(404);
  });

  it('runs the built identity provider, names it in the banner, and gives the apps its issuer and audience', async () => {
    expect(fs.readFileSync(`/proc/${pids.identity}/cmdline`, 'utf8').split('\0')).toContain('dist/apps/identity/main.js');
    expect(fs.readlinkSync(`/proc/${pids.identity}/fd/2`)).toBe(fs.realpathSync(path.join(state, 'identity', 'identity.log')));
    expect(fs.statSync(path.join(state, 'identity', 'jwks.json')).mode & 0o777).toBe(0o600);
    expect(output).toMatch(new RegExp(`Identity +${issuer.replace(/[.]/g, '\\.')} `));
    for (const app of ['api', 'worker'] as const) {
      expect(fs.readFileSync(`/proc/${pids[app]}/environ`, 'utf8').split('\0')).toEqual(expect.arrayContaining([`AUTH_ISSUER=${issuer}`, 'AUTH_AUDIENCE=motcua-api']));
    }
    const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as { issuer: string };
    expect(discovery.issuer).toBe(issuer);
  });

  /** `npm run --silent token` as a user runs it, finding the provider from the state folder. */
  const tokenCommand = (role: string, agency?: string) => {
    const env: NodeJS.ProcessEnv = { ...process.env, MOTCUA_STATE_DIR: state };
    delete env.AUTH_ISSUER;
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn('npm', ['run', '--silent', 'token', '--', '--role', role, ...(agency ? ['--agency', agency] : [])], { cwd: ROOT, env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c) => (stdout += c));
      child.stderr.on('data', (c) => (stderr += c));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  };
  const bearerOf = async (role: string, agency?: string) => ({ authorization: `Bearer ${(await tokenCommand(role, agency)).stdout.trim()}` });

  it('npm run --silent token finds that provider from the state folder and prints only its access token', async () => {
    const out = await tokenCommand('ONE_STOP_OFFICER', '000.00.00.H26');
    expect([out.code, out.stderr]).toEqual([0, '']);
    expect(out.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const token = out.stdout.trim();
    // Its signature is checked in apps/identity's tests; here, that it comes from this run's provider.
    expect(JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString())).toMatchObject({ iss: issuer, aud: 'motcua-api', agency: '000.00.00.H26' });
    bearer = { authorization: `Bearer ${token}` };
  });

  let code: string;
  it('creates one dossier and reads it', async () => {
    const headers = { 'content-type': 'application/json', 'idempotency-key': randomUUID(), ...bearer };
    const created = await fetch(`${url}/api/v1/dossiers`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ procedureCode: 'LLTP-CAP-PHIEU', channel: 'COUNTER', applicant }),
    });
    expect(created.status).toBe(201);
    code = ((await created.json()) as { code: string }).code;
    const read = await fetch(`${url}/api/v1/dossiers/${code}`, { headers: bearer });
    expect(read.status).toBe(200);
    const detail = (await read.json()) as { code: string; status: string; events: { type: string }[] };
    expect([detail.code, detail.status, detail.events.map((e) => e.type)]).toEqual([code, 'SUBMITTED', ['DossierRegistered', 'DossierSubmitted']]);
  });

  it('folds the dossier\'s events into the read model of the same store (the projector)', async () => {
    const storeUrl = fs.readFileSync(path.join(state, 'store-server', 'url'), 'utf8').trim();
    const row = await until('the dossier in rm_dossiers', async () => {
      const client = new Client({ connectionString: storeUrl });
      await client.connect();
      try {
        const r = await client.query<{ status: string; last_sequence: number }>('select status, last_sequence from rm_dossiers where code = $1', [code]);
        return r.rows[0];
      } finally {
        await client.end();
      }
    }, 30_000);
    expect(row).toEqual({ status: 'SUBMITTED', last_sequence: 2 });
    const metrics = await (await fetch(`http://127.0.0.1:${projectorPort}/metrics`)).text();
    expect(metrics).toMatch(/^motcua_projector_events_applied_total [1-9]\d*$/m);
  });

  it('answers every hostile request of the field report as the contract says, never with a 5xx', async () => {
    const problems: Record<string, string[]> = {};
    const token = bearer.authorization.slice('Bearer '.length);
    for (const req of HOSTILE_REQUESTS) {
      const answer = await rawRequest(url, { ...withToken(req, token), path: req.path.replace('{code}', code) });
      const found = answerProblems(req, answer);
      if (answer.status >= 500) found.push(`a ${answer.status}`);
      if (found.length) problems[req.name] = found;
    }
    expect(problems).toEqual({});
  });

  it('runs the postal simulator, the worker ordering from it: a POSTAL dossier goes from the pickup request to DELIVERED with only the officers\' actions by hand', async () => {
    const simUrl = `http://127.0.0.1:${simPort}`;
    expect(fs.readFileSync(`/proc/${pids.worker}/environ`, 'utf8').split('\0')).toContain(`POSTAL_API_URL=${simUrl}`);
    expect(output).toContain(`simulator ${simUrl}/orders`);
    const created = await fetch(`${url}/api/v1/dossiers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), ...bearer },
      // An address to bring the result back to: without one the return order is refused (NO_ADDRESS).
      body: JSON.stringify({ procedureCode: 'LLTP-CAP-PHIEU', channel: 'POSTAL', applicant: { ...applicant, address: '25 Lý Thường Kiệt, Hoàn Kiếm, Hà Nội' }, pickupAddress: 'Số 1 Tràng Tiền, Hà Nội' }),
    });
    expect(created.status).toBe(201);
    const postal = ((await created.json()) as { code: string }).code;
    const status = async () => ((await (await fetch(`${url}/api/v1/dossiers/${postal}`, { headers: bearer })).json()) as { status: string }).status;
    // The worker reads the pickup address from the store and gives the post its order; the post
    // picks up and hands over, signed: nobody places anything by hand.
    await until('the dossier submitted by the post', async () => ((await status()) === 'SUBMITTED' ? true : undefined), 60_000);
    const json = { 'content-type': 'application/json' };
    const act = async (action: string, body: unknown, headers: Record<string, string>) => {
      const res = await fetch(`${url}/api/v1/dossiers/${postal}/${action}`, { method: 'POST', headers: { ...json, ...headers, 'idempotency-key': randomUUID() }, body: JSON.stringify(body) });
      expect([action, res.status]).toEqual([action, 200]);
    };
    await act('accept', {}, bearer);
    await act('complete', { agency: 'SO_TU_PHAP' }, await bearerOf('AGENCY_OFFICER', 'SO_TU_PHAP'));
    await act('complete', { agency: 'CONG_AN_TINH' }, await bearerOf('AGENCY_OFFICER', 'CONG_AN_TINH'));
    await act('return', { channel: 'POSTAL' }, bearer);
    await until('the result delivered by the post', async () => ((await status()) === 'DELIVERED' ? true : undefined), 60_000);
    const orders = (await (await fetch(`${simUrl}/orders`)).json()) as { orderRef: string }[];
    const refs = orders.map((o) => o.orderRef).filter((r) => r.startsWith(postal)).sort();
    expect(refs).toEqual([`${postal}:PICKUP:1`, `${postal}:RETURN:1`]);
    const events = ((await (await fetch(`${url}/api/v1/dossiers/${postal}`, { headers: bearer })).json()) as { events: { type: string }[] }).events.map((e) => e.type);
    expect(events.filter((t) => t === 'PostalOrderPlaced')).toHaveLength(2);
  });

  it('with real tokens of the local provider: 401 without one, 403 for another agency, the holding agency completes, the public look-up, the audit trail', async () => {
    const json = { 'content-type': 'application/json' };
    const post = (path: string, body: unknown, headers: Record<string, string>) => fetch(`${url}${path}`, { method: 'POST', headers: { ...json, ...headers }, body: JSON.stringify(body) });
    expect((await post(`/api/v1/dossiers/${code}/accept`, {}, {})).status).toBe(401);
    expect((await post(`/api/v1/dossiers/${code}/accept`, {}, bearer)).status).toBe(200);
    // LLTP-CAP-PHIEU's route: SO_TU_PHAP, then CONG_AN_TINH.
    const other = await post(`/api/v1/dossiers/${code}/complete`, { agency: 'SO_TU_PHAP' }, await bearerOf('AGENCY_OFFICER', 'CONG_AN_TINH'));
    expect([other.status, ((await other.json()) as { error: { rule: string } }).error.rule]).toEqual([403, 'ACCESS.AGENCY_MISMATCH']);
    const apology = await post(`/api/v1/dossiers/${code}/apologize`, { agency: 'SO_TU_PHAP', newAppointment: '2026-12-31T17:00:00+07:00' }, await bearerOf('AGENCY_HEAD', 'BHXH'));
    expect(apology.status).toBe(403);
    const done = await post(`/api/v1/dossiers/${code}/complete`, { agency: 'SO_TU_PHAP' }, await bearerOf('AGENCY_OFFICER', 'SO_TU_PHAP'));
    expect([done.status, ((await done.json()) as { holders: string[] }).holders]).toEqual([200, ['CONG_AN_TINH']]);

    const lookup = await fetch(`${url}/api/v1/lookup/${code}`);
    const seen = (await lookup.json()) as Record<string, unknown>;
    expect([lookup.status, Object.keys(seen).sort(), seen.status]).toEqual([200, ['appointment', 'code', 'procedure', 'status'], 'IN_PROCESSING']);
    for (const personal of [applicant.name, applicant.idNumber, applicant.phone]) expect(JSON.stringify(seen)).not.toContain(personal);

    await new Promise((r) => setTimeout(r, 300)); // audit entries are appended once the answer has gone
    const audit = await fetch(`${url}/api/v1/audit?target=${encodeURIComponent(code)}`, { headers: await bearerOf('AUDITOR') });
    const entries = (await audit.json()) as { action: string; outcome: number; actorId: string; agency: string | null }[];
    expect(audit.status).toBe(200);
    expect(entries.map((e) => [e.action, e.outcome, e.agency])).toEqual(
      expect.arrayContaining([
        ['POST /api/v1/dossiers', 201, '000.00.00.H26'],
        ['POST /api/v1/dossiers/{code}/accept', 200, '000.00.00.H26'],
        ['POST /api/v1/dossiers/{code}/complete', 403, 'CONG_AN_TINH'],
        ['POST /api/v1/dossiers/{code}/apologize', 403, 'BHXH'],
        ['POST /api/v1/dossiers/{code}/complete', 200, 'SO_TU_PHAP'],
      ]),
    );
  });

  it('schemathesis finds no 5xx and no answer outside the documented schema (bounded: fixed seed, few examples)', async () => {
    const cli = path.join(ROOT, '.tools/schemathesis/bin/schemathesis');
    expect(fs.existsSync(cli)).toBe(true);
    const token = bearer.authorization.slice('Bearer '.length);
    const run = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(cli, [
        'run', `${url}/openapi.json`, '--url', url,
        '--checks', 'not_a_server_error,response_schema_conformance',
        // Bounded for a 2-core CI: a fixed seed, five examples an operation, one worker, a minute of fuzzing at most.
        '--max-examples', '5', '--seed', '20261201', '--workers', '1', '--max-time', '60',
        '--suppress-health-check', 'filter_too_much,too_slow',
        '--header', `Authorization: Bearer ${token}`, '--no-color',
      // Its cache (.schemathesis/) goes to the run's state folder, not into the repository.
      ], { cwd: state, env: { ...process.env, NO_COLOR: '1' } });
      let out = '';
      child.stdout.on('data', (c) => (out += c));
      child.stderr.on('data', (c) => (out += c));
      child.on('close', (code) => resolve({ code, out }));
    });
    expect([run.code, run.code === 0 ? '' : run.out.slice(-6000)]).toEqual([0, '']);
  }, 240_000);

  it('logs JSON lines to api.log, worker.log and postal-simulator.log, and no fragment of any request body', () => {
    const logs = ['api', 'worker', 'postal-simulator'].map((app) => fs.readFileSync(path.join(state, 'apps', `${app}.log`), 'utf8'));
    for (const log of logs) {
      const lines = log.split('\n').filter((l) => l.trim() !== '');
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    }
    const [api, worker, simulator] = logs;
    expect(simulator).toContain('"msg":"postal simulator started"');
    expect(api).toContain('"msg":"api started"');
    expect(api).toMatch(/"msg":"request","method":"POST","path":"\/api\/v1\/dossiers","status":201/);
    expect(worker).toContain('"msg":"worker started"');
    for (const fragment of [...PERSONAL_FRAGMENTS, applicant.name, applicant.idNumber, applicant.phone]) {
      expect([fragment, logs.join('\n').includes(fragment)]).toEqual([fragment, false]);
    }
  });

  it('stops every process it started on Ctrl-C, and frees the port', async () => {
    process.kill(-startAll.pid!, 'SIGINT');
    expect(await exited).toBe(130);
    await until('the apps to be gone', () => (Object.values(pids).some(running) ? undefined : true), 30_000);
    for (const pgid of [startAll.pid!, ...Object.values(pids)]) expect([pgid, groupRuns(pgid)]).toEqual([pgid, false]);
    expect(await portIsFree(port)).toBe(true);
    expect(await portIsFree(idpPort)).toBe(true);
    expect(await portIsFree(simPort)).toBe(true);
    expect(await portIsFree(projectorPort)).toBe(true);
    expect(fs.existsSync(path.join(state, 'store-server', 'store-server.pid'))).toBe(false);
    expect(fs.existsSync(path.join(state, 'apps', 'api.pid'))).toBe(false);
    expect(fs.existsSync(path.join(state, 'identity', 'identity.pid'))).toBe(false);
  });
});
