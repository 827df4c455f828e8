import { createAsyncThunk } from '@reduxjs/toolkit';
import type { ThunkConfig } from '../../store/thunkConfig';
import type { VariableScope } from '../../types';

/** Whose variables: the user, and the org and project chosen in the panel (null: none, the local layers). */
export interface VariableScopeKey {
  userId: string | null;
  orgId: string | null;
  projectId: string | null;
}

interface FetchedScopedVariables {
  user: Record<string, string>;
  org: Record<string, string>;
  project: Record<string, string>;
  fetchedAt: number;
  for: VariableScopeKey;
}

export interface FetchScopedVariablesArgs extends Partial<VariableScopeKey> {
  force?: boolean;
}

export const sameScopeKey = (a: VariableScopeKey | null, b: VariableScopeKey) =>
  !!a && a.userId === b.userId && a.orgId === b.orgId && a.projectId === b.projectId;

/**
 * Reads user, org and project variables once per session for the given user, org and project (the
 * seed's `fetchScopedVariables({ userId, orgId, projectId })`; left out, the team selection's);
 * `{ force: true }` reads again. Null = cached. User variables are always this browser's; with an org
 * chosen, org and project variables come from the team server (its local copy when offline), else
 * from this browser's own org and project layers.
 */
export const fetchScopedVariables = createAsyncThunk<FetchedScopedVariables | null, FetchScopedVariablesArgs | void, ThunkConfig>(
  'promptExecution/fetchScopedVariables',
  async (arg, { getState, extra }) => {
    const { team, scopedVariables } = getState();
    const key: VariableScopeKey = {
      userId: arg?.userId !== undefined ? arg.userId : (team.user?.id ?? null),
      orgId: arg?.orgId !== undefined ? arg.orgId : team.connected ? team.selection.orgId : null,
      projectId: arg?.projectId !== undefined ? arg.projectId : team.connected ? team.selection.projectId : null,
    };
    if (scopedVariables.fetchedAt !== null && sameScopeKey(scopedVariables.for, key) && !arg?.force) return null;
    const rows = await extra.db.scopedVariables.toArray();
    const byScope: Record<VariableScope, Record<string, string>> = { user: {}, org: {}, project: {} };
    for (const row of rows) byScope[row.scope][row.name] = row.value;
    if (key.orgId && extra.team) {
      const fromTeam = await extra.team.scopedVariables(key.orgId, key.projectId);
      byScope.org = fromTeam.org;
      byScope.project = fromTeam.project;
    }
    return { ...byScope, fetchedAt: extra.now(), for: key };
  },
);
