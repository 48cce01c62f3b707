import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import { codeAllocateUpdate, type CodeAllocatorInput } from './definitions';

/** Codes are 4 digits (Circular 01/2018 Art. 19): a unit cannot receive more than this in a day. */
const MAX_PER_DAY = 9999;
/** Stays open this long after its day ends, for requests that started just before midnight. */
const GRACE_MS = 6 * 3600_000;

/**
 * Hands out the sequence numbers of one unit's dossier codes for one day (Vietnam time). One
 * workflow per unit and day, reached with update-with-start: Temporal runs its updates one at a
 * time, so numbers are unique under concurrent intake, and durable across restarts and worker
 * crashes, on one machine or a cluster. The same idempotency key always gets the same number,
 * so a retried registration never burns a second code.
 */
export async function codeAllocatorWorkflow(input: CodeAllocatorInput): Promise<number> {
  const byKey = new Map<string, number>();
  let last = 0;

  setHandler(
    codeAllocateUpdate,
    ({ key }) => {
      const known = byKey.get(key);
      if (known !== undefined) return known;
      last += 1;
      byKey.set(key, last);
      return last;
    },
    {
      validator: ({ key }) => {
        if (typeof key !== 'string' || key.length === 0 || key.length > 200) throw new Error('an idempotency key of 1–200 characters');
        if (!byKey.has(key) && last >= MAX_PER_DAY) throw new Error(`unit ${input.unit} has used all ${MAX_PER_DAY} codes of ${input.day}`);
      },
    },
  );

  const [y, m, d] = input.day.split('-').map(Number);
  const dayEnds = Date.UTC(y, m - 1, d + 1, -7); // next local midnight, UTC+7
  await condition(() => false, Math.max(0, dayEnds + GRACE_MS - Date.now()));
  await condition(allHandlersFinished);
  return last;
}
