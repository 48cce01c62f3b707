/** Injection token of the live workbench queue (one per API process). */
export const WORKBENCH_FEED = Symbol('WorkbenchFeed');
