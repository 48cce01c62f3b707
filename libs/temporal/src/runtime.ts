import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';

let installed = false;

/**
 * One structured log stream on stderr for the SDK and its native core (forwarded, so core lines
 * are JSON too instead of coloured text). Installed once per process.
 */
export function installTemporalRuntime(service: string, coreLevel: LogLevel = 'WARN'): void {
  if (installed) return;
  installed = true;
  Runtime.install({
    logger: new DefaultLogger('WARN', (e) => {
      process.stderr.write(
        JSON.stringify({ time: new Date(Number(e.timestampNanos / 1_000_000n)).toISOString(), level: e.level.toLowerCase(), service, msg: e.message, ...e.meta }) + '\n',
      );
    }),
    telemetryOptions: { logging: { filter: { core: coreLevel, other: 'ERROR' }, forward: {} } },
  });
}

/**
 * Node prints process warnings as plain text on stderr, which breaks a log of JSON lines: they are
 * logged as JSON instead. kafkajs 2.2.4 schedules a timer with a negative delay on every quiet
 * request queue, which Node 24 reports as TimeoutNegativeWarning (the timer runs after 1 ms, as
 * kafkajs means it to): that one is known and dropped.
 */
export function logProcessWarningsAsJson(service: string): void {
  process.removeAllListeners('warning');
  process.on('warning', (w) => {
    if (w.name === 'TimeoutNegativeWarning') return;
    process.stderr.write(JSON.stringify({ time: new Date().toISOString(), level: 'warn', service, msg: w.message, warning: w.name }) + '\n');
  });
}
