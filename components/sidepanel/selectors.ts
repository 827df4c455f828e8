import { createSelector } from '@reduxjs/toolkit';
import { selectActivePath, selectInstanceList } from '@/lib/execution';
import type { RootState } from '@/lib/store/rootReducer';
import type { ExecutionInstance } from '@/lib/types';
import { instanceTitles } from './instanceTitle';
import { lastPartialOf, runStatus, type RunStatus } from './statusLabels';

/** The prompt picker's options: pinned prompts first, each group in library order; recomputed only when the prompts change. */
export const selectPromptOptions = createSelector([(state: RootState) => state.prompts.order, (state: RootState) => state.prompts.byId], (order, byId) => {
  const options = order.filter((id) => byId[id]).map((id) => ({ id, name: byId[id].name, pinned: byId[id].pinned === true }));
  return [...options.filter((o) => o.pinned), ...options.filter((o) => !o.pinned)];
});

/** The ids of the open instances, oldest first (use with shallowEqual). */
export const selectInstanceIds = (state: RootState) => selectInstanceList(state).map((instance) => instance.instanceId);

/** The last assistant message of an instance, read when needed (Copy), not subscribed to. */
export function lastAssistantMessage(state: RootState, instanceId: string) {
  const messages = selectActivePath(state, instanceId);
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i].role === 'assistant') return messages[i];
  return undefined;
}

export const selectHasAnswer = (state: RootState, instanceId: string) => selectActivePath(state, instanceId).some((m) => m.role === 'assistant');

/** What a run is about, for its title: the page selection, else the values the user typed. */
function runInput(instance: ExecutionInstance): string {
  const selection = instance.variables.computedValues.selection ?? '';
  if (selection.trim()) return selection;
  return Object.values(instance.variables.userValues)
    .filter((value) => value.trim())
    .join(' ');
}

/** The title of every open run, told apart from each other (components/sidepanel/instanceTitle.ts). */
export const selectInstanceTitles = createSelector([selectInstanceList, (state: RootState) => state.prompts.byId], (instances, prompts) =>
  instanceTitles(
    instances.map((instance) => {
      const prompt = prompts[instance.promptId];
      // A deleted prompt: the title the run was given when it started.
      return {
        instanceId: instance.instanceId,
        promptName: prompt?.name ?? instance.title,
        input: prompt ? runInput(instance) : '',
        createdAt: instance.createdAt,
      };
    }),
  ),
);

/** An open run's status as the tabs show it (Streaming, Done, Stopped, Queued…). */
export function selectRunStatus(state: RootState, instanceId: string): RunStatus {
  const instance = state.promptExecution.instances[instanceId];
  if (!instance) return 'idle';
  const taskId = instance.execution.currentTaskId;
  const queued = taskId ? typeof state.streaming.byTaskId[taskId]?.queuedAhead === 'number' : false;
  return runStatus({ status: instance.status, lastPartial: lastPartialOf(instance.conversation.messages), queued });
}
