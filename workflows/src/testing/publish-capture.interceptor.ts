import { proxySinks, workflowInfo, type Sinks, type WorkflowInterceptorsFactory } from '@temporalio/workflow';

/**
 * Test only (the replay guard): reports what the workflow code asks to publish, so a replay can
 * compare it with what the recorded history published. Temporal's replayer compares commands,
 * not activity inputs, so without this a change to the events `decide` emits would replay
 * cleanly and silently diverge a running dossier from what is already on Kafka.
 */
export interface PublishCaptureSinks extends Sinks {
  publishCapture: { scheduled(workflowId: string, activityType: string, args: unknown[]): void };
}

const { publishCapture } = proxySinks<PublishCaptureSinks>();

export const interceptors: WorkflowInterceptorsFactory = () => ({
  outbound: [
    {
      scheduleActivity(input, next) {
        publishCapture.scheduled(workflowInfo().workflowId, input.activityType, input.args);
        return next(input);
      },
    },
  ],
});
