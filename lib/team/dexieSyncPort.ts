import type { FlowbarDb } from '../db/database';
import { flowDeleted, flowSaved } from '../flows/flowsSlice';
import { promptDeleted, promptSaved } from '../prompts/promptsSlice';
import type { AppThunkDispatch } from '../store/thunkConfig';
import type { RootState } from '../store/rootReducer';
import type { FlowBody, PromptBody, RunUpload, SyncRecord, TaskUpload } from '../sync/syncSchemas';
import type { QueuedRun, TeamSyncState } from '../sync/syncState';
import type { TeamSyncPort } from '../sync/teamSyncEngine';
import { scopedVariableDeleted, scopedVariableSet } from '../variables/scopedVariablesSlice';
import { flowRunEnded, flowRunUploadOf } from './flowRunUpload';
import type { Prompt, TaskRecord } from '../types';

// The sync engine's storage in the extension: its state and the run queue in the background-only
// `settings` table (keys the store never reads), shared prompts and flows in the library's own tables.

export const SETTINGS_KEYS = {
  /** { serverUrl, token }: the token never leaves this row but for the Authorization header to that server */
  credentials: 'team.credentials',
  syncState: 'team.syncState',
  runQueue: 'team.runQueue',
  selection: 'team.selection',
} as const;

export function promptBodyOf(prompt: Prompt): PromptBody {
  const { name, description, messages, settings, executionConfig } = prompt;
  return {
    name,
    ...(description !== undefined && { description }),
    messages: messages.map(({ role, content }) => ({ role, content })),
    settings: {
      providerId: settings.providerId,
      model: settings.model,
      ...(settings.temperature !== undefined && { temperature: settings.temperature }),
      ...(settings.maxTokens !== undefined && { maxTokens: settings.maxTokens }),
    },
    executionConfig: { ...executionConfig },
  };
}

const TASK_DONE = new Set(['completed', 'error', 'stopped', 'interrupted']);

export function taskUploadOf(task: TaskRecord, providerName: string, includeText: boolean): TaskUpload {
  return {
    id: task.taskId,
    model: task.model.slice(0, 200),
    provider: providerName.slice(0, 200),
    promptTokens: task.promptTokens ?? null,
    completionTokens: task.completionTokens ?? null,
    cost: task.cost ?? null,
    timeToFirstToken: task.timeToFirstToken !== undefined ? Math.max(0, Math.round(task.timeToFirstToken)) : null,
    duration: task.duration !== undefined ? Math.max(0, Math.round(task.duration)) : null,
    status: task.status as TaskUpload['status'],
    error: task.error?.slice(0, 10_000) ?? null,
    ...(includeText && { output: task.output.slice(0, 1_000_000) }),
    createdAt: task.createdAt,
  };
}

