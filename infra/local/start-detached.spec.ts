import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * lib.sh's start_detached, which starts every server and app of `npm start` and `npm test`: their
 * stdout AND stderr must reach the log (the apps log to stderr only), and no descriptor of the
 * caller may leak into them.
 */
const LIB = path.resolve(__dirname, 'lib.sh');

describe('start_detached', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-detached-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Runs bash with lib.sh sourced and extra open descriptors (3: a pipe, 4: a file), as a test runner has. */
  function bash(script: string) {
    const extra = fs.openSync(path.join(dir, 'held-by-caller'), 'w');
    try {
      return spawnSync('bash', ['-c', `. "${LIB}"; ${script}`], {
        cwd: dir,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe', 'pipe', extra],
        timeout: 30_000,
      });
    } finally {
      fs.closeSync(extra);
    }
  }

  it('sends the child\'s stderr and stdout to its log, and closes every descriptor the caller held', () => {
    const child = `echo "to stdout"; echo "to stderr" >&2; ls /proc/self/fd >fds; readlink /proc/$$/fd/2 >stderr-target; sleep 0.2`;
    const run = bash(`start_detached "$PWD/child.pid" "$PWD/child.log" bash -c '${child}' && sleep 1`);
    expect(run.status).toBe(0);
    const log = fs.readFileSync(path.join(dir, 'child.log'), 'utf8');
    expect(log).toContain('to stdout');
    expect(log).toContain('to stderr');
    expect(fs.readFileSync(path.join(dir, 'stderr-target'), 'utf8').trim()).toBe(fs.realpathSync(path.join(dir, 'child.log')));
    // ls's own directory descriptor is the only one above 2.
    expect(fs.readFileSync(path.join(dir, 'fds'), 'utf8').split('\n').filter((fd) => Number(fd) > 2)).toHaveLength(1);
  });

  it('fails loudly when a started process\'s stderr is not its log', () => {
    // Until the child has exec'd sleep, its redirections may not be applied yet (it is a fork of this bash).
    const run = bash(`sleep 30 >/dev/null 2>&1 & pid=$!; trap 'kill $pid' EXIT; until [[ $(readlink /proc/$pid/exe) == */sleep ]]; do sleep 0.01; done; stderr_goes_to_log $pid "$PWD/x.log"`);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/the stderr of pid \d+ is \/dev\/null, not .*x\.log: its log would be lost/);
  });

  it('records the PID of the process itself, which stop_pidfile then stops', () => {
    const run = bash(`start_detached "$PWD/s.pid" "$PWD/s.log" sleep 30; pid=$(<"$PWD/s.pid"); tr '\\0' ' ' </proc/$pid/cmdline; echo; stop_pidfile "$PWD/s.pid" 5; kill -0 $pid 2>/dev/null && echo alive || echo gone`);
    expect(run.stdout.trim().split('\n')).toEqual(['sleep 30 ', 'gone']);
  });
});
