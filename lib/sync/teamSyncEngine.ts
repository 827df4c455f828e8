import { TeamHttpError, TeamOfflineError, type TeamApi } from './teamApi';
import { applyPushed, keepMine, markConflicts, mergePulled, pendingRecords, takeTheirs, toChange } from './syncMerge';
import { emptySyncState, recordKey, type LocalRecord, type QueuedRun, type RecordKey, type TeamSyncState } from './syncState';
import type { FlowBody, MeResponse, PromptBody, RunUpload, ScopedVariablesResponse, SyncKind, SyncRecord } from './syncSchemas';

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
}

export function createTeamSyncEngine({ api, port }: { api: TeamApi; port: TeamSyncPort }): TeamSyncEngine {
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

  async function pullOrg(s: TeamSyncState, orgId: string, received: SyncSummary['received']): Promise<TeamSyncState> {
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
      const merged = mergePulled(orgId, records, reply.changes);
      if (merged.writes.length) await port.applyRecords(orgId, merged.writes);
      for (const w of merged.writes) received[w.kind]++;
      records = merged.records;
      cursor = reply.cursor;
      s = { ...s, records, cursors: { ...s.cursors, [orgId]: cursor } };
      await save(s);
      if (!reply.more) break;
    }
    return s;
  }

  async function pushOrg(s: TeamSyncState, orgId: string): Promise<TeamSyncState> {
    // A refused push saves nothing: the refused records become conflicts and the rest go again.
    for (let attempt = 0; attempt < 3; attempt++) {
      const pending = pendingRecords(s.records, orgId);
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
    Object.values(s.records).filter((r) => r.kind === 'variable' && r.orgId === orgId && r.projectId === projectId && r.variable);

  return {
    state: () => exclusive(async (s) => s),
    syncOnce: () =>
      exclusive(async (start) => {
        const me = await api.me();
        let s: TeamSyncState = { ...start, me };
        const received = { prompt: 0, flow: 0, variable: 0 };
        for (const org of me.orgs) {
          s = await pullOrg(s, org.id, received);
          if (org.role !== 'viewer') s = await pushOrg(s, org.id);
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
          } else delete records[key]; // the server never had it: it stays a local record
        }
        await save({ ...s, records });
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
