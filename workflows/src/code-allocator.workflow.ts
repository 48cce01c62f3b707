import { ApplicationFailure, allHandlersFinished, condition, continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import { BAD_COMMAND, codeAllocateUpdate, RULE_VIOLATION, type CodeAllocatorInput } from './definitions';

/** Codes are 4 digits (Circular 01/2018 Art. 19): a unit cannot receive more than this in a day. */
const MAX_PER_DAY = 9999;
/** Stays open this long after its day ends, for requests that started just before midnight. */
const GRACE_MS = 6 * 3600_000;

/**
 * Hands out the sequence numbers of one unit's dossier codes for one day (Vietnam time). One
 * workflow per unit and day, reached with update-with-start: Temporal runs its updates one at a
 * time, so numbers are unique under concurrent intake, and durable across restarts and worker
 * crashes, on one machine or a cluster. The same idempotency key always gets the same number,
 * so a retried registration never burns a second code. It continues as new when its history grows
 * long, carrying the keys and the last number.
 */
export async function codeAllocatorWorkflow(input: CodeAllocatorInput): Promise<number> {
  // A run continued from an earlier one of the same day starts where that one stopped.
  const byKey = new Map<string, number>(input.carried?.byKey ?? []);
  let last = input.carried?.last ?? 0;
  // Tests give a small capacity to reach the limit; production always has the 4 digits.
  const capacity = Math.min(input.capacity ?? MAX_PER_DAY, MAX_PER_DAY);

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
        if (typeof key !== 'string' || key.length === 0 || key.length > 200) {
          throw ApplicationFailure.nonRetryable('an idempotency key of 1–200 characters', BAD_COMMAND);
        }
        // Refused as a rule (the API answers 409 naming it), so no code of another day or unit is
        // ever handed out in its place.
        if (!byKey.has(key) && last >= capacity) {
          const message = `unit ${input.unit} has used all ${capacity} dossier codes of ${input.day}`;
          throw ApplicationFailure.nonRetryable(message, RULE_VIOLATION, { rule: 'DOSSIER_CODE.DAY_EXHAUSTED', message });
        }
      },
    },
  );

  const [y, m, d] = input.day.split('-').map(Number);
  const dayEnds = Date.UTC(y, m - 1, d + 1, -7); // next local midnight, UTC+7
  const closes = dayEnds + GRACE_MS;
  // Each code is an update in the history: a busy unit's day would outgrow it, so the run hands
  // its state to a fresh one when the server suggests it (the same timer as before when it does not).
  await condition(() => workflowInfo().continueAsNewSuggested, Math.max(0, closes - Date.now()));
  await condition(allHandlersFinished);
  if (workflowInfo().continueAsNewSuggested && Date.now() < closes) {
    await continueAsNew<typeof codeAllocatorWorkflow>({ ...input, carried: { byKey: [...byKey], last } });
  }
  return last;
}
