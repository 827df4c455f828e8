import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { ScopedVariable, VariableScope } from '../types';
import { fetchScopedVariables, type VariableScopeKey } from '../execution/thunks/fetchScopedVariablesThunk';

/** User, org and project variables: fetched once per worker session, kept fresh by the options page. */
interface ScopedVariablesState {
  user: Record<string, string> | null;
  org: Record<string, string> | null;
  project: Record<string, string> | null;
  fetchedAt: number | null;
  /** whose values these are: org and project come from the team server when an org is chosen */
  for: VariableScopeKey | null;
}

const initialState: ScopedVariablesState = { user: null, org: null, project: null, fetchedAt: null, for: null };

export const scopedVariablesSlice = createSlice({
  name: 'scopedVariables',
  initialState,
  reducers: {
    scopedVariableSet(state, action: PayloadAction<ScopedVariable>) {
      const { scope, name, value } = action.payload;
      (state[scope] ??= {})[name] = value;
    },
    scopedVariableDeleted(state, action: PayloadAction<{ scope: VariableScope; name: string }>) {
      const values = state[action.payload.scope];
      if (values) delete values[action.payload.name];
    },
  },
  extraReducers: (builder) => {
    builder.addCase(fetchScopedVariables.fulfilled, (state, action) => {
      if (!action.payload) return; // already cached
      state.user = action.payload.user;
      state.org = action.payload.org;
      state.project = action.payload.project;
      state.fetchedAt = action.payload.fetchedAt;
      state.for = action.payload.for;
    });
  },
});

export const { scopedVariableSet, scopedVariableDeleted } = scopedVariablesSlice.actions;
