import { createAsyncThunk } from '@reduxjs/toolkit';
import type { ThunkConfig } from '../../store/thunkConfig';
import type { VariableScope } from '../../types';

interface FetchedScopedVariables {
  user: Record<string, string>;
  org: Record<string, string>;
  project: Record<string, string>;
  fetchedAt: number;
}

/** Reads user, org and project variables once per session; `{ force: true }` reads again. Null = cached. */
export const fetchScopedVariables = createAsyncThunk<FetchedScopedVariables | null, { force?: boolean } | void, ThunkConfig>(
  'promptExecution/fetchScopedVariables',
  async (arg, { getState, extra }) => {
    if (getState().scopedVariables.fetchedAt !== null && !arg?.force) return null;
    const rows = await extra.db.scopedVariables.toArray();
    const byScope: Record<VariableScope, Record<string, string>> = { user: {}, org: {}, project: {} };
    for (const row of rows) byScope[row.scope][row.name] = row.value;
    return { ...byScope, fetchedAt: extra.now() };
  },
);
