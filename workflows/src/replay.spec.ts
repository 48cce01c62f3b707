import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from '@temporalio/worker';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { buildWorkflowBundle, installTemporalRuntime } from '@motcua/temporal';

/**
 * The determinism guard: histories recorded from real runs (npm run record-histories) are
 * replayed against the current workflow code. A change that would break a running dossier makes
 * a replay fail here; such a change needs patched() or a new workflow type (README, "Changing
 * workflow code").
 */
const DIR = path.resolve(__dirname, '../histories');
const files = fs.existsSync(DIR) ? fs.readdirSync(DIR).filter((f) => f.endsWith('.json')).sort() : [];

describe('recorded histories replay on the current workflow code', () => {
  it('has recorded histories', () => expect(files.length).toBeGreaterThan(0));

  it('replays every one without non-determinism', async () => {
    installTemporalRuntime('test', 'ERROR');
    const workflowBundle = await buildWorkflowBundle();
    const histories = files.map((f) => {
      const { workflowId, history } = JSON.parse(fs.readFileSync(path.join(DIR, f), 'utf8'));
      return { workflowId: workflowId as string, history: historyFromJSON(history) };
    });
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle }, histories)) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  });
});
