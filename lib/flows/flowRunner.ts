import { estimateCost } from '../llm/costEstimator';
import { buildChatMessages } from '../execution/services/messageBuilder';
import { computeRuntimeValues, describeVariables, mergeScopedValues, mergeVariables } from '../execution/services/variableResolver';
import { toInstanceError } from '../execution/engineError';
import { queuedChatStream } from '../llm/requestQueue';
import { answerNotes } from '../llm/answerNotes';
import { streamAnswer } from '../llm/streamAnswer';
import { addLog } from '../logs/logsSlice';
import type { EngineServices } from '../store/engineServices';
import type { RootState } from '../store/rootReducer';
import type { AppThunkDispatch } from '../store/thunkConfig';
import { createTextBatcher, type TextBatcher } from '../streaming/textBatcher';
import { actionPieceKey, createActionPieceWriter, type ActionPieceWriter } from './actionPieces';
import { saveFlowRun } from './flowRunPersistence';
import type { FlowRun, FlowRunSnapshot, FlowRunStatus, StepRunStatus } from './flowTypes';
import { prepareSnapshotAction, runMatchesSnapshot, selectFlowSnapshot, type PreparedAction } from './flowRunSnapshot';
import {
  cancelRun,
  completeActionRun,
  completeStepRun,
  failActionRun,
  finishRun,
  runSaved,
  runSaveFailed,
  actionQueued,
  startActionRun,
  startRun,
  startStepRun,
  updateActionOutput,
} from './flowRunsSlice';

interface FlowRunnerDeps {
  dispatch: AppThunkDispatch;
  getState: () => RootState;
  services: EngineServices;
}

/** The values a run starts with: the page's (selection, page_title, page_url, date) and the user's. */
interface FlowInputs {
  page?: { selection?: string; title?: string; url?: string };
  values?: Record<string, string>;
}

/** Thrown inside a step to stop its other actions; never reaches the user as such. */
class SiblingFailed extends Error {}

/**
 * Runs flows, steps and actions as the flow-runner seed describes: steps in order, a step's actions
 * in parallel, every change through the flowRuns slice's actions. One runner owns one run at a time
 * (`runId`): runStep/runAction on an active run re-run in place; a new run needs a new runner (or
 * `runFlow` with `{ fresh: true }`).
 */
