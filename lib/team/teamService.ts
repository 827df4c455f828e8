import { scopedValuesRefreshed } from '../execution/executionSlice';
import { mergeScopedValues } from '../execution/services/variableResolver';
import { fetchScopedVariables } from '../execution/thunks/fetchScopedVariablesThunk';
import type { FlowbarDb } from '../db/database';
import { addLog } from '../logs/logsSlice';
import type { RootState } from '../store/rootReducer';
import type { AppThunkDispatch } from '../store/thunkConfig';
import {
  describeRecord,
  roleIn,
  teamConnected,
  teamProjectSelected,
  teamRecordsChanged,
  teamRunsQueued,
  teamSignedOut,
  teamSyncFailed,
  teamSyncStarted,
  teamSynced,
  teamUserVariableSyncChanged,
  type TeamConflict,
  type TeamState,
} from './teamSlice';
import { createDexieSyncPort, enqueueRun, queuedRunCount, SETTINGS_KEYS } from './dexieSyncPort';
import type { MemberInfo, MemberRole, MeResponse, ScopedVariablesResponse, SyncKind } from '../sync/syncSchemas';
import type { TeamSyncState } from '../sync/syncState';
import { createTeamApi, normaliseServerUrl, TeamHttpError, TeamOfflineError, type TeamApi } from '../sync/teamApi';
import { createTeamSyncEngine, type TeamSyncEngine, type TeamSyncPort } from '../sync/teamSyncEngine';
import { nextSyncDelay } from '../sync/syncSchedule';

// The background's team connection: the token (kept in the settings table, never in the store),
// the sync engine, a sync every `intervalMs` (sooner while the server is unreachable:
// lib/sync/syncSchedule.ts) and soon after each local change, and what the store shows of it
// (lib/team/teamSlice.ts). With the server down everything goes on from the local copy.

export interface TeamService {
  start(): Promise<void>;
  connect(serverUrl: string, token: string): Promise<MeResponse>;
  signOut(): Promise<void>;
  syncNow(): Promise<void>;
  select(orgId: string | null, projectId: string | null): Promise<void>;
  /** throws with a message for the user when a shared record's org role may not change it */
  assertCanEdit(kind: 'prompt' | 'flow', id: string): void;
  recordEdited(kind: 'prompt' | 'flow', id: string, deleted?: boolean): Promise<void>;
  share(kind: 'prompt' | 'flow', id: string, orgId: string, projectId: string | null): Promise<void>;
  /** an org or project variable of the chosen org (value null deletes it) */
  setVariable(scope: 'org' | 'project', name: string, value: string | null): Promise<void>;
  resolveConflict(kind: SyncKind, id: string, choice: 'mine' | 'theirs'): Promise<void>;
  scopedVariables(orgId: string, projectId: string | null): Promise<ScopedVariablesResponse>;
  /** a tracked prompt run's answer, or a flow run, ended: queue it for the org's ai_runs (when it collects runs) */
  runFinished(runId: string, source?: 'prompt' | 'flow'): Promise<void>;
  /** an org's members (options → Team); changing a role or removing a member is for owners and admins (the server decides) */
  members(orgId: string): Promise<MemberInfo[]>;
  setMemberRole(orgId: string, userId: string, role: MemberRole): Promise<void>;
  removeMember(orgId: string, userId: string): Promise<void>;
  /** the opt-in: sync this browser's user variables into the chosen org (only this user can read them there); off keeps them here */
  setUserVariableSync(on: boolean): Promise<void>;
  /** a user variable was set or deleted here: synced soon when the user opted in, else nothing */
  userVariablesChanged(): void;
}

interface Credentials {
  serverUrl: string;
  token: string;
}

export interface TeamServiceOptions {
  db: FlowbarDb;
  dispatch: AppThunkDispatch;
  getState: () => RootState;
  now?: () => number;
  newId?: () => string;
  fetch?: typeof fetch;
  intervalMs?: number;
  /** wait after a local change before syncing (ms) */
  debounceMs?: number;
  random?: () => number;
}

