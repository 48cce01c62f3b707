import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../../..');

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface ProviderProcess {
  issuer: string;
  port: number;
  stateDir: string;
  log: () => string;
  stop: () => Promise<void>;
}

/**
 * The identity provider in a process of its own, from the sources (tsx), on a free port, with a
 * state folder of the test's: the current code, as `node dist/apps/identity/main.js` runs its
 * bundle. Resolves once the discovery document answers.
 */
export async function startProvider(opts: { stateDir?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ProviderProcess> {
  const port = await freePort();
  const stateDir = opts.stateDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-idp-'));
  let output = '';
  const child: ChildProcess = spawn(
    path.join(ROOT, 'node_modules/.bin/tsx'),
    ['--tsconfig', path.join(ROOT, 'tsconfig.json'), path.join(ROOT, 'apps/identity/src/main.ts')],
    { cwd: ROOT, env: { ...process.env, IDP_PORT: String(port), IDP_STATE_DIR: stateDir, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout!.on('data', (c) => (output += c));
  child.stderr!.on('data', (c) => (output += c));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const issuer = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the identity provider exited (${child.exitCode}):\n${output}`);
    const ok = await fetch(`${issuer}/.well-known/openid-configuration`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the identity provider did not answer within 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    issuer,
    port,
    stateDir,
    log: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      if (!opts.stateDir) fs.rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** `npm run --silent token -- …` as a user runs it, from the repository root. */
export function runToken(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'token', '--', ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
