import { createSelector } from '@reduxjs/toolkit';
import type { RootState } from '../../store/rootReducer';
import type { ExecutionInstance } from '../../types';

const selectInstances = (state: RootState) => state.promptExecution.instances;
const selectStreams = (state: RootState) => state.streaming.byTaskId;

// Its only input is the instance itself, so a change to another instance does not recompute it
// (nor anything built on it).
export const selectInstance = createSelector(
  [(state: RootState, instanceId: string): ExecutionInstance | undefined => state.promptExecution.instances[instanceId]],
  (instance) => instance,
  { devModeChecks: { identityFunctionCheck: 'never' } },
);

/** Open instances, oldest first: the panel's tabs. */
export const selectInstanceList = createSelector([selectInstances], (instances) => Object.values(instances).sort((a, b) => a.createdAt - b.createdAt));

/** The instance's answer while it streams (its text, reasoning, notice), or undefined. */
export const selectCurrentStream = createSelector([selectInstance, selectStreams], (instance, streams) =>
  instance?.execution.currentTaskId ? streams[instance.execution.currentTaskId] : undefined,
);

/** The id the streaming answer will have once it is in the conversation, or null when none streams. */
export const selectStreamingAnswerId = (state: RootState, instanceId: string): string | null =>
  (selectIsInstanceBusy(state, instanceId) && selectInstance(state, instanceId)?.execution.answerId) || null;

/** The answer streaming now for the instance ('' when none). */
export const selectStreamingTextForInstance = createSelector([selectCurrentStream], (stream) => stream?.text ?? '');

/** What the user should know while the answer is on its way (a rate-limit wait), or null. */
export const selectStreamNoticeForInstance = createSelector([selectCurrentStream], (stream) => stream?.notice ?? null);

export const selectIsInstanceBusy = (state: RootState, instanceId: string) => {
  const status = selectInstance(state, instanceId)?.status;
  return status === 'executing' || status === 'streaming';
};
