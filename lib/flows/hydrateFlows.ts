import type { FlowbarDb } from '../db/database';
import type { AppThunkDispatch } from '../store/thunkConfig';
import { deleteRunPieces, withPieceOutputs } from './actionPieces';
import { EXAMPLE_FLOWS } from './exampleFlows';
import { normalizeFlow } from './flowInput';
import { interruptFlowRun } from './flowRunPersistence';
import { flowsHydrated } from './flowsSlice';
import { runLoaded } from './flowRunsSlice';

const SEEDED_FLOWS_KEY = 'seededFlowsVersion';
const RUNS_LOADED_AT_START = 10;

/** The example flows go in once (also for users who installed before flows existed). */
async function seedExampleFlows(db: FlowbarDb, now: number) {
  await db.transaction('rw', [db.settings, db.flows, db.flowActions], async () => {
    if (await db.settings.get(SEEDED_FLOWS_KEY)) return;
    for (const input of EXAMPLE_FLOWS) {
      const { flow, actions } = normalizeFlow(input, () => crypto.randomUUID(), now);
      await db.flows.put({ ...flow, builtIn: true });
      await db.flowActions.bulkPut(actions.map((a) => ({ ...a, flowId: flow.id })));
    }
    await db.settings.put({ key: SEEDED_FLOWS_KEY, value: 1 });
  });
}

/** Loads the flow library and the latest runs; a run cut off by a worker stop becomes interrupted, with the output its actions had streamed. */
export async function hydrateFlows(db: FlowbarDb, dispatch: AppThunkDispatch, now: number): Promise<void> {
  await seedExampleFlows(db, now);
  // Every run left running by the stopped worker is interrupted, not only those shown; what its
  // actions had streamed comes back from their pieces, which then go.
  await db.transaction('rw', db.flowRuns, db.taskChunks, async () => {
    const cutOff = await db.flowRuns.where('status').equals('running').toArray();
    for (const run of cutOff) {
      await db.flowRuns.put(interruptFlowRun(await withPieceOutputs(db, run), now));
      await deleteRunPieces(db, run.runId);
    }
  });
  const [flows, actions, files, runs] = await Promise.all([
    db.flows.orderBy('name').toArray(),
    db.flowActions.toArray(),
    db.flowFiles.toArray(),
    db.flowRuns.orderBy('startedAt').reverse().limit(RUNS_LOADED_AT_START).toArray(),
  ]);
  dispatch(flowsHydrated({ flows, actions: actions.map(({ flowId: _flowId, ...a }) => a), files }));
  for (const stored of runs.reverse()) dispatch(runLoaded(interruptFlowRun(stored, now)));
}
