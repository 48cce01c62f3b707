import { execFile } from 'node:child_process';

/** What apps/projector/src/verify/main.ts prints: the live read model against a fold of the topic. */
export interface ReadModelCheck {
  caughtUp: boolean;
  projectionMismatches: number;
  tables: Record<string, { live: number; folded: number; mismatched: number }>;
  examples: { table: string; side: string; row: string }[];
  openGaps: number;
}

/** Runs the projector's verify (a separate process: the projector's code stays in its app) and reads its JSON line. */
export function verifyReadModel(waitSeconds: number): Promise<ReadModelCheck> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', '--disable-warning=ExperimentalWarning', '--disable-warning=TimeoutNegativeWarning', 'apps/projector/src/verify/main.ts', '--wait-seconds', String(waitSeconds)],
      { env: process.env, maxBuffer: 64 * 1024 * 1024 },
      (e, stdout) => {
        const last = stdout.trim().split('\n').pop() ?? '';
        try {
          resolve(JSON.parse(last) as ReadModelCheck);
        } catch {
          reject(new Error(`the projector's verify printed no verdict${e ? ` (${e.message})` : ''}`));
        }
      },
    );
    child.stderr?.pipe(process.stderr);
  });
}
