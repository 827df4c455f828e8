import Dexie from 'dexie';
import type { FlowbarDb, InstanceRow } from '../../db/database';
import { unbrokenPieces } from '../../db/unbrokenPieces';
import type { ConversationMessage, ExecutionInstance, RunRecord, TaskRecord } from '../../types';
import { activePath } from '../conversation/conversationTree';

// Database writes and reads of instances, runs and tasks. Thunks call these; nothing else
// writes these tables.

const MAX_INDEXED_WORDS = 400;
/** Index matches read at most before search switches to walking the newest rows. */
const INDEX_PROBE_LIMIT = 400;

const WORD = /[\p{L}\p{N}]{2,}/gu;

/**
 * Lower-cased words (2+ letters or digits) of the title and the conversation, for history search.
 * Read lazily and only up to MAX_INDEXED_WORDS: the instance is saved as each answer completes, and
 * a long answer must not be scanned (and its every word listed) to keep its first few hundred.
 */
export function searchWordsOf(instance: Pick<ExecutionInstance, 'title' | 'conversation'>): string[] {
  const words = new Set<string>();
  const add = (text: string) => {
    if (words.size >= MAX_INDEXED_WORDS) return;
    for (const [word] of text.toLowerCase().matchAll(WORD)) {
      words.add(word.slice(0, 40));
      if (words.size >= MAX_INDEXED_WORDS) return;
    }
  };
  add(instance.title);
  // Every version and branch: a search finds an answer the user switched away from too.
  for (const message of instance.conversation.messages) add(message.content);
  return [...words];
}

export function toInstanceRow(instance: ExecutionInstance, open: boolean): InstanceRow {
  return { ...instance, open: open ? 1 : 0, words: searchWordsOf(instance) };
}

function fromInstanceRow(row: InstanceRow): ExecutionInstance {
  const { open: _open, words: _words, ...instance } = row;
  return instance;
}

export async function saveInstance(db: FlowbarDb, instance: ExecutionInstance, open = true): Promise<void> {
  await db.instances.put(toInstanceRow(instance, open));
}

/** The instances that were open (tabs in the panel) when the worker last stopped, newest first. */
export async function loadOpenInstances(db: FlowbarDb, limit: number): Promise<ExecutionInstance[]> {
  const rows = await db.instances.where('[open+updatedAt]').between([1, -Infinity], [1, Infinity]).reverse().limit(limit).toArray();
  return rows.map(fromInstanceRow);
}

export async function loadInstance(db: FlowbarDb, instanceId: string): Promise<ExecutionInstance | undefined> {
  const row = await db.instances.get(instanceId);
  return row && fromInstanceRow(row);
}

export async function addToRunTotals(db: FlowbarDb, runId: string, tokens: number, cost: number, at: number): Promise<void> {
  await db.runs
    .where('runId')
    .equals(runId)
    .modify((run) => {
      run.totalTokens += tokens;
      run.totalCost += cost;
      run.updatedAt = at;
    });
}

/** The start of a message in one transaction: its run (when new), its task, the instance in flight. */
export async function recordMessageStart(db: FlowbarDb, start: { run: RunRecord | null; task: TaskRecord; instance: ExecutionInstance }): Promise<void> {
  await db.transaction('rw', db.runs, db.tasks, db.instances, async () => {
    if (start.run) await db.runs.add(start.run);
    await db.tasks.add(start.task);
    await db.instances.put(toInstanceRow(start.instance, true));
  });
}

/**
 * Saves a piece of an answer while it streams: only the text since the previous piece, so the
 * bytes written over one answer grow with the answer, not with its square.
 */
export async function appendTaskPiece(db: FlowbarDb, taskId: string, seq: number, text: string, at: number): Promise<void> {
  await db.taskChunks.add({ taskId, seq, text, at });
}

/** A task as saved while it streamed: its output followed by its pieces, updated when the last piece was. */
export async function loadStreamedTask(db: FlowbarDb, task: TaskRecord): Promise<TaskRecord> {
  const stored = await db.taskChunks.where('[taskId+seq]').between([task.taskId, Dexie.minKey], [task.taskId, Dexie.maxKey]).toArray();
  const pieces = unbrokenPieces(stored);
  if (pieces.length === 0) return task;
  return { ...task, output: task.output + pieces.map((p) => p.text).join(''), updatedAt: Math.max(task.updatedAt, pieces.at(-1)!.at) };
}

