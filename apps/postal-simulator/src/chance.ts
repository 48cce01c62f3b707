import { createHash } from 'node:crypto';

/**
 * The simulator's randomness: a number in [0, 1) that is a hash of the seed and of what the choice
 * is about (an order, a step, a request's key and its count), not a draw from a stream. The same
 * seed gives the same choice for the same thing whatever order requests arrive in, across
 * restarts, without any generator state to keep.
 */
export function chance(seed: string, ...about: (string | number)[]): number {
  const digest = createHash('sha256').update(JSON.stringify([seed, ...about])).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

/** One of `items`, chosen as `chance` chooses. */
export function pick<T>(items: readonly T[], seed: string, ...about: (string | number)[]): T {
  return items[Math.floor(chance(seed, ...about) * items.length)];
}
