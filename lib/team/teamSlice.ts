import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { MeResponse, MemberRole, SyncKind, SyncRecord } from '../sync/syncSchemas';

// The team as every extension page may see it: whether a server is connected (never its token),
// who the user is there, their orgs and projects, the chosen org and project, which library records
// are shared, the conflicts waiting for a choice, and whether the server answers.

export type TeamStatus = 'signedOut' | 'syncing' | 'online' | 'offline' | 'refused';

export interface SharedRecordInfo {
  kind: SyncKind;
  id: string;
  orgId: string;
  projectId: string | null;
  version: number;
  pending: 'none' | 'edit' | 'conflict';
}

export interface TeamConflict {
  kind: SyncKind;
  id: string;
  orgId: string;
  /** a short view of this browser's copy and of the server's (null: the server never had it, or deleted it) */
  mine: { name: string; text: string } | null;
  theirs: { name: string; text: string; version: number; updatedAt: number } | null;
}

export interface TeamState {
  connected: boolean;
  /** the server's address (not a secret; the token stays in the background's database) */
  serverUrl: string | null;
  status: TeamStatus;
  /** why the last sync failed, in words for the user */
  message: string | null;
  user: MeResponse['user'] | null;
  orgs: MeResponse['orgs'];
  selection: { orgId: string | null; projectId: string | null };
  shared: Record<string, SharedRecordInfo>;
  conflicts: TeamConflict[];
  queuedRuns: number;
  lastSyncAt: number | null;
  /** the org this browser's user variables sync into (the user opted in, options → Team); null: they stay here */
  userVariableSync: string | null;
}

const initialState: TeamState = {
  connected: false,
  serverUrl: null,
  status: 'signedOut',
  message: null,
  user: null,
  orgs: [],
  selection: { orgId: null, projectId: null },
  shared: {},
  conflicts: [],
  queuedRuns: 0,
  lastSyncAt: null,
  userVariableSync: null,
};

export const teamSlice = createSlice({
  name: 'team',
  initialState,
  reducers: {
    teamConnected(state, action: PayloadAction<{ serverUrl: string; selection: TeamState['selection'] }>) {
      state.connected = true;
      state.serverUrl = action.payload.serverUrl;
      state.selection = action.payload.selection;
    },
    teamSignedOut() {
      return initialState;
    },
    teamSyncStarted(state) {
      if (state.connected) state.status = 'syncing';
    },
    teamSynced(
      state,
      action: PayloadAction<{ me: MeResponse; at: number; shared: TeamState['shared']; conflicts: TeamConflict[]; selection: TeamState['selection'] }>,
    ) {
      if (!state.connected) return;
      state.status = 'online';
      state.message = null;
      state.user = action.payload.me.user;
      state.orgs = action.payload.me.orgs;
      state.lastSyncAt = action.payload.at;
      state.shared = action.payload.shared;
      state.conflicts = action.payload.conflicts;
      state.selection = action.payload.selection;
    },
    teamSyncFailed(state, action: PayloadAction<{ status: 'offline' | 'refused'; message: string }>) {
      if (!state.connected) return;
      state.status = action.payload.status;
      state.message = action.payload.message;
    },
    teamRecordsChanged(state, action: PayloadAction<{ shared: TeamState['shared']; conflicts: TeamConflict[] }>) {
      state.shared = action.payload.shared;
      state.conflicts = action.payload.conflicts;
    },
    teamProjectSelected(state, action: PayloadAction<TeamState['selection']>) {
      state.selection = action.payload;
    },
    teamRunsQueued(state, action: PayloadAction<number>) {
      state.queuedRuns = action.payload;
    },
    teamUserVariableSyncChanged(state, action: PayloadAction<string | null>) {
      state.userVariableSync = action.payload;
    },
  },
});

export const {
  teamConnected,
  teamSignedOut,
  teamSyncStarted,
  teamSynced,
  teamSyncFailed,
  teamRecordsChanged,
  teamProjectSelected,
  teamRunsQueued,
  teamUserVariableSyncChanged,
} = teamSlice.actions;

type WithTeam = { team: TeamState };

export const selectTeamOrg = (state: WithTeam) => state.team.orgs.find((o) => o.id === state.team.selection.orgId) ?? null;

export function roleIn(state: WithTeam, orgId: string): MemberRole | null {
  return state.team.orgs.find((o) => o.id === orgId)?.role ?? null;
}

/** May this user change the record? Local records: yes; shared ones: owners, admins and members of its org. */
export function canEditRecord(state: WithTeam, kind: SyncKind, id: string): boolean {
  const shared = state.team.shared[`${kind}:${id}`];
  if (!shared) return true;
  const role = roleIn(state, shared.orgId);
  return role !== null && role !== 'viewer';
}

export const sharedInfo = (state: WithTeam, kind: SyncKind, id: string): SharedRecordInfo | undefined => state.team.shared[`${kind}:${id}`];

/** A record of the server in the words the conflict view shows. */
export function describeRecord(record: SyncRecord): { name: string; text: string } | null {
  if (!record.body) return null;
  switch (record.kind) {
    case 'prompt':
      return { name: record.body.name, text: record.body.messages.map((m) => `${m.role}: ${m.content}`).join('\n') };
    case 'flow':
      return { name: record.body.name, text: record.body.steps.map((s, i) => `${i + 1}. ${s.name || 'step'} (${s.actionIds.length} actions)`).join('\n') };
    case 'variable':
      return { name: record.body.name, text: record.body.value };
  }
}
