import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from '@temporalio/worker';
import { defaultPayloadConverter } from '@temporalio/common';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import type { InjectedSinks } from '@temporalio/worker';
import { buildWorkflowBundle, installTemporalRuntime } from '@motcua/temporal';
import { relationFor, type Actor, type CommandType } from '@motcua/dossier';
import type { PublishCaptureSinks } from './testing/publish-capture.interceptor';

/**
 * The determinism guard: histories recorded from real runs (npm run record-histories) are
 * replayed against the current workflow code. A change that would break a running dossier makes
 * a replay fail here; such a change needs patched() or a new workflow type (README, "Changing
 * workflow code").
 */
/**
 * histories/*.json: the current workflow shape (npm run record-histories rewrites them);
 * histories/<shape>/*.json: older shapes, frozen and kept while dossiers started under them may
 * still run (publishing-inline/: before the clock and the effects were kept apart;
 * engine-2026-12-01/: the engine as it was on 1 December 2026, before postal orders were effects,
 * before handoffs and processing steps were events and before applicant notifications).
 */
const DIR = path.resolve(__dirname, '../histories');
const files = fs.existsSync(DIR)
  ? (fs.readdirSync(DIR, { recursive: true }) as string[]).filter((f) => f.endsWith('.json')).sort()
  : [];
const SHAPES = new Set(files.map((f) => path.dirname(f)));

describe('recorded histories replay on the current workflow code', () => {
  it('has recorded histories of the current shape and of the older ones', () => {
    expect(files.length).toBeGreaterThan(0);
    expect([...SHAPES].sort()).toEqual(['.', 'engine-2026-12-01', 'publishing-inline']);
  });

  it('holds updates given by actors today\'s table refuses, which the replay below must take as they happened', () => {
    // The handler (Dossier.execute) does not authorize: only the validator does, and validators do
    // not run on replay. Older histories carry actors an older version let through (the applicant
    // submitting, an agency officer apologizing): replaying them proves a running dossier survives
    // a stricter table.
    const refused = files.flatMap((f) => {
      const { history } = JSON.parse(fs.readFileSync(path.join(DIR, f), 'utf8'));
      return (historyFromJSON(history).events ?? []).flatMap((e) => {
        const request = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest;
        if (!request?.input?.name) return [];
        const name = request.input.name as CommandType;
        return (request.input.args?.payloads ?? [])
          .map((p) => defaultPayloadConverter.fromPayload<{ by: Actor }>(p).by)
          .filter((by) => relationFor(by.role, name) === undefined)
          .map((by) => `${f}: ${name} by ${by.role}`);
      });
    });
    expect(refused.length).toBeGreaterThan(0);
  });

  it('replays every one without non-determinism, publishing exactly what was published and notifying what was notified', async () => {
    installTemporalRuntime('test', 'ERROR');
    const workflowBundle = await buildWorkflowBundle({ interceptorModules: [require.resolve('./testing/publish-capture.interceptor')] });
    const failures: string[] = [];
    // One shape at a time: the same scenario recorded in two shapes has the same workflow id.
    for (const shape of SHAPES) {
      const histories = files
        .filter((f) => path.dirname(f) === shape)
        .map((f) => {
          const { workflowId, history } = JSON.parse(fs.readFileSync(path.join(DIR, f), 'utf8'));
          return { workflowId: `${shape}/${workflowId as string}`, history: historyFromJSON(history) };
        });
      const emitted = new Map<string, unknown[]>();
      const notified = new Map<string, unknown[]>();
      const sinks: InjectedSinks<PublishCaptureSinks> = {
        publishCapture: {
          scheduled: {
            fn: (_info, workflowId, activityType, args) => {
              if (activityType === 'publishDossierEvents') emitted.set(workflowId, [...(emitted.get(workflowId) ?? []), ...args]);
              if (activityType === 'notifyApplicant') notified.set(workflowId, [...(notified.get(workflowId) ?? []), ...args]);
            },
            callDuringReplay: true,
          },
        },
      };
      for await (const result of Worker.runReplayHistories({ workflowBundle, sinks }, histories)) {
        if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
      }

      // What the current code publishes for each history is what that history published (and so
      // what consumers already have on Kafka), event for event.
      for (const { workflowId, history } of histories) {
        const recorded = (history.events ?? [])
          .filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'publishDossierEvents')
          .flatMap((e) => (e.activityTaskScheduledEventAttributes!.input?.payloads ?? []).map((p) => defaultPayloadConverter.fromPayload(p)));
        expect(recorded.length).toBeGreaterThan(0);
        expect([workflowId, JSON.parse(JSON.stringify(emitted.get(workflowId) ?? []))]).toEqual([workflowId, recorded]);
        // …and the applicant is told what it was told (or, for an older shape, nothing), notice for notice.
        const told = (history.events ?? [])
          .filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'notifyApplicant')
          .flatMap((e) => (e.activityTaskScheduledEventAttributes!.input?.payloads ?? []).map((p) => defaultPayloadConverter.fromPayload(p)));
        expect([workflowId, JSON.parse(JSON.stringify(notified.get(workflowId) ?? []))]).toEqual([workflowId, told]);
      }
    }
    expect(failures).toEqual([]);
  });
});
