import type { Middleware } from '@reduxjs/toolkit';
import { completeExecution } from '../execution/thunks/completeExecutionThunk';
import { cancelRun, finishRun } from '../flows/flowRunsSlice';
import type { RootState } from '../store/rootReducer';
import type { TeamService } from './teamService';

/**
 * Each finished answer of a tracked run puts the run on the team queue (the org decides whether it
 * collects runs): after the database has it, so the queue never names a run that is not saved.
 * A flow run goes on the queue when it ends (completed, failed or canceled; again after a re-run of
 * a step or action); its last save may still be on its way, so the queue sends it once the saved
 * row has ended (lib/team/dexieSyncPort.ts).
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
    } else if (finishRun.match(action) || cancelRun.match(action)) {
      const run = api.getState().flowRuns.byId[action.payload.runId];
      if (run && run.status !== 'running')
        void team()
          ?.runFinished(run.runId, 'flow')
          .catch(() => undefined);
    }
    return result;
  };
}
