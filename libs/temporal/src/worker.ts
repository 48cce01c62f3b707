import { Worker, type NativeConnection, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import {
  createNotificationActivities,
  createPublishActivities,
  LocalSender,
  waitingPostalActivities,
  type NotificationDeps,
  type PostalActivities,
} from '@motcua/activities';
import { MemoryApplicantContacts, MemoryNotifications } from '@motcua/store';
import type { EventPublisher } from '@motcua/event-bus';
import { buildWorkflowBundle } from './bundle';

export interface DossierWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  publisher: EventPublisher;
  /** The postal operator's orders; without them, orders wait (retried) for a worker that has them. */
  postal?: PostalActivities;
  /**
   * Where the applicant's contact data is read and what was sent is recorded, and the providers.
   * Default: nothing kept (no contact data, so nothing is sent) — the scenario runner and tests
   * that do not look at notifications.
   */
  notifications?: NotificationDeps;
  /** A prebuilt bundle (tests, the scenario runner); else MOTCUA_WORKFLOW_BUNDLE's file, else built here. */
  workflowBundle?: WorkflowBundleWithSourceMap;
  /**
   * How many dossiers' workflow states the worker keeps in memory (the sticky cache); the others are
   * replayed from their history when a task comes. Default: the SDK's, from the heap size (about
   * 2,300 with Node's 4 GiB heap). See `maxCachedWorkflowsFromEnv` and infra/production/README.md.
   */
  maxCachedWorkflows?: number;
}

/** The one place a dossier worker is put together: workflows, activities and their dependencies. */
export async function createDossierWorker(o: DossierWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: o.connection,
    namespace: o.namespace,
    taskQueue: o.taskQueue,
    // A built worker (npx nx run worker:build) loads the bundle made at build time; in development
    // the sources are bundled at start.
    workflowBundle: o.workflowBundle ?? (process.env.MOTCUA_WORKFLOW_BUNDLE ? { codePath: process.env.MOTCUA_WORKFLOW_BUNDLE } : await buildWorkflowBundle()),
    ...(o.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: o.maxCachedWorkflows } : {}),
    activities: {
      ...createPublishActivities({ publisher: o.publisher }),
      ...(o.postal ?? waitingPostalActivities()),
      ...createNotificationActivities(o.notifications ?? notificationsKeptNowhere()),
    },
  });
}

/** No contact data kept, so nothing is sent: the scenario runner and the tests that do not look at notifications. */
export function notificationsKeptNowhere(): NotificationDeps {
  const local = new LocalSender();
  return { contacts: new MemoryApplicantContacts(), notifications: new MemoryNotifications(), senders: { SMS: local, EMAIL: local } };
}
