import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { Prompt } from '../types';
import { isChatPrompt } from './chatPrompt';
import { loadPrompt } from './loadPromptThunk';

/** The prompt cache: every prompt read from the database, by id, and the library order. */
export interface PromptsState {
  byId: Record<string, Prompt>;
  order: string[];
  defaultPromptId: string | null;
}

const initialState: PromptsState = { byId: {}, order: [], defaultPromptId: null };

function put(state: PromptsState, prompt: Prompt) {
  if (!state.byId[prompt.id]) state.order.push(prompt.id);
  state.byId[prompt.id] = prompt;
}

export const promptsSlice = createSlice({
  name: 'prompts',
  initialState,
  reducers: {
    promptsHydrated(state, action: PayloadAction<{ prompts: Prompt[]; defaultPromptId: string | null }>) {
      state.byId = {};
      state.order = [];
      action.payload.prompts.forEach((p) => put(state, p));
      state.defaultPromptId = action.payload.defaultPromptId;
    },
    promptSaved(state, action: PayloadAction<Prompt>) {
      put(state, action.payload);
    },
    promptDeleted(state, action: PayloadAction<string>) {
      delete state.byId[action.payload];
      state.order = state.order.filter((id) => id !== action.payload);
      if (state.defaultPromptId === action.payload) state.defaultPromptId = state.order[0] ?? null;
    },
    defaultPromptSet(state, action: PayloadAction<string | null>) {
      state.defaultPromptId = action.payload;
    },
  },
  extraReducers: (builder) => {
    builder.addCase(loadPrompt.fulfilled, (state, action) => {
      // The plain-chat prompt is not part of the library.
      if (isChatPrompt(action.payload.id)) return;
      if (state.byId[action.payload.id] !== action.payload) put(state, action.payload);
    });
  },
});

export const { promptsHydrated, promptSaved, promptDeleted, defaultPromptSet } = promptsSlice.actions;
