import Dexie, { type EntityTable, type Table } from 'dexie';
import type { Flow, FlowAction, FlowFile, FlowRun } from '../flows/flowTypes';
import type { ExecutionInstance, ModelPrice, Prompt, ProviderInfo, RunRecord, ScopedVariable, TaskRecord } from '../types';

// The background's database. Only the service worker opens it: pages reach it through store commands.

/** A provider row holds what every page may see; its key lives apart in `providerKeys`. */
export type ProviderRow = Omit<ProviderInfo, 'hasKey'>;

interface ProviderKeyRow {
  providerId: string;
  apiKey: string;
}

export interface InstanceRow extends ExecutionInstance {
  /** 1 while the instance is in the store (a tab in the panel), 0 once cleaned up: history only */
  open: 0 | 1;
  /** lower-cased words of the title and the conversation, for history search */
  words: string[];
}

export interface PriceRow extends ModelPrice {
  model: string;
}

interface SettingRow {
  key: string;
  value: unknown;
}

export interface ScopedVariableRow extends ScopedVariable {
  id: string; // `${scope}:${name}`
}

/** A piece of a streaming answer: the text that arrived since the task's previous piece. */
export interface TaskChunkRow {
  taskId: string;
  seq: number;
  text: string;
  at: number;
}

export type FlowbarDb = Dexie & {
  prompts: EntityTable<Prompt, 'id'>;
  providers: EntityTable<ProviderRow, 'id'>;
  providerKeys: EntityTable<ProviderKeyRow, 'providerId'>;
  scopedVariables: EntityTable<ScopedVariableRow, 'id'>;
  instances: EntityTable<InstanceRow, 'instanceId'>;
  runs: EntityTable<RunRecord, 'runId'>;
  tasks: EntityTable<TaskRecord, 'taskId'>;
  /** pieces of the answers still streaming; gone once their task is finished or recovered */
  taskChunks: Table<TaskChunkRow, [string, number]>;
  prices: EntityTable<PriceRow, 'model'>;
  settings: EntityTable<SettingRow, 'key'>;
  flows: EntityTable<Flow, 'id'>;
  flowActions: EntityTable<FlowAction & { flowId: string }, 'id'>;
  flowFiles: EntityTable<FlowFile, 'id'>;
  flowRuns: EntityTable<FlowRun, 'runId'>;
};

const DB_NAME = 'flowbar';

/** Versioned schema: each change is a new `db.version(n)` (with an upgrade when data must move); old versions are never edited. */
export function openDatabase(name: string = DB_NAME): FlowbarDb {
  const db = new Dexie(name) as FlowbarDb;
  db.version(1).stores({
    prompts: 'id, name, updatedAt',
    providers: 'id, name',
    providerKeys: 'providerId',
    scopedVariables: 'id, scope',
    instances: 'instanceId, promptId, runId, status, updatedAt, [open+updatedAt], *words',
    runs: 'runId, instanceId, sourceId, createdAt',
    tasks: 'taskId, runId, instanceId, status, createdAt',
    prices: 'model',
    settings: 'key',
  });
  // Version 2: flows (their actions and files) and flow runs.
  db.version(2).stores({
    flows: 'id, name, updatedAt',
    flowActions: 'id, flowId',
    flowFiles: 'id',
    flowRuns: 'runId, flowId, status, startedAt, [flowId+startedAt]',
  });
  // Version 3: a streaming answer is saved as append-only pieces, not by rewriting its task.
  db.version(3).stores({
    taskChunks: '[taskId+seq], taskId',
  });
  return db;
}
