import type { Middleware } from '@reduxjs/toolkit';
import { completeExecution } from '../execution/thunks/completeExecutionThunk';
import type { RootState } from '../store/rootReducer';
import type { TeamService } from './teamService';

/**
 * Each finished answer of a tracked run puts the run on the team queue (the org decides whether it
 * collects runs): after the database has it, so the queue never names a run that is not saved.
 */
export function createTeamRunMiddleware(team: () => TeamService | undefined): Middleware<object, RootState> {
  return (api) => (next) => (action) => {
    const result = next(action);
    if (completeExecution.fulfilled.match(action)) {
      const runId = api.getState().promptExecution.instances[action.meta.arg.instanceId]?.runId;
      if (runId)
        void team()
          ?.runFinished(runId)
          .catch(() => undefined);
    }
    return result;
  };
}
