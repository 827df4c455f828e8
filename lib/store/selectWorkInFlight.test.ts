// selectWorkInFlight: what keeps the worker alive, from the state alone.
import { describe, expect, it } from 'vitest';
import { oneActionRun } from '../../tests/unit/helpers/oneActionRun';
import { flowRunsSlice, runLoaded } from '../flows/flowRunsSlice';
import type { FlowRun } from '../flows/flowTypes';
import { streamRemoved, streamStarted, streamNoticeSet } from '../streaming/streamingSlice';
import { rootReducer, type RootState } from './rootReducer';
import { selectWorkInFlight } from './selectWorkInFlight';

const reduce = (state: RootState, ...actions: Parameters<typeof rootReducer>[1][]) => actions.reduce((s, a) => rootReducer(s, a), state);
const idle = rootReducer(undefined, { type: 'init' });

describe('selectWorkInFlight', () => {
  it('is false with nothing going on, and true while a prompt answer streams or waits on a rate limit', () => {
    expect(selectWorkInFlight(idle)).toBe(false);
    const streaming = reduce(idle, streamStarted({ taskId: 't', startedAt: 1, model: 'm', providerId: 'p' }));
    expect(selectWorkInFlight(streaming)).toBe(true);
    // a 429 wait: the task is still registered, with its notice
    expect(selectWorkInFlight(reduce(streaming, streamNoticeSet({ taskId: 't', notice: 'retrying in 2 s' })))).toBe(true);
    expect(selectWorkInFlight(reduce(streaming, streamRemoved('t')))).toBe(false);
  });

  it('is true while a flow run runs (its action streaming or waiting, or between two steps), false once it ended', () => {
    const started = reduce(idle, oneActionRun.started);
    expect(selectWorkInFlight(started)).toBe(true); // before any step: the runner is about to start one
    const acting = reduce(started, ...oneActionRun.acting);
    expect(selectWorkInFlight(acting)).toBe(true);
    const done = reduce(acting, ...oneActionRun.done);
    expect(selectWorkInFlight(done)).toBe(false);
  });

  it('counts a running action even in a run not marked running, and ignores interrupted and finished runs', () => {
    const run = flowRunsSlice.reducer(undefined, oneActionRun.started).byId.r;
    const withAction = (runStatus: FlowRun['status'], actionStatus: FlowRun['steps'][0]['actions'][0]['status']): FlowRun => ({
      ...run,
      status: runStatus,
      steps: [{ ...run.steps[0], status: 'running', actions: [{ ...run.steps[0].actions[0], status: actionStatus }] }],
    });
    expect(selectWorkInFlight(reduce(idle, runLoaded(withAction('completed', 'running'))))).toBe(true);
    expect(selectWorkInFlight(reduce(idle, runLoaded(withAction('interrupted', 'failed'))))).toBe(false);
    expect(selectWorkInFlight(reduce(idle, runLoaded(withAction('failed', 'completed'))))).toBe(false);
  });
});