export class FlowRunner {
  runId: string | null;
  private canceled = false;
  private readonly controllers = new Set<AbortController>();
  private readonly batcher: TextBatcher;
  /** streamed text saved as append-only pieces while actions stream (the run row is written at status changes only) */
  private readonly pieces: ActionPieceWriter;
  private persistChain: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: FlowRunnerDeps,
    existingRunId: string | null = null,
  ) {
    this.runId = existingRunId;
    this.batcher = createTextBatcher((batch) => {
      if (this.canceled || !this.runId) return;
      const updates = Object.entries(batch).map(([key, delta]) => {
        const [stepIndex, actionIndex] = key.split(':').map(Number);
        return { stepIndex, actionIndex, delta: delta.text ?? '' };
      });
      this.deps.dispatch(updateActionOutput({ runId: this.runId, updates }));
    }, deps.services.streamFlushMs);
    this.pieces = createActionPieceWriter(deps.services.db, {
      flushMs: deps.services.pieceFlushMs,
      now: deps.services.now,
      onError: (error) => this.saveFailed(error),
    });
  }

  /**
   * Runs every step in order: of the current flow in a new run, or (`fromStep` on an existing run:
   * "resume from the failed step") of the flow as that run took it.
   */
  async runFlow(flowId: string, options: FlowInputs & { fromStep?: number; fresh?: boolean } = {}): Promise<FlowRunStatus> {
    this.canceled = false;
    if (options.fresh) this.runId = null;
    const snapshot = this.snapshotFor(flowId, options);
    this.log('info', `Running flow "${snapshot.flowName}".`);
    for (let i = options.fromStep ?? 0; i < snapshot.steps.length; i++) {
      const status = await this.executeStep(snapshot, i);
      if (status !== 'completed') return this.finish(status === 'canceled' ? 'canceled' : 'failed');
    }
    return this.finish('completed');
  }

  /** Runs one step: again, in place, on an active run (as that run took the flow); else in a new run. */
  async runStep(flowId: string, stepIndex: number, inputs: FlowInputs = {}): Promise<FlowRunStatus> {
    this.canceled = false;
    const snapshot = this.snapshotFor(flowId, inputs);
    this.checkTarget(snapshot, stepIndex);
    await this.executeStep(snapshot, stepIndex);
    return this.finish(this.derivedStatus());
  }

  async runAction(flowId: string, stepIndex: number, actionIndex: number, inputs: FlowInputs = {}): Promise<FlowRunStatus> {
    this.canceled = false;
    const snapshot = this.snapshotFor(flowId, inputs);
    this.checkTarget(snapshot, stepIndex, actionIndex);
    await this.executeStep(snapshot, stepIndex, [actionIndex]);
    return this.finish(this.derivedStatus());
  }

  /**
   * Throws, with a message for the user, when a step or action of this runner's run cannot be run
   * again: the commands check before they answer, since the re-run itself goes on in the background.
   */
  checkRerun(stepIndex: number, actionIndex?: number): void {
    this.checkTarget(this.runSnapshot(), stepIndex, actionIndex);
  }

  /** Aborts every request in flight and marks the run canceled; nothing is dispatched for it afterwards. */
  cancelExecution(): void {
    if (this.canceled) return;
    this.canceled = true;
    this.batcher.dispose();
    for (const controller of this.controllers) controller.abort();
    this.controllers.clear();
    const ended = this.pieces.endAll();
    if (this.runId) {
      this.log('warn', 'Run canceled.');
      this.deps.dispatch(cancelRun({ runId: this.runId, at: this.deps.services.now() }));
      this.persist(ended);
    }
  }

  /** Resolves when every save of this run so far is in the database. */
  flushed(): Promise<void> {
    return this.persistChain;
  }

  private get run(): FlowRun | undefined {
    return this.runId ? this.deps.getState().flowRuns.byId[this.runId] : undefined;
  }

  /** What this runner runs: its run's snapshot, or the current flow's in a new run it starts. */
  private snapshotFor(flowId: string, inputs: FlowInputs): FlowRunSnapshot {
    if (this.run) return this.runSnapshot();
    const snapshot = selectFlowSnapshot(this.deps.getState(), flowId);
    if (!snapshot) throw new Error('There is no such flow.');
    if (snapshot.steps.length === 0) throw new Error(`Flow "${snapshot.flowName}" has no steps.`);
    const { services } = this.deps;
    this.runId = services.newId();
    const now = services.now();
    this.deps.dispatch(
      startRun({
        runId: this.runId,
        flowId,
        flowName: snapshot.flowName,
        inputs: { ...inputs.values, ...computeRuntimeValues(inputs.page ?? {}, new Date(now)) },
        steps: snapshot.steps.map((step) => ({
          stepId: step.stepId,
          name: step.name,
          actions: step.actions.map((a) => ({ actionId: a.actionId, name: a.name })),
        })),
        snapshot,
        at: now,
      }),
    );
    this.persist();
    return snapshot;
  }

  /**
   * The flow as the active run took it. A run saved before runs kept a snapshot is run with the
   * current flow only while that still has the run's steps and actions (ids and names) at the same places.
   */
  private runSnapshot(): FlowRunSnapshot {
    const run = this.run;
    if (!run) throw new Error('That run is no longer in the history.');
    if (run.snapshot) {
      if (!runMatchesSnapshot(run, run.snapshot)) throw new Error('This run does not match the copy of the flow it kept: start a new run.');
      return run.snapshot;
    }
    const current = selectFlowSnapshot(this.deps.getState(), run.flowId);
    if (!current || !runMatchesSnapshot(run, current)) {
      throw new Error('This run is from before Flowbar kept a copy of the flow it ran, and the flow has changed since: start a new run with the current flow.');
    }
    return current;
  }

  private checkTarget(snapshot: FlowRunSnapshot, stepIndex: number, actionIndex?: number) {
    const step = snapshot.steps[stepIndex];
    if (!step) throw new Error(`This run has no step ${stepIndex + 1}.`);
    if (actionIndex !== undefined && !step.actions[actionIndex]) throw new Error(`Step ${stepIndex + 1} of this run has no action ${actionIndex + 1}.`);
  }

  private async executeStep(snapshot: FlowRunSnapshot, stepIndex: number, only?: number[]): Promise<StepRunStatus> {
    const entry = snapshot.steps[stepIndex];
    if (!entry || !this.runId || this.canceled) return 'canceled';
    const runId = this.runId;
    const { dispatch, services } = this.deps;
    dispatch(startStepRun({ runId, stepIndex, actionIndexes: only, at: services.now() }));
    this.persist();

    const stepAbort = new AbortController();
    const indexes = only ?? entry.actions.map((_a, i) => i);
    // Providers and files as they are now; the flow's part (messages, models) as the run took it.
    const state = this.deps.getState();
    const prepared = entry.actions.map((a) => prepareSnapshotAction(a, state));
    const results = await Promise.allSettled(
      indexes.map(async (actionIndex) => {
        try {
          await this.executeAction(stepIndex, actionIndex, prepared[actionIndex], stepAbort.signal);
        } catch (error) {
          // Fail fast: the step's other actions are canceled unless the step continues on error.
          if (!entry.continueOnError && !(error instanceof SiblingFailed)) stepAbort.abort();
          throw error;
        }
      }),
    );
    if (this.canceled) return 'canceled';
    // A re-run action counts together with the step's other actions as they stand.
    const actions = this.run?.steps[stepIndex]?.actions ?? [];
    const failed = results.some((r) => r.status === 'rejected') || actions.some((a) => a.status === 'failed');
    const status: StepRunStatus = failed && !entry.continueOnError ? 'failed' : 'completed';
    dispatch(completeStepRun({ runId, stepIndex, status, at: services.now() }));
    this.persist();
    return status;
  }

  private async executeAction(stepIndex: number, actionIndex: number, prepared: PreparedAction, stepSignal: AbortSignal): Promise<void> {
    const { dispatch, getState, services } = this.deps;
    const runId = this.runId!;
    const startedAt = services.now();
    const name = prepared.action.name;
    let pieceKey: string | null = null;
    const fail = (message: string, output = '', canceled = false): never => {
      if (!this.canceled) {
        dispatch(failActionRun({ runId, stepIndex, actionIndex, error: message, output, duration: services.now() - startedAt, canceled }));
        if (!canceled) this.log('error', `Action "${name}" failed: ${message}`);
        this.persist(this.endPieces(pieceKey));
      }
      throw canceled ? new SiblingFailed(message) : new Error(message);
    };
    if (this.canceled) throw new SiblingFailed('canceled');

    dispatch(startActionRun({ runId, stepIndex, actionIndex, model: prepared.model, at: startedAt }));
    if (prepared.problem) fail(prepared.problem.message);
    if (stepSignal.aborted) fail('Canceled: another action of this step failed.', '', true);

    const state = getState();
    const run = this.run!;
    const built = buildChatMessages({
      template: prepared.template,
      conversation: [],
      resources: prepared.resources,
      variables: mergeVariables({
        scopedValues: mergeScopedValues(state.scopedVariables),
        userValues: run.inputs,
        computedValues: outputsOf(run, stepIndex),
      }),
      applyVariables: true,
    });
    if (built.missing.length > 0) fail(`Missing ${describeVariables(built.missing)}.`);

    const provider = prepared.provider!;
    const apiKey = (await services.db.providerKeys.get(provider.id))?.apiKey;
    // A cancel or a sibling's failure during that read found no controller to abort: send nothing.
    if (this.canceled) throw new SiblingFailed('canceled');
    if (stepSignal.aborted) fail('Canceled: another action of this step failed.', '', true);
    const controller = new AbortController();
    const onStepAbort = () => controller.abort();
    stepSignal.addEventListener('abort', onStepAbort);
    this.controllers.add(controller);
    const key = `${stepIndex}:${actionIndex}`;
    let received = '';
    pieceKey = actionPieceKey(runId, stepIndex, actionIndex);
    this.pieces.begin(pieceKey);
    try {
      const answer = await streamAnswer(
        // Waits its turn for a connection to the provider (shown on the action); the timeout starts when it is sent.
        queuedChatStream(services.chatStream, services.requestQueue, {
          onQueued: (ahead) => dispatch(actionQueued({ runId, stepIndex, actionIndex, ahead })),
          onSent: () => dispatch(actionQueued({ runId, stepIndex, actionIndex, ahead: null })),
        }),
        {
          providerName: provider.name,
          baseURL: provider.baseURL,
          apiKey,
          model: prepared.model,
          messages: built.messages,
          temperature: prepared.temperature,
          maxTokens: prepared.maxTokens,
          signal: controller.signal,
          firstByteTimeoutMs: getState().settings.requestTimeoutSeconds * 1000,
          betweenChunksTimeoutMs: getState().settings.requestTimeoutSeconds * 1000,
        },
        {
          now: services.now,
          onDelta: (kind, text) => {
            if (kind !== 'text') return;
            received += text;
            this.batcher.append(key, 'text', text);
            this.pieces.append(pieceKey, text);
          },
          onRateLimitRetry: (seconds, attempt) =>
            this.log('warn', `Action "${name}": ${provider.name} is rate limiting, retrying in ${seconds} s (try ${attempt + 1}).`),
          onWarning: (message) => this.log('warn', `Action "${name}": ${provider.name}: ${message}`),
        },
      );
      this.batcher.flush();
      if (this.canceled) throw new SiblingFailed('canceled');
      const promptTokens = answer.usage?.promptTokens ?? null;
      const completionTokens = answer.usage?.completionTokens ?? null;
      dispatch(
        completeActionRun({
          runId,
          stepIndex,
          actionIndex,
          output: answer.text,
          duration: services.now() - startedAt,
          timeToFirstToken: answer.firstTokenAt === null ? null : answer.firstTokenAt - startedAt,
          promptTokens,
          completionTokens,
          cost: estimateCost(getState().prices.table, prepared.model, promptTokens ?? undefined, completionTokens ?? undefined) ?? null,
        }),
      );
      for (const note of answerNotes(answer)) this.log('warn', `Action "${name}": ${note}`);
      this.log('info', `Action "${name}" completed.`);
      this.persist(this.endPieces(pieceKey));
    } catch (error) {
      if (error instanceof SiblingFailed) throw error;
      this.batcher.flush();
      if (this.canceled) throw new SiblingFailed('canceled');
      if (controller.signal.aborted) fail('Canceled: another action of this step failed.', received, true);
      fail(toInstanceError(error).message, received);
    } finally {
      stepSignal.removeEventListener('abort', onStepAbort);
      this.controllers.delete(controller);
    }
  }

  /** After a re-run of one step or action: failed if any step failed, else completed (steps never run stay pending). */
  private derivedStatus(): FlowRunStatus {
    const steps = this.run?.steps ?? [];
    return steps.some((s) => s.status === 'failed' || s.status === 'canceled') ? 'failed' : 'completed';
  }

  private finish(status: FlowRunStatus): FlowRunStatus {
    if (this.canceled || !this.runId) return 'canceled';
    this.deps.dispatch(finishRun({ runId: this.runId, status, at: this.deps.services.now() }));
    this.log(status === 'completed' ? 'info' : 'warn', `Run ${status}.`);
    this.persist();
    return status;
  }

  private log(level: 'info' | 'warn' | 'error', message: string) {
    if (this.runId) this.deps.dispatch(addLog({ level, message, runId: this.runId, at: this.deps.services.now() }));
  }

  /** An action ended: its pieces are no longer written, and go with the save of the row that holds its output. */
  private endPieces(key: string | null): EndedPieces | undefined {
    return key === null ? undefined : { keys: [key], settled: this.pieces.end(key) };
  }

  /**
   * Saves the whole run, at each status change (while text streams, only its pieces are written).
   * `ended`: pieces of actions whose final output this save holds, deleted with it once their writes settled.
   */
  private persist(ended?: EndedPieces) {
    const run = this.run;
    if (!run) return;
    const { dispatch, getState, services } = this.deps;
    const runId = run.runId;
    const saveError = () => getState().flowRuns.byId[runId]?.saveError;
    // A failed save shows on the run; the next good save, which writes the whole run, clears it.
    this.persistChain = this.persistChain
      .then(() => ended?.settled)
      .then(() => saveFlowRun(services.db, run, ended?.keys))
      .then(
        () => {
          if (saveError() !== undefined) dispatch(runSaved({ runId }));
        },
        (error: unknown) => this.saveFailed(error, runId),
      );
  }

  /** A failed save (of the run or of a piece) shows on the run, and in its log once per streak of failures. */
  private saveFailed(error: unknown, runId = this.runId) {
    if (!runId) return;
    const { dispatch, getState, services } = this.deps;
    const first = getState().flowRuns.byId[runId]?.saveError === undefined;
    // Dexie appends its inner error's "Name: message" on further lines: the first says it.
    const message = error instanceof Error ? error.message.split('\n')[0].trim() || error.name : String(error);
    dispatch(runSaveFailed({ runId, error: message }));
    if (first) dispatch(addLog({ level: 'error', message: `Could not save this run: ${message}`, runId, at: services.now() }));
  }
}

interface EndedPieces {
  keys: string[];
  settled: Promise<void>;
}

/** `outputs.<action name>` of every completed action outside the step being run. */
function outputsOf(run: FlowRun, exceptStep: number): Record<string, string> {
  const outputs: Record<string, string> = {};
  run.steps.forEach((step, i) => {
    if (i === exceptStep) return;
    for (const a of step.actions) if (a.status === 'completed') outputs[`outputs.${a.name}`] = a.output;
  });
  return outputs;
}
