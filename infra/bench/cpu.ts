import * as fs from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ: 100 on Linux everywhere it matters). */
const TICKS = 100;

/**
 * CPU time spent by the processes of the run, split by phase (the product's batches, the
 * baseline's): on a machine whose cores are the bottleneck, the CPU one dossier costs each process
 * is where its time goes. Read from /proc, so Linux only (elsewhere: zeros).
 */
export class CpuLedger {
  private readonly spent = new Map<string, Map<string, number>>();
  private mark: Map<string, number> | null = null;

  constructor(private readonly pids: Record<string, number | undefined>) {}

  /** Starts a phase: the times from here count towards the `phase` passed to stop(). */
  start(): void {
    this.mark = this.now();
  }

  stop(phase: string): void {
    if (!this.mark) return;
    const now = this.now();
    const into = this.spent.get(phase) ?? new Map<string, number>();
    for (const [name, ms] of now) into.set(name, (into.get(name) ?? 0) + ms - (this.mark.get(name) ?? ms));
    this.spent.set(phase, into);
    this.mark = null;
  }

  /** CPU milliseconds per item of each phase, by process (and in all). */
  perItem(counts: Record<string, number>): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = {};
    for (const [phase, byName] of this.spent) {
      const n = counts[phase] || 1;
      const row: Record<string, number> = {};
      let total = 0;
      for (const [name, ms] of byName) {
        row[name] = Math.round(ms / n);
        total += ms;
      }
      row.total = Math.round(total / n);
      out[phase] = row;
    }
    return out;
  }

  private now(): Map<string, number> {
    const m = new Map<string, number>();
    const self = process.cpuUsage();
    m.set('bench', (self.user + self.system) / 1000);
    const children = childrenByParent();
    for (const [name, pid] of Object.entries(this.pids)) {
      if (!pid) continue;
      const ms = cpuMsOf(pid);
      if (ms === null) continue;
      // With its living children: PostgreSQL's backends, one per connection, are the postmaster's.
      m.set(name, (children.get(pid) ?? []).reduce((sum, child) => sum + (cpuMsOf(child) ?? 0), ms));
    }
    return m;
  }
}

/** Every process's pid under its parent's (from /proc). */
function childrenByParent(): Map<number, number[]> {
  const m = new Map<number, number[]>();
  let entries: string[] = [];
  try {
    entries = fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return m;
  }
  for (const e of entries) {
    try {
      const stat = fs.readFileSync(`/proc/${e}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      m.set(ppid, [...(m.get(ppid) ?? []), Number(e)]);
    } catch {
      // Gone since the listing.
    }
  }
  return m;
}

/** A process's user + system CPU time in ms, its children that ended included; null if it is gone. */
function cpuMsOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After the command name (in parentheses, which may hold spaces): field 3 onwards.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => Number(fields[i]));
    return ((utime + stime + cutime + cstime) * 1000) / TICKS;
  } catch {
    return null;
  }
}

/** The pid in a pid file, if it is there. */
export function pidFrom(file: string | undefined): number | undefined {
  if (!file) return undefined;
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
