/**
 * The dossier and code-allocator workflows' interface as the API uses it (updates, queries,
 * search attributes), imported in this one place from the workflows' public API.
 */
export {
  BAD_COMMAND,
  codeAllocateUpdate,
  codeAllocatorWorkflow,
  commandUpdate,
  dossierWorkflow,
  eventsQuery,
  RULE_VIOLATION,
  SA,
  stateQuery,
  TASK_QUEUE,
  type CommandMeta,
  type DossierRegistration,
  type DossierWorkflowInput,
  type UpdateArg,
  type UpdateName,
} from '@motcua/workflows';
