import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';

/**
 * postgres.sh as npm test runs it: a private server on a free port, reachable on loopback only,
 * never running as root (PostgreSQL refuses it; run by root, the script runs it as a system user),
 * its cluster kept across a restart, and no process of it left once stopped.
 */
const POSTGRES_SH = path.resolve(__dirname, 'postgres.sh');
jest.setTimeout(120_000);

/** Alive and not a zombie (an exited process stays one until its new parent reaps it). */
function running(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** The PIDs whose parent is `pid` (the postmaster's children: checkpointer, walwriter, sessions…). */
function children(pid: number): number[] {
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

function listeners(port: string): string[] {
  const out = spawnSync('ss', ['-Htln', `( sport = :${port} )`], { encoding: 'utf8' }).stdout;
  return out.trim().split('\n').filter(Boolean).map((line) => line.trim().split(/\s+/)[3]);
}

async function query<R>(url: string, text: string): Promise<R[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as R[];
  } finally {
    await client.end();
  }
}

describe('postgres.sh: a private PostgreSQL for the store suite', () => {
  let state: string;
  let env: NodeJS.ProcessEnv;
  const run = (cmd: string) => spawnSync('bash', [POSTGRES_SH, cmd], { env, encoding: 'utf8', timeout: 100_000 });
  const start = () => {
    const started = run('start');
    expect([started.status, started.stderr.slice(-2000)]).toEqual([0, expect.any(String)]);
    const match = /^DATABASE_URL=(postgres:\/\/motcua:[0-9a-f]{48}@127\.0\.0\.1:(\d+)\/motcua)$/.exec(started.stdout.trim());
    expect(match).not.toBeNull();
    return { url: match![1], port: match![2], pid: Number(fs.readFileSync(path.join(state, 'postgres', 'postgres.pid'), 'utf8')) };
  };

  beforeAll(() => {
    state = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-postgres-'));
    // Not the server of the test run: one of this test's own.
    env = { ...process.env, MOTCUA_STATE_DIR: state, MOTCUA_FREE_PORTS: '1' };
    delete env.PG_PORT;
  });
  afterAll(() => {
    run('stop');
    fs.rmSync(state, { recursive: true, force: true });
  });

  it('starts on 127.0.0.1 only, as a user other than root, keeps its cluster across a restart, and leaves nothing once stopped', async () => {
    const first = start();
    expect(run('url').stdout.trim()).toBe(first.url);
    expect([first.port, listeners(first.port)]).toEqual([first.port, [`127.0.0.1:${first.port}`]]);
    const serverUid = fs.statSync(`/proc/${first.pid}`).uid;
    expect(serverUid).not.toBe(0);
    expect(fs.statSync(path.join(state, 'postgres', 'data')).uid).toBe(serverUid);
    await query(first.url, 'create table kept (v text); insert into kept values (\'across restarts\')');

    const family = [first.pid, ...children(first.pid)];
    expect(family.length).toBeGreaterThan(1);
    expect(run('stop').status).toBe(0);
    expect(family.filter(running)).toEqual([]);
    expect(listeners(first.port)).toEqual([]);
    expect(run('url').status).not.toBe(0);

    const second = start();
    expect(second.url.replace(/:\d+\/motcua$/, '')).toBe(first.url.replace(/:\d+\/motcua$/, ''));
    expect(await query(second.url, 'select v from kept')).toEqual([{ v: 'across restarts' }]);
    expect(run('stop').status).toBe(0);
    expect(running(second.pid)).toBe(false);
  });
});