export function createTeamService(options: TeamServiceOptions): TeamService {
  const { db, dispatch, getState } = options;
  const now = options.now ?? (() => Date.now());
  const newId = options.newId ?? (() => crypto.randomUUID());
  const intervalMs = options.intervalMs ?? 30_000;
  const debounceMs = options.debounceMs ?? 300;
  const random = options.random ?? Math.random;
  const port: TeamSyncPort = createDexieSyncPort(db, dispatch, getState, now);

  let engine: TeamSyncEngine | null = null;
  let api: TeamApi | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** syncs in a row that found the server unreachable */
  let failures = 0;
  let soon: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | null = null;
  let again = false;

  const makeApi = (c: Credentials) => createTeamApi({ serverUrl: c.serverUrl, token: c.token, fetch: options.fetch, timeoutMs: 8_000 });

  function open(c: Credentials, selection: TeamState['selection']) {
    api = makeApi(c);
    engine = createTeamSyncEngine({ api, port, newId });
    dispatch(teamConnected({ serverUrl: c.serverUrl, selection }));
    failures = 0;
    scheduleNext();
  }

  /** The next sync nobody asked for: after each sync, from its outcome (no alarm: it lives as long as the worker). */
  function scheduleNext() {
    clearTimeout(timer);
    if (engine) timer = setTimeout(() => void syncNow(), nextSyncDelay(failures, intervalMs, random()));
  }

  async function describeShared(state: TeamSyncState) {
    const shared: TeamState['shared'] = {};
    const conflicts: TeamConflict[] = [];
    for (const r of Object.values(state.records)) {
      if (!r.deleted || r.pending !== 'none')
        shared[`${r.kind}:${r.id}`] = { kind: r.kind, id: r.id, orgId: r.orgId, projectId: r.projectId, version: r.version, pending: r.pending };
      if (r.pending !== 'conflict') continue;
      let mine: TeamConflict['mine'] = null;
      if (!r.deleted) {
        if (r.kind === 'variable') mine = r.variable ? { name: r.variable.name, text: r.variable.value } : null;
        else {
          const body = await port.readBody(r.kind, r.id);
          mine = body
            ? describeRecord({
                kind: r.kind,
                body,
                id: r.id,
                projectId: r.projectId,
                version: 1,
                updatedAt: 0,
                updatedBy: '00000000-0000-4000-8000-000000000000',
              } as never)
            : null;
        }
      }
      const theirsText = r.theirs ? describeRecord(r.theirs) : null;
      conflicts.push({
        kind: r.kind,
        id: r.id,
        orgId: r.orgId,
        mine,
        theirs: r.theirs && theirsText ? { ...theirsText, version: r.theirs.version, updatedAt: r.theirs.updatedAt } : null,
      });
    }
    return { shared, conflicts };
  }

  const refreshRecords = async () => {
    if (engine) dispatch(teamRecordsChanged(await describeShared(await engine.state())));
  };
  const refreshVariables = async () => {
    await dispatch(fetchScopedVariables({ force: true })).unwrap();
    dispatch(scopedValuesRefreshed(mergeScopedValues(getState().scopedVariables)));
  };
  const later = () => {
    clearTimeout(soon);
    soon = setTimeout(() => void syncNow(), debounceMs);
  };

  /** The chosen org and project, kept while they still exist; else the first org. */
  function validSelection(me: MeResponse, wanted: TeamState['selection']): TeamState['selection'] {
    const org = me.orgs.find((o) => o.id === wanted.orgId) ?? me.orgs[0];
    if (!org) return { orgId: null, projectId: null };
    return { orgId: org.id, projectId: org.projects.some((p) => p.id === wanted.projectId) ? wanted.projectId : null };
  }

  async function syncOnce() {
    if (!engine) return;
    const current = engine;
    dispatch(teamSyncStarted());
    try {
      const summary = await current.syncOnce();
      if (engine !== current) return; // signed out meanwhile
      failures = 0;
      const before = getState().team.selection;
      const selection = validSelection(summary.me, before);
      if (selection.orgId !== before.orgId || selection.projectId !== before.projectId)
        await db.settings.put({ key: SETTINGS_KEYS.selection, value: selection });
      dispatch(teamSynced({ me: summary.me, at: now(), selection, ...(await describeShared(await current.state())) }));
      dispatch(teamRunsQueued(await queuedRunCount(db)));
      if (summary.received.variable > 0 || selection.orgId !== before.orgId || selection.projectId !== before.projectId) await refreshVariables();
    } catch (error) {
      if (engine !== current) return;
      dispatch(teamRunsQueued(await queuedRunCount(db)));
      if (error instanceof TeamOfflineError) {
        failures++;
        dispatch(teamSyncFailed({ status: 'offline', message: error.message }));
      } else if (error instanceof TeamHttpError && error.status === 401)
        dispatch(teamSyncFailed({ status: 'refused', message: 'The server refused the token (revoked or expired). Sign out and connect with a new one.' }));
      else {
        const message = error instanceof Error ? error.message : String(error);
        dispatch(teamSyncFailed({ status: 'refused', message }));
        dispatch(addLog({ level: 'warn', message: `Team sync failed: ${message}` }));
      }
    }
  }

  /** One sync at a time; a request during one runs once more after it. */
  function syncNow(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await syncOnce();
      } while (again);
    })().finally(() => {
      running = null;
      scheduleNext();
    });
    return running;
  }

  /** a member change, with the server's refusal as the sentence to show (the last owner, a role that may not) */
  async function memberCall<T>(work: (api: TeamApi) => Promise<T>): Promise<T> {
    if (!api) throw new Error('Connect to a team server first (options → Team).');
    try {
      return await work(api);
    } catch (error) {
      if (error instanceof TeamOfflineError) throw new Error('The team server does not answer: try again when it is back.');
      throw error;
    }
  }

  const selectedOrg = () => {
    const { selection, orgs } = getState().team;
    return orgs.find((o) => o.id === selection.orgId) ?? null;
  };

  return {
    async start() {
      const stored = (await db.settings.get(SETTINGS_KEYS.credentials))?.value as Credentials | undefined;
      if (!stored) return;
      const selection = ((await db.settings.get(SETTINGS_KEYS.selection))?.value as TeamState['selection'] | undefined) ?? { orgId: null, projectId: null };
      open(stored, selection);
      // The local copy first, so the library shows its shared marks even with the server down.
      await refreshRecords();
      const state = await engine!.state();
      dispatch(teamUserVariableSyncChanged(state.userVariables?.orgId ?? null));
      if (state.me) dispatch(teamSynced({ me: state.me, at: now(), selection: validSelection(state.me, selection), ...(await describeShared(state)) }));
      dispatch(teamRunsQueued(await queuedRunCount(db)));
      void syncNow();
    },
    async connect(serverUrl, token) {
      const credentials = { serverUrl: normaliseServerUrl(serverUrl), token: token.trim() };
      if (!/^\S{8,}$/.test(credentials.token)) throw new Error('Paste the whole token (it starts with fbt_).');
      let me: MeResponse;
      try {
        me = await makeApi(credentials).me();
      } catch (error) {
        if (error instanceof TeamHttpError && error.status === 401) throw new Error('The server refused this token (unknown, revoked or expired).');
        throw error;
      }
      await db.transaction('rw', db.settings, async () => {
        await db.settings.bulkDelete([SETTINGS_KEYS.syncState, SETTINGS_KEYS.runQueue]);
        await db.settings.put({ key: SETTINGS_KEYS.credentials, value: credentials });
      });
      const selection = validSelection(me, { orgId: null, projectId: null });
      await db.settings.put({ key: SETTINGS_KEYS.selection, value: selection });
      open(credentials, selection);
      await syncNow();
      await refreshVariables();
      return me;
    },
    async signOut() {
      clearTimeout(timer);
      clearTimeout(soon);
      engine = null;
      api = null;
      // Shared prompts and flows stay in the library as local copies: nothing the user had is lost.
      await db.settings.bulkDelete([SETTINGS_KEYS.credentials, SETTINGS_KEYS.syncState, SETTINGS_KEYS.runQueue, SETTINGS_KEYS.selection]);
      dispatch(teamSignedOut());
      await refreshVariables();
    },
    syncNow,
    async select(orgId, projectId) {
      const { orgs } = getState().team;
      const org = orgs.find((o) => o.id === orgId);
      if (orgId !== null && !org) throw new Error('You are not a member of that org.');
      if (projectId !== null && !org?.projects.some((p) => p.id === projectId)) throw new Error('That project is not in this org.');
      const selection = { orgId, projectId };
      await db.settings.put({ key: SETTINGS_KEYS.selection, value: selection });
      dispatch(teamProjectSelected(selection));
      await refreshVariables();
    },
    assertCanEdit(kind, id) {
      const state = getState();
      const shared = state.team.shared[`${kind}:${id}`];
      if (!shared) return;
      const role = roleIn(state, shared.orgId);
      const org = state.team.orgs.find((o) => o.id === shared.orgId);
      if (role === 'viewer') throw new Error(`This ${kind} is shared by ${org?.name ?? 'your org'}, where you are a viewer: you may run it but not change it.`);
      if (role === null && state.team.connected) throw new Error(`This ${kind} is shared by an org you are no longer a member of.`);
    },
    async recordEdited(kind, id, deleted = false) {
      if (!engine) return;
      if (await engine.markEdited(kind, id, { deleted })) {
        await refreshRecords();
        later();
      }
    },
    async share(kind, id, orgId, projectId) {
      if (!engine) throw new Error('Connect to a team server first (options → Team).');
      const role = roleIn(getState(), orgId);
      if (!role) throw new Error('You are not a member of that org.');
      if (role === 'viewer') throw new Error('Viewers cannot share into the org.');
      await engine.markEdited(kind, id, { share: { orgId, projectId } });
      await refreshRecords();
      await syncNow();
    },
    async setVariable(scope, name, value) {
      const org = selectedOrg();
      if (!engine || !org) throw new Error('Choose an org first.');
      if (org.role === 'viewer') throw new Error(`You are a viewer in ${org.name}: its variables are read-only for you.`);
      const projectId = scope === 'project' ? getState().team.selection.projectId : null;
      if (scope === 'project' && !projectId) throw new Error('Choose a project in the panel first.');
      await engine.setVariable(org.id, projectId, name, value, newId);
      await refreshVariables();
      later();
    },
    async resolveConflict(kind, id, choice) {
      if (!engine) throw new Error('Not connected to a team server.');
      await engine.resolveConflict(kind, id, choice);
      await refreshRecords();
      if (kind === 'variable') await refreshVariables();
      await syncNow();
    },
    async scopedVariables(orgId, projectId) {
      if (!engine) return { org: {}, project: {} };
      const { org, project } = await engine.scopedVariables(orgId, projectId);
      return { org, project };
    },
    async runFinished(runId, source = 'prompt') {
      const org = selectedOrg();
      if (!engine || !org?.settings.collectRuns) return;
      const entry = { runId, orgId: org.id, projectId: getState().team.selection.projectId, queuedAt: now(), ...(source === 'flow' && { source }) };
      const count = await enqueueRun(db, entry);
      dispatch(teamRunsQueued(count));
      later();
    },
    members: (orgId) => memberCall((a) => a.members(orgId)),
    async setMemberRole(orgId, userId, role) {
      await memberCall((a) => a.setMemberRole(orgId, userId, role));
      // one's own role may have changed: /me says so
      if (userId === getState().team.user?.id) await syncNow();
    },
    async removeMember(orgId, userId) {
      await memberCall((a) => a.removeMember(orgId, userId));
      if (userId === getState().team.user?.id) await syncNow();
    },
    async setUserVariableSync(on) {
      if (!engine) throw new Error('Connect to a team server first (options → Team).');
      const org = on ? (selectedOrg() ?? getState().team.orgs[0] ?? null) : null;
      if (on && !org) throw new Error('You are not a member of any org on this server yet.');
      await engine.setUserVariableSync(org?.id ?? null);
      dispatch(teamUserVariableSyncChanged(org?.id ?? null));
      await refreshRecords();
      if (org) await syncNow();
    },
    userVariablesChanged() {
      if (engine && getState().team.userVariableSync) later();
    },
  };
}
