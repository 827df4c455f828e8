import { createAsyncThunk } from '@reduxjs/toolkit';
import type { Prompt } from '../types';
import type { ThunkConfig } from '../store/thunkConfig';

/**
 * Cache-aware: a prompt in the store is returned as is; otherwise it is read from the database
 * once, even when several instances ask for it at the same time.
 */
export const loadPrompt = createAsyncThunk<Prompt, string, ThunkConfig>(
  'prompts/loadPrompt',
  async (promptId, { getState, extra }) => {
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
  },
);
