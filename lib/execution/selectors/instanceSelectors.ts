import { createSelector } from '@reduxjs/toolkit';
import type { RootState } from '../../store/rootReducer';
import type { ExecutionInstance } from '../../types';

const selectInstances = (state: RootState) => state.promptExecution.instances;
const selectStreams = (state: RootState) => state.streaming.byTaskId;
const instanceIdArg = (_state: RootState, instanceId: string) => instanceId;

export const selectInstance = createSelector(
  [selectInstances, instanceIdArg],
  (instances, instanceId): ExecutionInstance | undefined => instances[instanceId],
);

/** Open instances, oldest first: the panel's tabs. */
export const selectInstanceList = createSelector([selectInstances], (instances) =>
  Object.values(instances).sort((a, b) => a.createdAt - b.createdAt),
);

const selectCurrentStream = createSelector(
  [selectInstance, selectStreams],
  (instance, streams) => (instance?.execution.currentTaskId ? streams[instance.execution.currentTaskId] : undefined),
);

/** The answer streaming now for the instance ('' when none). */
export const selectStreamingTextForInstance = createSelector([selectCurrentStream], (stream) => stream?.text ?? '');

export const selectStreamingReasoningForInstance = createSelector([selectCurrentStream], (stream) => stream?.reasoning ?? '');

export const selectIsInstanceBusy = (state: RootState, instanceId: string) => {
  const status = selectInstance(state, instanceId)?.status;
  return status === 'executing' || status === 'streaming' || status === 'initializing';
};