/**
 * At worker start no answer streams: pieces still stored belong to answers cut off by the stop
 * whose instance was not recovered (closed meanwhile). Their text moves to the task row.
 */
export async function settleLeftoverPieces(db: FlowbarDb, now: number): Promise<void> {
  const taskIds = (await db.taskChunks.orderBy('taskId').uniqueKeys()) as string[];
  for (const taskId of taskIds) {
    const task = await db.tasks.get(taskId);
    if (!task) {
      await db.taskChunks.where('taskId').equals(taskId).delete();
      continue;
    }
    const { output } = await loadStreamedTask(db, task);
    await finishTask(
      db,
      taskId,
      task.status === 'running' ? { status: 'interrupted', error: 'interrupted', output, updatedAt: now } : { output, updatedAt: now },
    );
  }
}

/** The final state of a task (its whole output with it): its pieces are no longer needed. */
export async function finishTask(db: FlowbarDb, taskId: string, result: Partial<TaskRecord>): Promise<void> {
  await db.transaction('rw', db.tasks, db.taskChunks, async () => {
    await db.tasks.update(taskId, result);
    await db.taskChunks.where('taskId').equals(taskId).delete();
  });
}

export interface HistoryPage {
  items: HistoryItem[];
  hasMore: boolean;
}

export interface HistoryItem {
  instanceId: string;
  title: string;
  promptId: string;
  status: ExecutionInstance['status'];
  messageCount: number;
  updatedAt: number;
  preview: string;
  /** the last answer ended early ('stopped': the user stopped it), or null */
  lastPartial: NonNullable<ConversationMessage['metadata']>['partial'] | null;
}

function toHistoryItem(row: InstanceRow): HistoryItem {
  const path = activePath(row.conversation);
  const lastAnswer = [...path].reverse().find((m) => m.role === 'assistant');
  return {
    instanceId: row.instanceId,
    title: row.title,
    promptId: row.promptId,
    status: row.status,
    messageCount: path.length,
    updatedAt: row.updatedAt,
    preview: (lastAnswer?.content ?? '').slice(0, 160),
    lastPartial: lastAnswer?.metadata?.partial ?? null,
  };
}

/**
 * History, newest first, a page at a time. A query matches instances having, for every word of
 * the query, a word starting with it (through the `words` index, not a table scan).
 */
export async function searchHistory(db: FlowbarDb, query: string, offset: number, limit: number, signal?: AbortSignal): Promise<HistoryPage> {
  signal?.throwIfAborted();
  const terms = [...new Set(query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])];
  let rows: InstanceRow[];
  if (terms.length === 0) {
    rows = await db.instances
      .orderBy('updatedAt')
      .reverse()
      .offset(offset)
      .limit(limit + 1)
      .toArray();
  } else {
    // The longest term is the most selective for the index; the others filter the candidates.
    const [first, ...rest] = [...terms].sort((a, b) => b.length - a.length);
    const matches = (row: InstanceRow) => terms.every((t) => row.words.some((w) => w.startsWith(t)));
    const ids = await db.instances
      .where('words')
      .startsWith(first)
      .limit(INDEX_PROBE_LIMIT + 1)
      .primaryKeys();
    signal?.throwIfAborted();
    if (ids.length <= INDEX_PROBE_LIMIT) {
      // Few matches: read just those rows, newest first.
      const candidates = await db.instances.bulkGet([...new Set(ids)]);
      rows = candidates
        .filter((row): row is InstanceRow => !!row && rest.every((t) => row.words.some((w) => w.startsWith(t))))
        .sort((a, b) => b.updatedAt - a.updatedAt)
        .slice(offset, offset + limit + 1);
    } else {
      // A common word: walking the newest rows fills a page long before reading every match.
      rows = [];
      let skipped = 0;
      await db.instances
        .orderBy('updatedAt')
        .reverse()
        // A replaced query stops at its next row.
        .until(() => rows.length > limit || signal?.aborted === true)
        .each((row) => {
          if (!matches(row)) return;
          if (skipped < offset) skipped++;
          else rows.push(row);
        });
    }
  }
  signal?.throwIfAborted();
  return { items: rows.slice(0, limit).map(toHistoryItem), hasMore: rows.length > limit };
}
