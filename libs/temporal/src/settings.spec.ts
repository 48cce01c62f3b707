import { maxCachedWorkflowsFromEnv, temporalSettingsFromEnv } from './settings';

describe('worker settings from the environment', () => {
  it('reads where Temporal is, with the local defaults', () => {
    expect(temporalSettingsFromEnv({})).toEqual({ address: '127.0.0.1:7233', namespace: 'default', taskQueue: 'dossiers' });
  });

  it('bounds the workflow cache by TEMPORAL_MAX_CACHED_WORKFLOWS, or leaves the SDK default', () => {
    expect(maxCachedWorkflowsFromEnv({})).toBeUndefined();
    expect(maxCachedWorkflowsFromEnv({ TEMPORAL_MAX_CACHED_WORKFLOWS: '' })).toBeUndefined();
    expect(maxCachedWorkflowsFromEnv({ TEMPORAL_MAX_CACHED_WORKFLOWS: ' 250 ' })).toBe(250);
    expect(maxCachedWorkflowsFromEnv({ TEMPORAL_MAX_CACHED_WORKFLOWS: '0' })).toBe(0);
    for (const bad of ['-1', '2.5', 'lots', '1e']) {
      expect(() => maxCachedWorkflowsFromEnv({ TEMPORAL_MAX_CACHED_WORKFLOWS: bad })).toThrow(`TEMPORAL_MAX_CACHED_WORKFLOWS must be a whole number (0 turns the cache off), not "${bad}"`);
    }
  });
});
