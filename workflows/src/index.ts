// The worker's workflowsPath: every workflow type, exported directly (no barrels of barrels).
export { dossierWorkflow } from './dossier.workflow';
export { codeAllocatorWorkflow } from './code-allocator.workflow';
