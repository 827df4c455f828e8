import type { FlowbarDb } from '../db/database';
import type { FlowRun } from './flowTypes';

// Flow runs in the database: the whole run (steps, actions, outputs, errors, stats, logs) as one row.

/**
 * Writes the whole run; a save error is the store's to show, never part of the row. `endedPieces`:
 * the piece keys (actionPieces.ts) of actions whose final output this row holds, deleted with it.
 */
export async function saveFlowRun(db: FlowbarDb, run: FlowRun, endedPieces: string[] = []): Promise<void> {
  const { saveError: _saveError, ...row } = run;
  if (endedPieces.length === 0) {
    await db.flowRuns.put(row);
    return;
  }
  await db.transaction('rw', db.flowRuns, db.taskChunks, async () => {
    await db.flowRuns.put(row);
    await db.taskChunks.where('taskId').anyOf(endedPieces).delete();
  });
}

export interface FlowRunSummary {
  runId: string;
  flowId: string;
  status: FlowRun['status'];
  startedAt: number;
  endedAt: number | null;
  actionCount: number;
  failedCount: number;
}

export function summarizeFlowRun(run: FlowRun): FlowRunSummary {
  const actions = run.steps.flatMap((s) => s.actions);
  return {
    runId: run.runId,
    flowId: run.flowId,
    status: run.status,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    actionCount: actions.length,
    failedCount: actions.filter((a) => a.status === 'failed').length,
  };
}

/** A flow's runs, newest first, a page at a time. */
export async function listFlowRuns(db: FlowbarDb, flowId: string, offset: number, limit: number): Promise<FlowRun[]> {
  return db.flowRuns.where('[flowId+startedAt]').between([flowId, -Infinity], [flowId, Infinity]).reverse().offset(offset).limit(limit).toArray();
}

export const INTERRUPTED_ERROR = 'Interrupted: the browser stopped Flowbar’s background during this action.';

/**
 * A run found running when the worker starts was cut off: it becomes interrupted, and what was
 * running in it failed with what it had, so it can be run again from its failed step.
 */
export function interruptFlowRun(run: FlowRun, now: number): FlowRun {
  if (run.status !== 'running') return run;
  return {
    ...run,
    status: 'interrupted',
    endedAt: now,
    updatedAt: now,
    steps: run.steps.map((step) =>
      step.status !== 'running'
        ? step
        : {
            ...step,
            status: 'failed',
            actions: step.actions.map((a) =>
              a.status === 'running' || a.status === 'pending' ? { ...a, status: 'failed', streamingOutput: false, error: INTERRUPTED_ERROR } : a,
            ),
          },
    ),
  };
}

/** Index of the first step that did not complete: where "run again from the failed step" starts. */
export function firstUnfinishedStep(run: FlowRun): number {
  const index = run.steps.findIndex((s) => s.status !== 'completed');
  return index === -1 ? run.steps.length : index;
}
