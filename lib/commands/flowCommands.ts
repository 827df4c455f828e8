import { flowRunFocused } from '../app/appSlice';
import { EngineError } from '../execution/engineError';
import { firstUnfinishedStep, listFlowRuns, summarizeFlowRun } from '../flows/flowRunPersistence';
import { FlowRunner } from '../flows/flowRunner';
import { denormalizeFlow, exportFlows, normalizeFlow, parseFlowImport, type FlowInput } from '../flows/flowInput';
import { fileDeleted, fileSaved, flowDeleted, flowSaved } from '../flows/flowsSlice';
import { runLoaded, runRemoved } from '../flows/flowRunsSlice';
import type { CommandContext } from './commandContext';
import type { CommandPayload } from './commandSchemas';

/** Flow runs kept in the store for the run view; older ones stay in the database (runs history). */
const MAX_RUNS_IN_STORE = 20;

/** The flow library, its files, and runs: one FlowRunner per run, kept while the worker lives. */
export function flowCommands(ctx: CommandContext) {
  const { dispatch, getState, services } = ctx;
  const { db } = services;
  const runners = new Map<string, FlowRunner>();
  const deps = { dispatch, getState, services };

  const saveFlow = async (input: FlowInput) => {
    const existing = input.id ? getState().flows.flows.byId[input.id] : undefined;
    const { flow, actions } = normalizeFlow(input, services.newId, services.now(), existing);
    const kept = new Set(actions.map((a) => a.id));
    const removedActionIds = (existing?.steps.flatMap((s) => s.actionIds) ?? []).filter((id) => !kept.has(id));
    await db.transaction('rw', db.flows, db.flowActions, async () => {
      await db.flows.put(flow);
      await db.flowActions.bulkPut(actions.map((a) => ({ ...a, flowId: flow.id })));
      await db.flowActions.bulkDelete(removedActionIds);
    });
    dispatch(flowSaved({ flow, actions, removedActionIds }));
    return flow.id;
  };

  /** Drops the oldest finished runs from the store beyond MAX_RUNS_IN_STORE. */
  const trimRuns = () => {
    const { byId, order } = getState().flowRuns;
    const excess = order.length - MAX_RUNS_IN_STORE;
    if (excess <= 0) return;
    order
      .filter((id) => byId[id].status !== 'running')
      .slice(0, excess)
      .forEach((id) => {
        runners.delete(id);
        dispatch(runRemoved(id));
      });
  };

  /** The runner of an existing run (made anew after a worker restart), the run loaded into the store. */
  const runnerFor = async (runId: string) => {
    if (!getState().flowRuns.byId[runId]) {
      const run = await db.flowRuns.get(runId);
      if (!run) throw new EngineError({ kind: 'unknown', message: 'That run is no longer in the history.' });
      dispatch(runLoaded(run));
    }
    let runner = runners.get(runId);
    if (!runner) runners.set(runId, (runner = new FlowRunner(deps, runId)));
    return { runner, run: getState().flowRuns.byId[runId] };
  };

  const busy = (runId: string) => {
    if (getState().flowRuns.byId[runId]?.status === 'running')
      throw new EngineError({ kind: 'unknown', message: 'This run is still running: cancel it first.' });
  };

  /** A check that throws becomes the command's refusal, with its message. */
  const refusedUnless = (check: () => void) => {
    try {
      check();
    } catch (error) {
      throw new EngineError({ kind: 'unknown', message: error instanceof Error ? error.message : String(error) });
    }
  };

  /** The run goes on after the command answers; its state shows in the run view. */
  const inBackground = (promise: Promise<unknown>) => void promise.catch(() => undefined);

  /** A new run of a flow, focused in the panel; the command answers once it has an id (or why it could not start). */
  const startRun = async (flowId: string, inputs: Parameters<FlowRunner['runFlow']>[1]) => {
    const runner = new FlowRunner(deps);
    const done = runner.runFlow(flowId, inputs);
    if (!runner.runId) await done; // it failed before starting: report why
    inBackground(done);
    runners.set(runner.runId!, runner);
    trimRuns();
    dispatch(flowRunFocused(runner.runId!));
    return { runId: runner.runId! };
  };

  return {
    async 'cmd/flows/save'(p: CommandPayload<'cmd/flows/save'>) {
      if (p.id) services.team?.assertCanEdit('flow', p.id);
      const id = await saveFlow(p);
      await services.team?.recordEdited('flow', id);
      return { id };
    },
    async 'cmd/flows/delete'(p: CommandPayload<'cmd/flows/delete'>) {
      services.team?.assertCanEdit('flow', p.id);
      const flow = getState().flows.flows.byId[p.id];
      const actionIds = flow?.steps.flatMap((s) => s.actionIds) ?? [];
      const running = getState().flowRuns.order.filter((runId) => getState().flowRuns.byId[runId].flowId === p.id);
      running.forEach((runId) => runners.get(runId)?.cancelExecution());
      // Its runs go with it: no view could reach them any more.
      await db.transaction('rw', db.flows, db.flowActions, db.flowRuns, async () => {
        await db.flows.delete(p.id);
        await db.flowActions.bulkDelete(actionIds);
        await db.flowRuns.where('flowId').equals(p.id).delete();
      });
      running.forEach((runId) => {
        runners.delete(runId);
        dispatch(runRemoved(runId));
      });
      await services.team?.recordEdited('flow', p.id, true);
      dispatch(flowDeleted({ flowId: p.id, actionIds }));
      return { ok: true as const };
    },
    async 'cmd/flows/export'(p: CommandPayload<'cmd/flows/export'>) {
      const state = getState();
      const ids = p.id ? [p.id] : state.flows.flows.order;
      return {
        json: exportFlows(
          ids
            .map((id) => state.flows.flows.byId[id])
            .filter(Boolean)
            .map((f) => denormalizeFlow(f, state.actions.byId)),
        ),
      };
    },
    async 'cmd/flows/import'(p: CommandPayload<'cmd/flows/import'>) {
      const flows = parseFlowImport(p.json);
      for (const flow of flows) await saveFlow(flow);
      return { count: flows.length };
    },
    async 'cmd/flows/run'(p: CommandPayload<'cmd/flows/run'>) {
      const page = getState().page;
      return startRun(p.flowId, { values: p.values, page: p.usePage ? page : undefined });
    },
    async 'cmd/flows/runStep'(p: CommandPayload<'cmd/flows/runStep'>) {
      busy(p.runId);
      const { runner, run } = await runnerFor(p.runId);
      refusedUnless(() => runner.checkRerun(p.stepIndex));
      inBackground(runner.runStep(run.flowId, p.stepIndex));
      return { runId: p.runId };
    },
    async 'cmd/flows/runAction'(p: CommandPayload<'cmd/flows/runAction'>) {
      busy(p.runId);
      const { runner, run } = await runnerFor(p.runId);
      refusedUnless(() => runner.checkRerun(p.stepIndex, p.actionIndex));
      inBackground(runner.runAction(run.flowId, p.stepIndex, p.actionIndex));
      return { runId: p.runId };
    },
    async 'cmd/flows/resume'(p: CommandPayload<'cmd/flows/resume'>) {
      busy(p.runId);
      const { runner, run } = await runnerFor(p.runId);
      refusedUnless(() => runner.checkRerun(Math.min(firstUnfinishedStep(run), run.steps.length - 1)));
      inBackground(runner.runFlow(run.flowId, { fromStep: firstUnfinishedStep(run) }));
      return { runId: p.runId };
    },
    /** A new run of the flow as it is now, on the inputs (selection, page, values) of an earlier run. */
    async 'cmd/flows/runAgain'(p: CommandPayload<'cmd/flows/runAgain'>) {
      const { run } = await runnerFor(p.runId);
      const { date: _date, ...values } = run.inputs;
      return startRun(run.flowId, { values });
    },
    async 'cmd/flows/cancel'(p: CommandPayload<'cmd/flows/cancel'>) {
      runners.get(p.runId)?.cancelExecution();
      return { ok: true as const };
    },
    async 'cmd/flows/listRuns'(p: CommandPayload<'cmd/flows/listRuns'>) {
      return { runs: (await listFlowRuns(db, p.flowId, p.offset, p.limit)).map(summarizeFlowRun) };
    },
    async 'cmd/flows/openRun'(p: CommandPayload<'cmd/flows/openRun'>) {
      await runnerFor(p.runId);
      trimRuns();
      dispatch(flowRunFocused(p.runId));
      return { runId: p.runId };
    },
    async 'cmd/files/add'(p: CommandPayload<'cmd/files/add'>) {
      const file = { id: services.newId(), name: p.name, text: p.text, size: p.text.length };
      await db.flowFiles.put(file);
      dispatch(fileSaved(file));
      return { id: file.id };
    },
    async 'cmd/files/delete'(p: CommandPayload<'cmd/files/delete'>) {
      await db.flowFiles.delete(p.id);
      dispatch(fileDeleted(p.id));
      return { ok: true as const };
    },
  };
}
