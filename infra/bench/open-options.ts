import { parseArgs } from 'node:util';

/**
 * The options of `npm run bench -- --open N` (infra/bench/open-dossiers.ts), checked before any
 * server is started: a typo costs nothing. Run as a script (open-dossiers.sh does, first), it only
 * checks them.
 */
export interface OpenOptions {
  /** Dossiers started and accepted, each left open with its SLA timers armed. */
  open: number;
  /** Of them, how many get a deadline that passes during the run (the alerts measured). */
  due: number;
  /** Dossiers being opened at once. */
  concurrency: number;
  /** The first due instant falls this long after the starts are expected to end. */
  leadSeconds: number;
  /** The due instants are spread evenly over this long. */
  spreadSeconds: number;
  /** How long after the last due instant missing alerts are waited for. */
  settleSeconds: number;
}

export class UsageError extends Error {}

export const OPEN_USAGE =
  'npm run bench -- --open N [--due K] [--concurrency C] [--lead SECONDS] [--spread SECONDS] [--settle SECONDS]';

/** `--due` when not given: a tenth of the dossiers, at most 1,000 (3 alerts each). */
export function defaultDue(open: number): number {
  return Math.min(1000, Math.max(1, Math.round(open / 10)));
}

export function parseOpenOptions(argv: readonly string[]): OpenOptions {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        open: { type: 'string' },
        due: { type: 'string' },
        concurrency: { type: 'string', default: '16' },
        lead: { type: 'string', default: '60' },
        spread: { type: 'string', default: '120' },
        settle: { type: 'string', default: '60' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError(`${e instanceof Error ? e.message : String(e)}; usage: ${OPEN_USAGE}`);
  }
  if (values.open === undefined) throw new UsageError(`--open N is required; usage: ${OPEN_USAGE}`);
  const open = whole('open', values.open, 1);
  const due = values.due === undefined ? defaultDue(open) : whole('due', values.due, 0);
  if (due > open) throw new UsageError(`--due ${due} is more than --open ${open}`);
  return {
    open,
    due,
    concurrency: whole('concurrency', values.concurrency!, 1),
    leadSeconds: whole('lead', values.lead!, 0),
    spreadSeconds: whole('spread', values.spread!, 0),
    settleSeconds: whole('settle', values.settle!, 1),
  };
}

function whole(name: string, raw: string, min: number): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(n) || n < min) {
    throw new UsageError(`--${name} must be a whole number of at least ${min}, not "${raw}"`);
  }
  return n;
}

if (require.main === module) {
  try {
    parseOpenOptions(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  }
}
