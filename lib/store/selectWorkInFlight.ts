import { createSelector } from '@reduxjs/toolkit';
import type { RootState } from './rootReducer';

/**
 * The worker has work in flight: a prompt answer (its task streams, or waits on a rate limit: the
 * stream is registered before the request goes out and removed when the message ends), or a flow
 * run that is running (its actions stream, wait on a rate limit, or the next step is about to start).
 * A running action of a run marked otherwise counts too, so no shape of a run can let the worker stop mid-call.
 */
export const selectWorkInFlight = createSelector(
  [(state: RootState) => state.streaming.byTaskId, (state: RootState) => state.flowRuns.byId],
  (streams, flowRuns): boolean =>
    Object.keys(streams).length > 0 ||
    Object.values(flowRuns).some((run) => run.status === 'running' || run.steps.some((step) => step.actions.some((a) => a.status === 'running'))),
);
