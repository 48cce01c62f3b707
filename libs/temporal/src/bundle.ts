import * as path from 'node:path';
import { bundleWorkflowCode, type BundleOptions, type WorkflowBundleWithSourceMap } from '@temporalio/worker';

const ROOT = path.resolve(__dirname, '../../..');

/** The file the worker loads workflows from: it exports every workflow type directly. */
export const WORKFLOWS_PATH = path.join(ROOT, 'workflows/src/index.ts');

/**
 * Temporal bundles workflow code with its own webpack, which does not read tsconfig paths
 * (PITFALLS.md 1): the `@motcua/*` aliases are handed to it here, from tsconfig.base.json, so
 * there is one list of them.
 */
export function workflowBundlerHook(): NonNullable<BundleOptions['webpackConfigHook']> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { compilerOptions } = require(path.join(ROOT, 'tsconfig.base.json')) as {
    compilerOptions: { paths: Record<string, string[]> };
  };
  const alias = Object.fromEntries(Object.entries(compilerOptions.paths).map(([k, [v]]) => [`${k}$`, path.join(ROOT, v)]));
  return (config) => {
    config.resolve = { ...config.resolve, alias: { ...(config.resolve?.alias as object), ...alias } };
    return config;
  };
}

/**
 * Builds the workflow bundle once (for a worker, a replay, a test file), with the aliases; tests
 * may add workflow interceptor modules (paths).
 */
export async function buildWorkflowBundle(options: { interceptorModules?: string[] } = {}): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    workflowInterceptorModules: options.interceptorModules,
    webpackConfigHook: workflowBundlerHook(),
    logger: quietBundlerLogger,
  });
}

const quietBundlerLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (m: string, meta?: unknown) => console.error(JSON.stringify({ level: 'warn', msg: m, meta })),
  error: (m: string, meta?: unknown) => console.error(JSON.stringify({ level: 'error', msg: m, meta })),
};
