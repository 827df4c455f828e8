import { createAsyncThunk } from '@reduxjs/toolkit';
import type { Prompt } from '../types';
import type { ThunkConfig } from '../store/thunkConfig';
import { CHAT_PROMPT, isChatPrompt } from './chatPrompt';

/**
 * Cache-aware: a prompt in the store is returned as is; otherwise it is read from the database
 * once, even when several instances ask for it at the same time. The plain-chat prompt comes
 * from code (chatPrompt.ts).
 */
export const loadPrompt = createAsyncThunk<Prompt, string, ThunkConfig>('prompts/loadPrompt', async (promptId, { getState, extra }) => {
  if (isChatPrompt(promptId)) return CHAT_PROMPT;
  const cached = getState().prompts.byId[promptId];
  if (cached) return cached;
  let pending = extra.promptReads.get(promptId);
  if (!pending) {
    pending = extra.db.prompts.get(promptId).finally(() => extra.promptReads.delete(promptId));
    extra.promptReads.set(promptId, pending);
  }
  const prompt = await pending;
  if (!prompt) throw new Error(`There is no prompt with id "${promptId}".`);
  return prompt;
});
