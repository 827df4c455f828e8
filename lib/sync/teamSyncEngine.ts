import { TeamHttpError, TeamOfflineError, type TeamApi } from './teamApi';
import { applyPushed, keepMine, markConflicts, mergePulled, pendingRecords, takeTheirs, toChange } from './syncMerge';
import { emptySyncState, recordKey, type LocalRecord, type QueuedRun, type RecordKey, type TeamSyncState } from './syncState';
import type { FlowBody, MeResponse, PromptBody, RunUpload, ScopedVariablesResponse, SyncKind, SyncRecord, VariableBody } from './syncSchemas';
import { isUserRecord, joinUserVariables, pulledUserWrites, reconcileUserVariables, withoutUserRecords, type UserVariableWrite } from './userVariableSync';

// The sync loop of one signed-in browser: /me, then for each org pull (cursor), push the local edits
// (with the version each started from), and send the queued runs. Storage is a port, so the same
// engine runs against the real server in the tests (server/sync/syncClient.test.ts) and on Dexie in
// the extension (lib/team/dexieSyncPort.ts).

export interface TeamSyncPort {
  loadState(): Promise<TeamSyncState | null>;
  saveState(state: TeamSyncState): Promise<void>;
  /** writes pulled (or taken) records into the local library; body null deletes the local copy */
  applyRecords(orgId: string, records: SyncRecord[]): Promise<void>;
  /** the local copy of a shared prompt or flow, to push */
  readBody(kind: 'prompt' | 'flow', id: string): Promise<PromptBody | FlowBody | undefined>;
  queuedRuns(limit: number): Promise<QueuedRun[]>;
  /** the run with its tasks as the server takes it; null when it is gone from this browser; 'later' while it has not ended (it stays queued) */
  runUpload(run: QueuedRun, includeText: boolean): Promise<RunUpload | null | 'later'>;
  /** takes sent runs off the queue (only entries not queued again since `queuedAt`) */
  removeQueuedRuns(runs: QueuedRun[]): Promise<void>;
  /** this browser's user variables; read only while the user has opted in to syncing them */
  userVariables(): Promise<VariableBody[]>;
  /** writes pulled user variables here (value null deletes); only while opted in */
  writeUserVariables(writes: UserVariableWrite[]): Promise<void>;
}

export interface SyncSummary {
  me: MeResponse;
  conflicts: number;
  pendingEdits: number;
  runsSent: number;
  /** records written locally by this sync, by kind */
  received: Record<SyncKind, number>;
}

export const RUN_BATCH = 100;
const PULL_LIMIT = 500;
/** a pull that goes on longer is stopped (the next sync goes on from its cursor) */
const MAX_PULL_PAGES = 50;

export interface TeamSyncEngine {
  syncOnce(): Promise<SyncSummary>;
  state(): Promise<TeamSyncState>;
  /** marks a shared prompt or flow as edited (or deleted) here; `share` makes a local one shared */
  markEdited(
    kind: 'prompt' | 'flow',
    id: string,
    change?: { deleted?: boolean; share?: { orgId: string; projectId: string | null } },
  ): Promise<LocalRecord | null>;
  setVariable(orgId: string, projectId: string | null, name: string, value: string | null, newId: () => string): Promise<void>;
  resolveConflict(kind: SyncKind, id: string, choice: 'mine' | 'theirs'): Promise<void>;
  /** org and project values: from the server when it answers, else the local copy; local edits not pushed yet win */
  scopedVariables(orgId: string, projectId: string | null): Promise<ScopedVariablesResponse & { offline: boolean }>;
  /**
   * The opt-in to sync this browser's user variables into an org (only the user can read them there);
   * null turns it off: nothing of them is sent from then on, and the local values stay.
   */
  setUserVariableSync(orgId: string | null): Promise<void>;
}

