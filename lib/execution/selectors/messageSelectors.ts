import { createSelector } from '@reduxjs/toolkit';
import type { ChatMessage } from '../../llm/chatModel';
import type { RootState } from '../../store/rootReducer';
import { CHAT_PROMPT, isChatPrompt } from '../../prompts/chatPrompt';
import { buildChatMessages, instanceTemplate, type BuiltMessages } from '../services/messageBuilder';
import { mergeVariables } from '../services/variableResolver';
import { selectInstance } from './instanceSelectors';

const selectPromptOfInstance = (state: RootState, instanceId: string) => {
  const promptId = state.promptExecution.instances[instanceId]?.promptId;
  if (isChatPrompt(promptId)) return CHAT_PROMPT;
  return promptId ? state.prompts.byId[promptId] : undefined;
};

const EMPTY: BuiltMessages = { messages: [], missing: [] };

/** The template with variables replaced, resources attached, and the conversation after it. */
export const selectBuiltMessages = createSelector([selectInstance, selectPromptOfInstance], (instance, prompt): BuiltMessages => {
  if (!instance || !prompt) return EMPTY;
  return buildChatMessages({
    template: instanceTemplate(prompt.messages, instance.systemPrompt),
    conversation: instance.conversation.messages,
    resources: instance.conversation.resources,
    variables: mergeVariables(instance.variables),
    applyVariables: instance.executionConfig.apply_variables,
  });
});

/** Exactly what the next call sends to the model. */
export const selectResolvedMessages = createSelector([selectBuiltMessages], (built): ChatMessage[] => built.messages);
