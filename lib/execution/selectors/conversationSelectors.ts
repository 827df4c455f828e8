import { createSelector } from '@reduxjs/toolkit';
import type { RootState } from '../../store/rootReducer';
import type { ConversationMessage } from '../../types';
import { activePath, versionsOf, type Versions } from '../conversation/conversationTree';

const EMPTY_MESSAGES: ConversationMessage[] = [];
const EMPTY_SELECTION: Record<string, string> = {};

const selectMessages = (state: RootState, instanceId: string) => state.promptExecution.instances[instanceId]?.conversation.messages ?? EMPTY_MESSAGES;
const selectSelection = (state: RootState, instanceId: string) => state.promptExecution.instances[instanceId]?.conversation.selected ?? EMPTY_SELECTION;

/**
 * The conversation as it reads (the active path of its tree): what the panel shows, the model
 * receives, and Markdown export writes. Recomputed only when the tree or a choice changes, never
 * while an answer streams.
 */
export const selectActivePath = createSelector([selectMessages, selectSelection], (messages, selected) => activePath({ messages, selected }));

/** ‹ index/count › of a message among the versions of its turn. */
export const selectVersionsOf = createSelector(
  [selectMessages, selectSelection, (_state: RootState, _instanceId: string, messageId: string) => messageId],
  (messages, selected, messageId): Versions | null => versionsOf({ messages, selected }, messageId),
  { memoizeOptions: { resultEqualityCheck: (a: Versions | null, b: Versions | null) => JSON.stringify(a) === JSON.stringify(b) } },
);
