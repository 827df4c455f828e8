import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { addLog } from '../logs/logsSlice';
import type { ActionRun, FlowRun, FlowRunSnapshot, FlowRunStatus, StepRun, StepRunStatus } from './flowTypes';

// The state of flow runs, changed only by the actions the flow-runner seed names (plus finishRun and
// the hydration/removal of whole runs). Steps and actions are addressed by index within the run.

export interface FlowRunsState {
  byId: Record<string, FlowRun>;
  /** newest last */
  order: string[];
}

const MAX_RUN_LOGS = 300;
const initialState: FlowRunsState = { byId: {}, order: [] };

export function pendingAction(actionId: string, name: string): ActionRun {
  return {
    actionId,
    name,
    status: 'pending',
    output: '',
    streamingOutput: false,
    error: null,
    startedAt: null,
    duration: null,
    timeToFirstToken: null,
    promptTokens: null,
    completionTokens: null,
    cost: null,
    model: null,
    queuedAhead: null,
  };
}

function actionAt(state: FlowRunsState, p: { runId: string; stepIndex: number; actionIndex: number }): ActionRun | undefined {
  return state.byId[p.runId]?.steps[p.stepIndex]?.actions[p.actionIndex];
}

export const flowRunsSlice = createSlice({
  name: 'flowRuns',
  initialState,
  reducers: {
    startRun(
      state,
      action: PayloadAction<{
        runId: string;
        flowId: string;
        flowName: string;
        inputs: Record<string, string>;
        steps: { stepId: string; name?: string; actions: { actionId: string; name: string }[] }[];
        /** the flow as it is run: what re-runs of this run's steps and actions run */
        snapshot?: FlowRunSnapshot;
        at: number;
      }>,
    ) {
      const p = action.payload;
      state.byId[p.runId] = {
        ...(p.snapshot ? { snapshot: p.snapshot } : {}),
        runId: p.runId,
        flowId: p.flowId,
        flowName: p.flowName,
        status: 'running',
        inputs: p.inputs,
        steps: p.steps.map((s): StepRun => ({
          stepId: s.stepId,
          name: s.name,
          status: 'pending',
          actions: s.actions.map((a) => pendingAction(a.actionId, a.name)),
        })),
        logs: [],
        startedAt: p.at,
        updatedAt: p.at,
        endedAt: null,
      };
      state.order.push(p.runId);
    },
    /** A step starts (or starts again, re-run in place): its actions go back to pending. */
    startStepRun(state, action: PayloadAction<{ runId: string; stepIndex: number; actionIndexes?: number[]; at: number }>) {
      const run = state.byId[action.payload.runId];
      const step = run?.steps[action.payload.stepIndex];
      if (!run || !step) return;
      run.status = 'running';
      run.endedAt = null;
      run.updatedAt = action.payload.at;
      step.status = 'running';
      const only = action.payload.actionIndexes;
      step.actions.forEach((a, i) => {
        if (!only || only.includes(i)) Object.assign(a, pendingAction(a.actionId, a.name));
      });
    },
    completeStepRun(state, action: PayloadAction<{ runId: string; stepIndex: number; status: Exclude<StepRunStatus, 'pending' | 'running'>; at: number }>) {
      const run = state.byId[action.payload.runId];
      const step = run?.steps[action.payload.stepIndex];
      if (!run || !step) return;
      step.status = action.payload.status;
      run.updatedAt = action.payload.at;
    },
    startActionRun(state, action: PayloadAction<{ runId: string; stepIndex: number; actionIndex: number; model: string; at: number }>) {
      const a = actionAt(state, action.payload);
      if (!a) return;
      Object.assign(a, pendingAction(a.actionId, a.name), { status: 'running', startedAt: action.payload.at, model: action.payload.model });
    },
    /** The action's request waits for a connection to its provider (`ahead` requests before it), or no longer does (null). */
    actionQueued(state, action: PayloadAction<{ runId: string; stepIndex: number; actionIndex: number; ahead: number | null }>) {
      const a = actionAt(state, action.payload);
      if (a && a.status === 'running') a.queuedAhead = action.payload.ahead;
    },
    /** Streamed text, batched: several actions' deltas in one update. */
    updateActionOutput(state, action: PayloadAction<{ runId: string; updates: { stepIndex: number; actionIndex: number; delta: string }[] }>) {
      for (const u of action.payload.updates) {
        const a = actionAt(state, { runId: action.payload.runId, ...u });
        if (!a || a.status !== 'running') continue;
        a.output += u.delta;
        a.streamingOutput = true;
      }
    },
    completeActionRun(
      state,
      action: PayloadAction<{
        runId: string;
        stepIndex: number;
        actionIndex: number;
        output: string;
        duration: number;
        timeToFirstToken: number | null;
        promptTokens: number | null;
        completionTokens: number | null;
        cost: number | null;
      }>,
    ) {
      const a = actionAt(state, action.payload);
      if (!a) return;
      const { runId: _r, stepIndex: _s, actionIndex: _a, ...result } = action.payload;
      Object.assign(a, result, { status: 'completed', streamingOutput: false });
    },
    failActionRun(
      state,
      action: PayloadAction<{ runId: string; stepIndex: number; actionIndex: number; error: string; output: string; duration: number; canceled?: boolean }>,
    ) {
      const a = actionAt(state, action.payload);
      if (!a) return;
      const p = action.payload;
      Object.assign(a, {
        status: p.canceled ? 'canceled' : 'failed',
        error: p.canceled ? null : p.error,
        output: p.output,
        streamingOutput: false,
        duration: p.duration,
      });
    },
    /** Marks the run canceled; whatever was pending or running in it is canceled too. */
    cancelRun(state, action: PayloadAction<{ runId: string; at: number }>) {
      const run = state.byId[action.payload.runId];
      if (!run) return;
      run.status = 'canceled';
      run.endedAt = action.payload.at;
      run.updatedAt = action.payload.at;
      for (const step of run.steps) {
        const wasRunning = step.status === 'running';
        if (wasRunning) step.status = 'canceled';
        for (const a of step.actions) {
          if (a.status === 'running' || (wasRunning && a.status === 'pending')) {
            a.status = 'canceled';
            a.streamingOutput = false;
          }
        }
      }
    },
    finishRun(state, action: PayloadAction<{ runId: string; status: FlowRunStatus; at: number }>) {
      const run = state.byId[action.payload.runId];
      if (!run || run.status === 'canceled') return;
      run.status = action.payload.status;
      run.endedAt = action.payload.at;
      run.updatedAt = action.payload.at;
    },
    /** Saving the run to the database failed: the run view says so until a save succeeds. */
    runSaveFailed(state, action: PayloadAction<{ runId: string; error: string }>) {
      const run = state.byId[action.payload.runId];
      if (run) run.saveError = action.payload.error;
    },
    runSaved(state, action: PayloadAction<{ runId: string }>) {
      const run = state.byId[action.payload.runId];
      if (run) delete run.saveError;
    },
    runLoaded(state, action: PayloadAction<FlowRun>) {
      if (!state.byId[action.payload.runId]) state.order.push(action.payload.runId);
      state.byId[action.payload.runId] = action.payload;
    },
    runRemoved(state, action: PayloadAction<string>) {
      delete state.byId[action.payload];
      state.order = state.order.filter((id) => id !== action.payload);
    },
  },
  extraReducers: (builder) => {
    // Log lines about a run are kept with it (and saved with it).
    builder.addCase(addLog, (state, action) => {
      const runId = action.payload.runId;
      const run = runId ? state.byId[runId] : undefined;
      if (!run) return;
      run.logs.push({ at: action.payload.at, level: action.payload.level, message: action.payload.message });
      if (run.logs.length > MAX_RUN_LOGS) run.logs.splice(0, run.logs.length - MAX_RUN_LOGS);
    });
  },
});

export const {
  startRun,
  startStepRun,
  completeStepRun,
  startActionRun,
  actionQueued,
  updateActionOutput,
  completeActionRun,
  failActionRun,
  cancelRun,
  finishRun,
  runSaveFailed,
  runSaved,
  runLoaded,
  runRemoved,
} = flowRunsSlice.actions;
