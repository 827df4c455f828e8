// The flow-runs slice on its own: what each of the runner's actions does to a run.
import { describe, expect, it } from 'vitest';
import { addLog } from '../logs/logsSlice';
import {
  cancelRun,
  completeActionRun,
  completeStepRun,
  failActionRun,
  finishRun,
  flowRunsSlice,
  startActionRun,
  startRun,
  startStepRun,
  updateActionOutput,
  type FlowRunsState,
} from './flowRunsSlice';

const reduce = (state: FlowRunsState | undefined, ...actions: Parameters<typeof flowRunsSlice.reducer>[1][]) =>
  actions.reduce((s, a) => flowRunsSlice.reducer(s, a), state as FlowRunsState);

const started = () =>
  reduce(
    undefined,
    startRun({
      runId: 'r',
      flowId: 'f',
      flowName: 'F',
      inputs: { selection: 's' },
      steps: [
        {
          stepId: 's1',
          actions: [
            { actionId: 'a', name: 'a' },
            { actionId: 'b', name: 'b' },
          ],
        },
        { stepId: 's2', actions: [{ actionId: 'c', name: 'c' }] },
      ],
      at: 10,
    }),
  );

const complete = (stepIndex: number, actionIndex: number, output: string) =>
  completeActionRun({ runId: 'r', stepIndex, actionIndex, output, duration: 5, timeToFirstToken: 1, promptTokens: 2, completionTokens: 3, cost: null });

describe('flowRunsSlice', () => {
  it('startRun makes a running run with every step and action pending', () => {
    const state = started();
    expect(state.order).toEqual(['r']);
    expect(state.byId.r).toMatchObject({ status: 'running', inputs: { selection: 's' }, startedAt: 10, endedAt: null });
    expect(state.byId.r.steps.map((s) => [s.status, s.actions.map((a) => a.status)])).toEqual([
      ['pending', ['pending', 'pending']],
      ['pending', ['pending']],
    ]);
  });

  it('streams into running actions only, and completion replaces the text with the final one', () => {
    let state = reduce(
      started(),
      startStepRun({ runId: 'r', stepIndex: 0, at: 11 }),
      startActionRun({ runId: 'r', stepIndex: 0, actionIndex: 0, model: 'm', at: 12 }),
    );
    state = reduce(
      state,
      updateActionOutput({
        runId: 'r',
        updates: [
          { stepIndex: 0, actionIndex: 0, delta: 'Hel' },
          { stepIndex: 0, actionIndex: 1, delta: 'ignored' },
        ],
      }),
      updateActionOutput({ runId: 'r', updates: [{ stepIndex: 0, actionIndex: 0, delta: 'lo' }] }),
    );
    expect(state.byId.r.steps[0].actions.map((a) => [a.output, a.streamingOutput])).toEqual([
      ['Hello', true],
      ['', false],
    ]);
    state = reduce(state, complete(0, 0, 'Hello'), updateActionOutput({ runId: 'r', updates: [{ stepIndex: 0, actionIndex: 0, delta: ' late' }] }));
    expect(state.byId.r.steps[0].actions[0]).toMatchObject({ status: 'completed', output: 'Hello', streamingOutput: false, duration: 5, completionTokens: 3 });
  });

  it('a re-run step (or some of its actions) goes back to pending; the others keep their results', () => {
    let state = reduce(
      started(),
      startStepRun({ runId: 'r', stepIndex: 0, at: 11 }),
      startActionRun({ runId: 'r', stepIndex: 0, actionIndex: 0, model: 'm', at: 12 }),
      startActionRun({ runId: 'r', stepIndex: 0, actionIndex: 1, model: 'm', at: 12 }),
      complete(0, 0, 'A'),
      complete(0, 1, 'B'),
      completeStepRun({ runId: 'r', stepIndex: 0, status: 'completed', at: 13 }),
      finishRun({ runId: 'r', status: 'completed', at: 14 }),
    );
    state = reduce(state, startStepRun({ runId: 'r', stepIndex: 0, actionIndexes: [1], at: 20 }));
    expect(state.byId.r).toMatchObject({ status: 'running', endedAt: null });
    expect(state.byId.r.steps[0].actions.map((a) => [a.status, a.output])).toEqual([
      ['completed', 'A'],
      ['pending', ''],
    ]);
  });

  it('failActionRun keeps the error (none when canceled) and the partial output', () => {
    const state = reduce(
      started(),
      startStepRun({ runId: 'r', stepIndex: 0, at: 11 }),
      startActionRun({ runId: 'r', stepIndex: 0, actionIndex: 0, model: 'm', at: 12 }),
      startActionRun({ runId: 'r', stepIndex: 0, actionIndex: 1, model: 'm', at: 12 }),
      failActionRun({ runId: 'r', stepIndex: 0, actionIndex: 0, error: 'boom', output: 'par', duration: 3 }),
      failActionRun({ runId: 'r', stepIndex: 0, actionIndex: 1, error: 'sibling failed', output: 'tial', duration: 3, canceled: true }),
    );
    expect(state.byId.r.steps[0].actions.map((a) => [a.status, a.error, a.output])).toEqual([
      ['failed', 'boom', 'par'],
      ['canceled', null, 'tial'],
    ]);
  });

  it('cancelRun cancels what runs or waits in the running step, leaves later steps, and finishRun cannot undo it', () => {
    let state = reduce(
      started(),
      startStepRun({ runId: 'r', stepIndex: 0, at: 11 }),
      startActionRun({ runId: 'r', stepIndex: 0, actionIndex: 0, model: 'm', at: 12 }),
      updateActionOutput({ runId: 'r', updates: [{ stepIndex: 0, actionIndex: 0, delta: 'part' }] }),
      cancelRun({ runId: 'r', at: 15 }),
    );
    expect(state.byId.r).toMatchObject({ status: 'canceled', endedAt: 15 });
    expect(state.byId.r.steps.map((s) => [s.status, s.actions.map((a) => a.status)])).toEqual([
      ['canceled', ['canceled', 'canceled']],
      ['pending', ['pending']],
    ]);
    expect(state.byId.r.steps[0].actions[0]).toMatchObject({ output: 'part', streamingOutput: false });
    state = reduce(state, finishRun({ runId: 'r', status: 'completed', at: 16 }));
    expect(state.byId.r).toMatchObject({ status: 'canceled', endedAt: 15 });
  });

  it('keeps the log lines about a run with it, the latest 300', () => {
    let state = started();
    for (let i = 0; i < 305; i++) state = reduce(state, addLog({ level: 'info', message: `line ${i}`, runId: 'r', at: i }));
    state = reduce(state, addLog({ level: 'info', message: 'no run' }));
    expect(state.byId.r.logs).toHaveLength(300);
    expect(state.byId.r.logs[0].message).toBe('line 5');
    expect(state.byId.r.logs.at(-1)!.message).toBe('line 304');
  });
});
