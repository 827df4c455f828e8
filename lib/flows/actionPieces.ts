import type { FlowbarDb, TaskChunkRow } from '../db/database';
import { unbrokenPieces } from '../db/unbrokenPieces';
import { createTextBatcher } from '../streaming/textBatcher';
import type { FlowRun } from './flowTypes';

// A streaming flow action's text is saved as append-only pieces in `taskChunks` (the table prompt
// answers use), keyed by the run and the action's place, instead of rewriting the whole run while it
// streams: a stopped worker loses at most the last pieceFlushMs of text, and the bytes written over
// an action grow with its output, not with its square. The run row gets the whole output once, when
// the action ends; its pieces are deleted with that save (saveFlowRun). After a stop, hydrateFlows
// rebuilds each cut-off action's output from its pieces.

const PREFIX = 'flow-run:';

/** The pieces' key (`taskId` in `taskChunks`) of the action at stepIndex/actionIndex of a run; never a task's id. */
export function actionPieceKey(runId: string, stepIndex: number, actionIndex: number): string {
  return `${PREFIX}${runId}:${stepIndex}:${actionIndex}`;
}

const runPrefix = (runId: string) => `${PREFIX}${runId}:`;

export interface ActionPieceWriter {
  /** an action (re)starts: its earlier pieces, if any were left, are cleared and its sequence starts over */
  begin(key: string): void;
  append(key: string, text: string): void;
  /** the action ended: no more pieces for it; resolves when its writes settled (the row with its whole output is saved after) */
  end(key: string): Promise<void>;
  /** every action with pieces ends (a canceled run): their keys, and when their writes settled */
  endAll(): { keys: string[]; settled: Promise<void> };
}

/**
 * Writes each action's new text as one piece at most `flushMs` after it arrived. Writes are issued at
 * once, not one after another: IndexedDB commits writes to one table in the order they were issued,
 * and a piece waiting for the previous one's commit would be lost in a stop.
 */
export function createActionPieceWriter(db: FlowbarDb, options: { flushMs: number; now: () => number; onError(error: unknown): void }): ActionPieceWriter {
  const actions = new Map<string, { seq: number; cleared: Promise<unknown>; writes: Promise<unknown> }>();
  const batcher = createTextBatcher((batch) => {
    for (const [key, delta] of Object.entries(batch)) {
      const action = actions.get(key);
      if (!action || !delta.text) continue;
      const piece: TaskChunkRow = { taskId: key, seq: action.seq++, text: delta.text, at: options.now() };
      const write = action.cleared.then(() => db.taskChunks.add(piece)).catch(options.onError);
      action.writes = Promise.all([action.writes, write]);
    }
  }, options.flushMs);

  const end = (key: string) => {
    // What is still pending is written now, so none of it could land under a later begin() of the key.
    batcher.flush();
    const action = actions.get(key);
    actions.delete(key);
    return action ? action.writes.then(() => undefined) : Promise.resolve();
  };

  return {
    begin(key) {
      const cleared = db.taskChunks.where('taskId').equals(key).delete().catch(options.onError);
      actions.set(key, { seq: 0, cleared, writes: cleared });
    },
    append(key, text) {
      if (actions.has(key)) batcher.append(key, 'text', text);
    },
    end,
    endAll() {
      const keys = [...actions.keys()];
      const settled = Promise.all(keys.map(end)).then(() => undefined);
      batcher.dispose();
      return { keys, settled };
    },
  };
}

/**
 * A run cut off by a worker stop, with each unfinished action's output rebuilt from its pieces (when
 * they hold more than the row saved at the action's last status change).
 */
export async function withPieceOutputs(db: FlowbarDb, run: FlowRun): Promise<FlowRun> {
  const stored = await db.taskChunks.where('taskId').startsWith(runPrefix(run.runId)).toArray();
  if (stored.length === 0) return run;
  const byKey = new Map<string, TaskChunkRow[]>();
  for (const piece of stored) {
    const pieces = byKey.get(piece.taskId);
    if (pieces) pieces.push(piece);
    else byKey.set(piece.taskId, [piece]);
  }
  return {
    ...run,
    steps: run.steps.map((step, stepIndex) => ({
      ...step,
      actions: step.actions.map((a, actionIndex) => {
        if (a.status !== 'running' && a.status !== 'pending') return a;
        const text = unbrokenPieces(byKey.get(actionPieceKey(run.runId, stepIndex, actionIndex)) ?? [])
          .map((p) => p.text)
          .join('');
        return text.length > a.output.length ? { ...a, output: text } : a;
      }),
    })),
  };
}

/** Deletes every piece of a run (inside a transaction that includes `taskChunks`, or on its own). */
export async function deleteRunPieces(db: FlowbarDb, runId: string): Promise<void> {
  await db.taskChunks.where('taskId').startsWith(runPrefix(runId)).delete();
}
