import type { Client } from '@temporalio/client';

/** What Temporal did for one workflow, from its history: how many tasks, and where their time went. */
export interface HistoryProfile {
  events: number;
  workflowTasks: number;
  activities: number;
  timers: number;
  searchAttributeUpserts: number;
  /** Summed over the workflow's tasks: waiting for a worker (scheduled → started), and on it (started → completed). */
  taskQueueMs: number;
  taskRunMs: number;
  /** Summed over its activities: scheduled → started, started → completed. */
  activityQueueMs: number;
  activityRunMs: number;
}

const ms = (t: { seconds?: unknown; nanos?: number | null } | null | undefined) =>
  t ? Number(t.seconds ?? 0) * 1000 + Math.floor((t.nanos ?? 0) / 1e6) : 0;

/** The profile of each workflow, averaged (rounded): one number per field. */
export async function profileHistories(client: Client, workflowIds: readonly string[]): Promise<HistoryProfile | null> {
  if (workflowIds.length === 0) return null;
  const profiles = await Promise.all(workflowIds.map((id) => profileOne(client, id)));
  const keys = Object.keys(profiles[0]) as (keyof HistoryProfile)[];
  return Object.fromEntries(keys.map((k) => [k, Math.round(profiles.reduce((s, p) => s + p[k], 0) / profiles.length)])) as unknown as HistoryProfile;
}

async function profileOne(client: Client, workflowId: string): Promise<HistoryProfile> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const p: HistoryProfile = { events: 0, workflowTasks: 0, activities: 0, timers: 0, searchAttributeUpserts: 0, taskQueueMs: 0, taskRunMs: 0, activityQueueMs: 0, activityRunMs: 0 };
  const at = new Map<number, number>(); // event id → time
  for (const e of history.events ?? []) {
    const id = Number(e.eventId);
    const t = ms(e.eventTime);
    at.set(id, t);
    p.events++;
    if (e.workflowTaskStartedEventAttributes) {
      p.workflowTasks++;
      p.taskQueueMs += t - (at.get(Number(e.workflowTaskStartedEventAttributes.scheduledEventId)) ?? t);
    } else if (e.workflowTaskCompletedEventAttributes) {
      p.taskRunMs += t - (at.get(Number(e.workflowTaskCompletedEventAttributes.startedEventId)) ?? t);
    } else if (e.activityTaskScheduledEventAttributes) {
      p.activities++;
    } else if (e.activityTaskStartedEventAttributes) {
      p.activityQueueMs += t - (at.get(Number(e.activityTaskStartedEventAttributes.scheduledEventId)) ?? t);
    } else if (e.activityTaskCompletedEventAttributes) {
      p.activityRunMs += t - (at.get(Number(e.activityTaskCompletedEventAttributes.startedEventId)) ?? t);
    } else if (e.timerStartedEventAttributes) {
      p.timers++;
    } else if (e.upsertWorkflowSearchAttributesEventAttributes) {
      p.searchAttributeUpserts++;
    }
  }
  return p;
}