export function createDexieSyncPort(db: FlowbarDb, dispatch: AppThunkDispatch, getState: () => RootState, now: () => number): TeamSyncPort {
  const queue = {
    read: async () => ((await db.settings.get(SETTINGS_KEYS.runQueue))?.value as QueuedRun[] | undefined) ?? [],
    write: (runs: QueuedRun[]) => db.settings.put({ key: SETTINGS_KEYS.runQueue, value: runs }),
  };
  return {
    loadState: async () => ((await db.settings.get(SETTINGS_KEYS.syncState))?.value as TeamSyncState | undefined) ?? null,
    saveState: async (state) => void (await db.settings.put({ key: SETTINGS_KEYS.syncState, value: state })),
    async applyRecords(_orgId, records: SyncRecord[]) {
      const at = now();
      for (const record of records) {
        if (record.kind === 'prompt') {
          if (!record.body) {
            await db.prompts.delete(record.id);
            dispatch(promptDeleted(record.id));
            continue;
          }
          const existing = await db.prompts.get(record.id);
          const prompt: Prompt = { ...record.body, id: record.id, createdAt: existing?.createdAt ?? at, updatedAt: record.updatedAt };
          await db.prompts.put(prompt);
          dispatch(promptSaved(prompt));
        } else if (record.kind === 'flow') {
          const existing = await db.flows.get(record.id);
          const oldActionIds = existing?.steps.flatMap((s) => s.actionIds) ?? [];
          if (!record.body) {
            await db.transaction('rw', db.flows, db.flowActions, async () => {
              await db.flows.delete(record.id);
              await db.flowActions.bulkDelete(oldActionIds);
            });
            dispatch(flowDeleted({ flowId: record.id, actionIds: oldActionIds }));
            continue;
          }
          const { actions, ...rest } = record.body;
          const flow = { ...rest, id: record.id, createdAt: existing?.createdAt ?? at, updatedAt: record.updatedAt };
          const kept = new Set(actions.map((a) => a.id));
          const removedActionIds = oldActionIds.filter((id) => !kept.has(id));
          await db.transaction('rw', db.flows, db.flowActions, async () => {
            await db.flows.put(flow);
            await db.flowActions.bulkPut(actions.map((a) => ({ ...a, flowId: record.id })));
            await db.flowActions.bulkDelete(removedActionIds);
          });
          dispatch(flowSaved({ flow, actions, removedActionIds }));
        }
        // variables: the sync state holds them; fetchScopedVariables reads them from there
      }
    },
    async readBody(kind, id): Promise<PromptBody | FlowBody | undefined> {
      if (kind === 'prompt') {
        const prompt = await db.prompts.get(id);
        return prompt && promptBodyOf(prompt);
      }
      const flow = await db.flows.get(id);
      if (!flow) return undefined;
      const actions = await db.flowActions.where('flowId').equals(id).toArray();
      return {
        name: flow.name,
        ...(flow.description !== undefined && { description: flow.description }),
        steps: flow.steps.map(({ id, name, actionIds, continueOnError }) => ({ id, name, actionIds, continueOnError })),
        actions: actions.map(({ flowId: _flowId, ...a }) => ({
          id: a.id,
          name: a.name,
          promptId: a.promptId,
          messages: a.messages.map(({ role, content }) => ({ role, content })),
          providerId: a.providerId,
          model: a.model,
          ...(a.temperature !== undefined && { temperature: a.temperature }),
          fileIds: a.fileIds,
        })),
      };
    },
    queuedRuns: async (limit) => (await queue.read()).slice(0, limit),
    async runUpload(queued, includeText): Promise<RunUpload | null | 'later'> {
      if (queued.source === 'flow') {
        const flowRun = await db.flowRuns.get(queued.runId);
        if (!flowRun) return null;
        if (!flowRunEnded(flowRun)) return 'later';
        const { providers } = getState();
        const providerName = (id: string | null) => {
          const providerId = id ?? providers.defaultProviderId;
          return providerId ? (providers.byId[providerId]?.name ?? providerId) : '';
        };
        return flowRunUploadOf(flowRun, { projectId: queued.projectId, includeText, providerName });
      }
      const run = await db.runs.get(queued.runId);
      if (!run) return null;
      const tasks = (await db.tasks.where('runId').equals(run.runId).toArray()).filter((t) => TASK_DONE.has(t.status));
      const providers = getState().providers.byId;
      return {
        id: run.runId,
        projectId: queued.projectId,
        sourceType: run.sourceType,
        sourceId: run.sourceId.slice(0, 128),
        name: run.name?.slice(0, 500) ?? null,
        totalTokens: Math.max(0, Math.round(run.totalTokens)),
        totalCost: Math.max(0, run.totalCost),
        createdAt: run.createdAt,
        tasks: tasks.sort((a, b) => a.createdAt - b.createdAt).map((t) => taskUploadOf(t, providers[t.providerId]?.name ?? t.providerId, includeText)),
      };
    },
    // This browser's user variables are the `scopedVariables` rows of scope 'user' (id `user:<name>`).
    userVariables: async () => (await db.scopedVariables.where('scope').equals('user').toArray()).map(({ name, value }) => ({ name, value })),
    async writeUserVariables(writes) {
      await db.transaction('rw', db.scopedVariables, async () => {
        for (const { name, value } of writes)
          if (value === null) await db.scopedVariables.delete(`user:${name}`);
          else await db.scopedVariables.put({ id: `user:${name}`, scope: 'user', name, value });
      });
      for (const { name, value } of writes)
        dispatch(value === null ? scopedVariableDeleted({ scope: 'user', name }) : scopedVariableSet({ scope: 'user', name, value }));
    },
    async removeQueuedRuns(sent) {
      await db.transaction('rw', db.settings, async () => {
        const runs = await queue.read();
        await queue.write(runs.filter((q) => !sent.some((s) => s.runId === q.runId && s.queuedAt >= q.queuedAt)));
      });
    },
  };
}

/** Puts a run on the queue (again, after each new message of its chat: the server skips what it already has). */
export async function enqueueRun(db: FlowbarDb, entry: QueuedRun): Promise<number> {
  return db.transaction('rw', db.settings, async () => {
    const runs = ((await db.settings.get(SETTINGS_KEYS.runQueue))?.value as QueuedRun[] | undefined) ?? [];
    const next = [...runs.filter((q) => q.runId !== entry.runId), entry];
    await db.settings.put({ key: SETTINGS_KEYS.runQueue, value: next });
    return next.length;
  });
}

export async function queuedRunCount(db: FlowbarDb): Promise<number> {
  return (((await db.settings.get(SETTINGS_KEYS.runQueue))?.value as QueuedRun[] | undefined) ?? []).length;
}
