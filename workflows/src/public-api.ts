// What clients (the API, the scenario runner, tests) import: the workflow functions for typed
// starts, and their updates, queries and search attributes. The worker loads index.ts instead,
// which exports workflow functions only (every exported function there becomes a workflow type).
export * from './definitions';
export * from './visibility';
export { dossierWorkflow } from './dossier.workflow';
export { codeAllocatorWorkflow } from './code-allocator.workflow';
