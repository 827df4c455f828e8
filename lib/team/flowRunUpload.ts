import { INTERRUPTED_ERROR } from '../flows/flowRunPersistence';
import type { ActionRun, FlowRun } from '../flows/flowTypes';
import type { RunUpload, TaskUpload } from '../sync/syncSchemas';

// A finished flow run as the team server's ai_runs / ai_tasks take it: the run (source flow, its
// name, totals) and one task per action that ran. Pure: the port reads the run, this shapes it.

/** A run still going is not sent yet (the queue keeps it until the saved row has ended). */
export const flowRunEnded = (run: FlowRun) => run.status !== 'running';

const ACTION_DONE = new Set<ActionRun['status']>(['completed', 'failed', 'canceled']);

function taskStatus(action: ActionRun): TaskUpload['status'] {
  if (action.status === 'completed') return 'completed';
  if (action.status === 'canceled') return 'stopped';
  return action.error === INTERRUPTED_ERROR ? 'interrupted' : 'error';
}

/**
 * One id per attempt of an action: a re-run of the action (a new start time) is a new task the
 * server appends; the same attempt sent again is the same id, which the server skips.
 */
export function flowTaskId(runId: string, stepIndex: number, actionIndex: number, startedAt: number | null): string {
  const suffix = `_${stepIndex}_${actionIndex}_${startedAt ?? 0}`;
  return runId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 128 - suffix.length) + suffix;
}

const ms = (value: number | null) => (value === null ? null : Math.max(0, Math.round(value)));

export interface FlowRunUploadOptions {
  projectId: string | null;
  includeText: boolean;
  /** the provider's name for the action's provider id (null: the default provider) */
  providerName: (providerId: string | null) => string;
}

export function flowRunUploadOf(run: FlowRun, { projectId, includeText, providerName }: FlowRunUploadOptions): RunUpload {
  const snapshotActions = new Map((run.snapshot?.steps ?? []).flatMap((s) => s.actions).map((a) => [a.actionId, a]));
  const tasks: TaskUpload[] = [];
  run.steps.forEach((step, stepIndex) =>
    step.actions.forEach((action, actionIndex) => {
      // An action never started (a step after a failure) called no model: no task.
      if (!ACTION_DONE.has(action.status) || (action.startedAt === null && action.status !== 'failed')) return;
      const snapshot = snapshotActions.get(action.actionId);
      tasks.push({
        id: flowTaskId(run.runId, stepIndex, actionIndex, action.startedAt),
        model: (action.model ?? snapshot?.model ?? '').slice(0, 200),
        provider: (snapshot ? providerName(snapshot.providerId) : '').slice(0, 200),
        promptTokens: action.promptTokens,
        completionTokens: action.completionTokens,
        cost: action.cost,
        timeToFirstToken: ms(action.timeToFirstToken),
        duration: ms(action.duration),
        status: taskStatus(action),
        error: action.error?.slice(0, 10_000) ?? null,
        ...(includeText && { output: action.output.slice(0, 1_000_000) }),
        createdAt: action.startedAt ?? run.startedAt,
      });
    }),
  );
  const totalTokens = tasks.reduce((sum, t) => sum + (t.promptTokens ?? 0) + (t.completionTokens ?? 0), 0);
  const totalCost = tasks.reduce((sum, t) => sum + (t.cost ?? 0), 0);
  return {
    id: run.runId,
    projectId,
    sourceType: 'flow',
    sourceId: run.flowId.slice(0, 128),
    name: (run.flowName || run.snapshot?.flowName || null)?.slice(0, 500) ?? null,
    totalTokens,
    totalCost,
    createdAt: run.startedAt,
    tasks,
  };
}
