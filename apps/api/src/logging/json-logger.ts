import type { LoggerService } from '@nestjs/common';

/** One JSON object per line on stderr (stdout stays free for tools). Never given personal data. */
export function logLine(level: string, msg: string, fields: Record<string, unknown> = {}): void {
  process.stderr.write(JSON.stringify({ time: new Date().toISOString(), level, service: 'api', msg, ...fields }) + '\n');
}

/** Nest's own messages (start-up, errors from the filter) in the same format. */
export class JsonLogger implements LoggerService {
  constructor(private readonly minLevel: 'debug' | 'info' | 'warn' | 'error' = 'info') {}

  private enabled(level: string): boolean {
    const order = ['debug', 'info', 'warn', 'error'];
    return order.indexOf(level) >= order.indexOf(this.minLevel);
  }

  private write(level: string, message: unknown, params: unknown[]) {
    if (!this.enabled(level)) return;
    const context = params.length && typeof params[params.length - 1] === 'string' ? (params[params.length - 1] as string) : undefined;
    logLine(level, typeof message === 'string' ? message : JSON.stringify(message), context ? { context } : {});
  }

  log(message: unknown, ...params: unknown[]) {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]) {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]) {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]) {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]) {
    this.write('debug', message, params);
  }
}
