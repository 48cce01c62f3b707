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
