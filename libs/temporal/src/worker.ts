import { Worker, type NativeConnection, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createPublishActivities, waitingPostalActivities, type PostalActivities } from '@motcua/activities';
import type { EventPublisher } from '@motcua/event-bus';
import { buildWorkflowBundle } from './bundle';

export interface DossierWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  publisher: EventPublisher;
  /** The postal operator's orders; without them, orders wait (retried) for a worker that has them. */
  postal?: PostalActivities;
  /** A prebuilt bundle (tests, the scenario runner); else MOTCUA_WORKFLOW_BUNDLE's file, else built here. */
  workflowBundle?: WorkflowBundleWithSourceMap;
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
    activities: { ...createPublishActivities({ publisher: o.publisher }), ...(o.postal ?? waitingPostalActivities()) },
  });
}
