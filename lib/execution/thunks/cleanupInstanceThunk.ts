import { createAsyncThunk } from '@reduxjs/toolkit';
import type { RootState } from '../../store/rootReducer';
import type { ThunkConfig } from '../../store/thunkConfig';
import { instanceRemoved } from '../executionSlice';
import { saveInstance } from '../services/runPersistence';

export const MAX_INSTANCES = 50;
export const MAX_INSTANCE_AGE_MS = 30 * 60 * 1000;

/**
 * Removes an instance from the store (not from the database: history reopens it). A running
 * instance is stopped first, and its final state saved.
 */
export const cleanupInstance = createAsyncThunk<void, { instanceId: string }, ThunkConfig>(
  'promptExecution/cleanupInstance',
  async ({ instanceId }, { dispatch, getState, extra }) => {
    const instance = getState().promptExecution.instances[instanceId];
    if (!instance) return;
    const taskId = instance.execution.currentTaskId;
    if (taskId) {
      extra.inFlight.get(taskId)?.abort();
      // The stream ends through completeExecution, which saves it; wait for that.
      for (let i = 0; i < 100 && getState().promptExecution.instances[instanceId]?.execution.currentTaskId; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    const latest = getState().promptExecution.instances[instanceId];
    if (latest) await saveInstance(extra.db, latest, false);
    dispatch(instanceRemoved(instanceId));
  },
);

/** Which instances to drop: completed ones idle for 30 minutes, then the oldest idle ones past 50. */
export function selectInstancesToEvict(state: RootState, now: number): string[] {
  const instances = Object.values(state.promptExecution.instances);
  const idle = (status: string) => status === 'completed' || status === 'idle' || status === 'error';
  const evict = new Set(instances.filter((i) => i.status === 'completed' && now - i.updatedAt > MAX_INSTANCE_AGE_MS).map((i) => i.instanceId));
  const overflow = instances.length - evict.size - MAX_INSTANCES;
  if (overflow > 0) {
    instances
      .filter((i) => !evict.has(i.instanceId) && idle(i.status))
      .sort((a, b) => a.updatedAt - b.updatedAt)
      .slice(0, overflow)
      .forEach((i) => evict.add(i.instanceId));
  }
  return [...evict];
}

export const evictInstances = createAsyncThunk<string[], void, ThunkConfig>('promptExecution/evictInstances', async (_arg, { dispatch, getState, extra }) => {
  const ids = selectInstancesToEvict(getState(), extra.now());
  for (const instanceId of ids) await dispatch(cleanupInstance({ instanceId }));
  return ids;
});
