import type { Prompt } from '../types';

/**
 * Plain chat is an instance of this built-in prompt: no template, no variables, chat on. It lives
 * in code, not in the library (never in the database, the prompts slice, exports or sync), so it
 * cannot be edited, deleted or picked from the prompt list; `loadPrompt` hands it out by its id.
 * A chat's optional system prompt is the instance's own (`ExecutionInstance.systemPrompt`).
 */
export const CHAT_PROMPT_ID = 'flowbar:chat';

export const CHAT_PROMPT: Prompt = Object.freeze({
  id: CHAT_PROMPT_ID,
  name: 'Chat',
  messages: [],
  // The default provider and its default model; the panel's model picker changes the instance's copy.
  settings: { providerId: null, model: '' },
  executionConfig: { auto_run: false, allow_chat: true, show_variables: false, apply_variables: false, track_in_runs: true },
  builtIn: true,
  createdAt: 0,
  updatedAt: 0,
});

export const isChatPrompt = (promptId: string | null | undefined): boolean => promptId === CHAT_PROMPT_ID;
