import { Worker, type NativeConnection, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createPublishActivities } from '@motcua/activities';
import type { EventPublisher } from '@motcua/event-bus';
import { buildWorkflowBundle } from './bundle';

export interface DossierWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  publisher: EventPublisher;
  /** A prebuilt bundle (tests, the scenario runner); built here when absent. */
  workflowBundle?: WorkflowBundleWithSourceMap;
}

/** The one place a dossier worker is put together: workflows, activities and their dependencies. */
export async function createDossierWorker(o: DossierWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: o.connection,
    namespace: o.namespace,
    taskQueue: o.taskQueue,
    workflowBundle: o.workflowBundle ?? (await buildWorkflowBundle()),
    activities: createPublishActivities({ publisher: o.publisher }),
  });
}
