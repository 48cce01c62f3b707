import { CancellationScope, condition, defineUpdate, proxyActivities, setHandler, sleep, isCancellation } from '@temporalio/workflow';

/**
 * The benchmark's bare baseline (infra/bench/load.ts): the shape of a dossier with none of the
 * domain — started, then one update per command of the dossier it stands beside (accept, each
 * `complete`, a supplement's request and arrival, return), one activity each and one at the start
 * (the dossier's publish), and a timer armed at acceptance, re-armed at each `complete` and
 * cancelled at the return (the stage's deadline and the appointment). Bundled on its own, on its
 * own task queue; never the product's.
 */
export interface BaselineActivities {
  publish(step: string): Promise<void>;
}

const { publish } = proxyActivities<BaselineActivities>({ startToCloseTimeout: '30 seconds' });

export const stepUpdate = defineUpdate<string, [string]>('step');

export async function baselineDossier(): Promise<void> {
  let done = false;
  const timers: CancellationScope[] = [];
  const arm = () => {
    const scope = new CancellationScope();
    timers.push(scope);
    scope.run(() => sleep('3 days')).catch((e: unknown) => {
      if (!isCancellation(e)) throw e;
    });
  };
  setHandler(stepUpdate, async (step) => {
    await publish(step);
    if (step === 'accept') arm();
    if (step === 'complete' || step === 'return') timers.shift()?.cancel();
    if (step === 'complete') arm();
    if (step === 'return') done = true;
    return step;
  });
  await publish('create');
  await condition(() => done);
}
