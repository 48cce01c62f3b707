import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * The Temporal dev server's Web UI has no login and lets whoever reaches it terminate a dossier:
 * temporal.sh must bind it (and the frontend) to 127.0.0.1 only, never to a wildcard address.
 * A private server on free ports, as `npm start` starts it (with the UI), then stopped.
 */
const TEMPORAL_SH = path.resolve(__dirname, 'temporal.sh');
jest.setTimeout(120_000);

describe('temporal.sh: the dev server and its Web UI on loopback only', () => {
  let state: string;
  let env: NodeJS.ProcessEnv;
  const run = (cmd: string) => spawnSync('bash', [TEMPORAL_SH, cmd], { env, encoding: 'utf8', timeout: 100_000 });

  beforeAll(() => {
    state = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-temporal-ui-'));
    // Not the servers of the test run: a server of this test's own, with its UI.
    env = { ...process.env, MOTCUA_STATE_DIR: state, MOTCUA_FREE_PORTS: '1' };
    for (const name of ['TEMPORAL_ADDRESS', 'TEMPORAL_PORT', 'TEMPORAL_UI_PORT', 'TEMPORAL_HEADLESS']) delete env[name];
  });
  afterAll(() => {
    run('stop');
    fs.rmSync(state, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 for the frontend and the UI, on no other address', () => {
    const started = run('start');
    expect([started.status, started.stderr.slice(-2000)]).toEqual([0, expect.any(String)]);
    const ui = new URL(fs.readFileSync(path.join(state, 'temporal', 'ui'), 'utf8').trim());
    const frontend = fs.readFileSync(path.join(state, 'temporal', 'address'), 'utf8').trim();
    for (const port of [ui.port, frontend.split(':')[1]]) {
      const listening = spawnSync('ss', ['-Htln', `( sport = :${port} )`], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean);
      const addresses = listening.map((line) => line.trim().split(/\s+/)[3]);
      expect([port, addresses.length > 0 && addresses.every((a) => a === `127.0.0.1:${port}`), addresses]).toEqual([port, true, addresses]);
    }
    expect(ui.hostname).toBe('127.0.0.1');
  });
});
