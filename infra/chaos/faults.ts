import { execFile } from 'node:child_process';
import { Kafka, logLevel } from 'kafkajs';
import type { CommandStats } from './load';
import { sleep } from './load';

export type FaultKind = 'worker-kill' | 'temporal-restart' | 'kafka-restart' | 'projector-kill' | 'broker-loss';

/** One fault as it happened. */
export interface Fault {
  kind: FaultKind;
  /** The process or node it hit. */
  target: string;
  /** When it was injected (RFC 3339, Vietnam time). */
  at: string;
  /** Injection → the process (or node) back and ready. */
  downMs: number;
  /** Of which: the restart itself, from launching it to ready. */
  restartMs: number;
  /** Injection → the first API command sent after the injection answered 2xx (null: none was). */
  recoveryMs: number | null;
  /** The process failed to come back (the run then fails). */
  error?: string;
}

/** A fault with the instant it was injected, until its recovery is known. */
export type InjectedFault = Omit<Fault, 'recoveryMs'> & { injectedAt: number };

/** Runs infra/chaos/proc.sh (the servers' and apps' starts, crashes and restarts). */
export function proc(...args: string[]): Promise<void> {
  const script = process.env.CHAOS_PROC;
  if (!script) throw new Error('CHAOS_PROC is not set: run through npm run chaos (infra/chaos/chaos.sh)');
  return new Promise((resolve, reject) => {
    const child = execFile(script, args, { env: process.env, maxBuffer: 16 * 1024 * 1024 }, (e) => (e ? reject(new Error(`proc.sh ${args.join(' ')} failed: ${e.message}`)) : resolve()));
    child.stdout?.pipe(process.stderr);
    child.stderr?.pipe(process.stderr);
  });
}

export const vnTime = (ms: number): string => new Date(ms + 7 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+07:00');

/**
 * Injects one fault: `inject`, then `down` ms with the load running and the thing missing, then
 * `restore` (a restart, awaited until ready); the recovery is read off the load's answers later.
 */
export async function injectFault(kind: FaultKind, target: string, inject: () => Promise<void>, downMs: number, restore: () => Promise<void>): Promise<InjectedFault> {
  const t0 = Date.now();
  await inject();
  if (downMs > 0) await sleep(downMs);
  const t1 = Date.now();
  let error: string | undefined;
  try {
    await restore();
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  const t2 = Date.now();
  return { kind, target, at: vnTime(t0), downMs: t2 - t0, restartMs: t2 - t1, ...(error ? { error } : {}), injectedAt: t0 };
}

/** Fills each fault's recoveryMs from the commands the load had answered. */
export function recoveries(faults: readonly InjectedFault[], stats: CommandStats): Fault[] {
  return faults.map(({ injectedAt, ...f }) => {
    const first = stats.answers.filter((a) => a.sentAt >= injectedAt).reduce((m, a) => Math.min(m, a.answeredAt), Infinity);
    return { ...f, recoveryMs: Number.isFinite(first) ? first - injectedAt : null };
  });
}

/** The node that leads partition 0 of the topic now (the loss of a leader is the harder case). */
export async function leaderOfPartition0(brokers: string[], topic: string): Promise<number> {
  const admin = new Kafka({ clientId: 'motcua-chaos', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const md = await admin.fetchTopicMetadata({ topics: [topic] });
    // No leader at this instant (an election under way): node 1, any node does.
    const leader = md.topics[0].partitions.find((p) => p.partitionId === 0)?.leader ?? -1;
    return leader >= 1 && leader <= 3 ? leader : 1;
  } finally {
    await admin.disconnect();
  }
}