export function createTeamSyncEngine({
  api,
  port,
  newId = () => crypto.randomUUID(),
}: {
  api: TeamApi;
  port: TeamSyncPort;
  newId?: () => string;
}): TeamSyncEngine {
  let state: TeamSyncState | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  /** one change of the state at a time: a sync, an edit, a choice */
  const exclusive = <T>(fn: (s: TeamSyncState) => Promise<T>): Promise<T> => {
    const run = queue.then(async () => {
      state ??= (await port.loadState()) ?? emptySyncState();
      return fn(state);
    });
    queue = run.catch(() => undefined);
    return run;
  };
  const save = async (next: TeamSyncState) => {
    state = next;
    await port.saveState(next);
  };

  /** the opt-in, when it is on for this org */
  const userSyncIn = (s: TeamSyncState, orgId: string) => (s.userVariables?.orgId === orgId ? s.userVariables : null);

  async function pullOrg(s: TeamSyncState, orgId: string, received: SyncSummary['received']): Promise<TeamSyncState> {
    const userSync = userSyncIn(s, orgId);
    let cursor: string | null = s.cursors[orgId] ?? null;
    let records = s.records;
    for (let page = 0; page < MAX_PULL_PAGES; page++) {
      let reply;
      try {
        reply = await api.pull(orgId, cursor, PULL_LIMIT);
      } catch (error) {
        // A cursor the server no longer takes (a restored database): pull everything again.
        if (error instanceof TeamHttpError && error.code === 'invalid_cursor' && cursor) {
          cursor = null;
          continue;
        }
        throw error;
      }
      const merged = mergePulled(orgId, records, reply.changes, userSync !== null);
      if (merged.writes.length) await port.applyRecords(orgId, merged.writes);
      // The first pull after opting in leaves local values alone (joinUserVariables decides).
      const userWrites = userSync && !userSync.joining ? pulledUserWrites(records, merged.writes) : [];
      if (userWrites.length) await port.writeUserVariables(userWrites);
      for (const w of merged.writes) received[w.kind]++;
      records = merged.records;
      cursor = reply.cursor;
      s = { ...s, records, cursors: { ...s.cursors, [orgId]: cursor } };
      await save(s);
      if (!reply.more) break;
    }
    return s;
  }

  /** Opted in: this browser's user variables into the state, as edits to push (the first time, with the server's joined in). */
  async function reconcileOrg(s: TeamSyncState, orgId: string, received: SyncSummary['received']): Promise<TeamSyncState> {
    const userSync = userSyncIn(s, orgId);
    if (!userSync) return s;
    let local = await port.userVariables();
    if (userSync.joining) {
      const writes = joinUserVariables(s.records, orgId, local);
      if (writes.length) await port.writeUserVariables(writes);
      received.variable += writes.length;
      local = [...local, ...writes.map((w) => ({ name: w.name, value: w.value! }))];
    }
    s = { ...s, records: reconcileUserVariables(s.records, orgId, local, newId), userVariables: { orgId, joining: false } };
    await save(s);
    return s;
  }

  async function pushOrg(s: TeamSyncState, orgId: string, onlyUserRecords: boolean): Promise<TeamSyncState> {
    const userSync = userSyncIn(s, orgId) !== null;
    // A refused push saves nothing: the refused records become conflicts and the rest go again.
    for (let attempt = 0; attempt < 3; attempt++) {
      // User variables go only while the user has opted in; a viewer pushes nothing else.
      const pending = pendingRecords(s.records, orgId).filter((r) => (isUserRecord(r) ? userSync : !onlyUserRecords));
      if (!pending.length) return s;
      const changes = [];
      for (const record of pending) {
        if (record.kind === 'variable') changes.push(toChange(record, record.variable));
        else {
          const body = record.deleted ? null : await port.readBody(record.kind, record.id);
          changes.push(toChange(record, body === undefined ? null : body));
        }
      }
      const result = await api.push(orgId, changes.slice(0, 500));
      s = { ...s, records: result.ok ? applyPushed(s.records, result.applied) : markConflicts(s.records, result.conflicts) };
      await save(s);
      if (result.ok && changes.length <= 500) return s;
    }
    return s;
  }

  async function sendRuns(s: TeamSyncState): Promise<number> {
    let sent = 0;
    const orgs = new Map((s.me?.orgs ?? []).map((o) => [o.id, o]));
    for (let round = 0; round < 20; round++) {
      let waiting = 0;
      const queued = await port.queuedRuns(RUN_BATCH * 5);
      if (!queued.length) return sent;
      const byOrg = new Map<string, QueuedRun[]>();
      for (const q of queued) byOrg.set(q.orgId, [...(byOrg.get(q.orgId) ?? []), q]);
      for (const [orgId, entries] of byOrg) {
        const org = orgs.get(orgId);
        // Not a member any more, or the org stopped collecting: the runs stay in this browser only.
        if (!org || !org.settings.collectRuns) {
          await port.removeQueuedRuns(entries);
          continue;
        }
        for (let i = 0; i < entries.length; i += RUN_BATCH) {
          const batch = entries.slice(i, i + RUN_BATCH);
          const built = await Promise.all(batch.map(async (q) => ({ q, upload: await port.runUpload(q, org.settings.collectRunText) })));
          const ready = built.filter((b) => b.upload !== 'later');
          waiting += built.length - ready.length;
          const uploads = ready.map((b) => b.upload).filter((u): u is RunUpload => u !== null && u !== 'later');
          try {
            if (uploads.length) await api.uploadRuns(orgId, uploads);
          } catch (error) {
            if (error instanceof TeamHttpError && (error.code === 'runs_not_collected' || error.status === 404)) {
              await port.removeQueuedRuns(ready.map((b) => b.q));
              continue;
            }
            throw error;
          }
          // Only after the server has them (a lost reply sends them again: the server skips what it has).
          await port.removeQueuedRuns(ready.map((b) => b.q));
          sent += uploads.length;
        }
      }
      // What is left has not ended yet (a flow run whose last save is on its way): the next sync sends it.
      if (waiting === queued.length) return sent;
    }
    return sent;
  }

  const liveVariables = (s: TeamSyncState, orgId: string, projectId: string | null) =>
    Object.values(s.records).filter((r) => r.kind === 'variable' && !isUserRecord(r) && r.orgId === orgId && r.projectId === projectId && r.variable);

  return {
    state: () => exclusive(async (s) => s),
    syncOnce: () =>
      exclusive(async (start) => {
        const me = await api.me();
        let s: TeamSyncState = { ...start, me };
        const received = { prompt: 0, flow: 0, variable: 0 };
        for (const org of me.orgs) {
          const joining = userSyncIn(s, org.id)?.joining ?? false;
          // Local user-variable changes become edits before the pull, so a pull never overwrites one.
          if (!joining) s = await reconcileOrg(s, org.id, received);
          s = await pullOrg(s, org.id, received);
          if (joining) s = await reconcileOrg(s, org.id, received);
          s = await pushOrg(s, org.id, org.role === 'viewer');
        }
        await save(s);
        const runsSent = await sendRuns(s);
        const records = Object.values(s.records);
        return {
          me,
          conflicts: records.filter((r) => r.pending === 'conflict').length,
          pendingEdits: records.filter((r) => r.pending === 'edit').length,
          runsSent,
          received,
        };
      }),
    markEdited: (kind, id, change = {}) =>
      exclusive(async (s) => {
        const key = recordKey(kind, id);
        const existing = s.records[key];
        if (!existing && !change.share) return null; // a local record: stays local
        const record: LocalRecord = existing
          ? { ...existing, pending: existing.pending === 'conflict' ? 'conflict' : 'edit', deleted: change.deleted ?? false }
          : { kind, id, orgId: change.share!.orgId, projectId: change.share!.projectId, version: 0, pending: 'edit', deleted: false };
        await save({ ...s, records: { ...s.records, [key]: record } });
        return record;
      }),
    setVariable: (orgId, projectId, name, value, newId) =>
      exclusive(async (s) => {
        const existing = liveVariables(s, orgId, projectId).find((r) => r.variable!.name === name && !r.deleted);
        if (!existing && value === null) return;
        const record: LocalRecord = existing
          ? { ...existing, pending: 'edit', deleted: value === null, variable: { name, value: value ?? existing.variable!.value } }
          : { kind: 'variable', id: `var-${newId()}`, orgId, projectId, version: 0, pending: 'edit', deleted: false, variable: { name, value: value! } };
        await save({ ...s, records: { ...s.records, [recordKey('variable', record.id)]: record } });
      }),
    resolveConflict: (kind, id, choice) =>
      exclusive(async (s) => {
        const key: RecordKey = recordKey(kind, id);
        const record = s.records[key];
        if (!record || record.pending !== 'conflict') throw new Error('There is no conflict to resolve for this record.');
        const records = { ...s.records };
        if (choice === 'mine') records[key] = keepMine(record);
        else {
          const taken = takeTheirs(record);
          // theirs may be another record (a variable whose name was taken): mine goes, theirs is kept under its own id
          if (taken && taken.id !== id) delete records[key];
          if (taken) {
            records[recordKey(taken.kind, taken.id)] = taken;
            await port.applyRecords(record.orgId, [record.theirs!]);
            if (isUserRecord(taken) && userSyncIn(s, record.orgId)) {
              // theirs replaces mine here: my name goes when theirs is another name (or deleted)
              const writes = pulledUserWrites({ [key]: record }, [{ ...record.theirs!, id }]);
              if (writes.length) await port.writeUserVariables(writes);
            }
          } else delete records[key]; // the server never had it: it stays a local record
        }
        await save({ ...s, records });
      }),
    setUserVariableSync: (orgId) =>
      exclusive(async (s) => {
        const records = withoutUserRecords(s.records);
        if (orgId === null) {
          const { userVariables: _off, ...rest } = s;
          await save({ ...rest, records });
          return;
        }
        // From the start of the org's changes, so the server's copies of them come in (and are joined).
        const { [orgId]: _restart, ...cursors } = s.cursors;
        await save({ ...s, records, cursors, userVariables: { orgId, joining: true } });
      }),
    async scopedVariables(orgId, projectId) {
      const s = await exclusive(async (s) => s);
      const local = (scope: string | null) => {
        const values: Record<string, string> = {};
        for (const r of liveVariables(s, orgId, scope)) if (!r.deleted) values[r.variable!.name] = r.variable!.value;
        return values;
      };
      const pendingOverlay = (values: Record<string, string>, scope: string | null) => {
        const out = { ...values };
        for (const r of liveVariables(s, orgId, scope)) {
          if (r.pending === 'none') continue;
          if (r.deleted) delete out[r.variable!.name];
          else out[r.variable!.name] = r.variable!.value;
        }
        return out;
      };
      try {
        const fromServer = await api.variables(orgId, projectId);
        return { org: pendingOverlay(fromServer.org, null), project: projectId ? pendingOverlay(fromServer.project, projectId) : {}, offline: false };
      } catch (error) {
        if (!(error instanceof TeamOfflineError)) throw error;
        return { org: local(null), project: projectId ? local(projectId) : {}, offline: true };
      }
    },
  };
}
