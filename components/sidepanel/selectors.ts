import { createSelector } from '@reduxjs/toolkit';
import { selectInstanceList } from '@/lib/execution';
import type { RootState } from '@/lib/store/rootReducer';

/** The prompt picker's options: pinned prompts first, each group in library order; recomputed only when the prompts change. */
export const selectPromptOptions = createSelector(
  [(state: RootState) => state.prompts.order, (state: RootState) => state.prompts.byId],
  (order, byId) => {
    const options = order.filter((id) => byId[id]).map((id) => ({ id, name: byId[id].name, pinned: byId[id].pinned === true }));
    return [...options.filter((o) => o.pinned), ...options.filter((o) => !o.pinned)];
  },
);

/** The ids of the open instances, oldest first (use with shallowEqual). */
export const selectInstanceIds = (state: RootState) => selectInstanceList(state).map((instance) => instance.instanceId);

/** The last assistant message of an instance, read when needed (Copy), not subscribed to. */
export function lastAssistantMessage(state: RootState, instanceId: string) {
  const messages = state.promptExecution.instances[instanceId]?.conversation.messages ?? [];
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i].role === 'assistant') return messages[i];
  return undefined;
}

export const selectHasAnswer = (state: RootState, instanceId: string) =>
  state.promptExecution.instances[instanceId]?.conversation.messages.some((m) => m.role === 'assistant') ?? false;
