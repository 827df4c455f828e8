import { estimateCost } from '../llm/costEstimator';
import { buildChatMessages } from '../execution/services/messageBuilder';
import { computeRuntimeValues, describeVariables, mergeScopedValues, mergeVariables } from '../execution/services/variableResolver';
import { toInstanceError } from '../execution/engineError';
import { streamAnswer } from '../llm/streamAnswer';
import { addLog } from '../logs/logsSlice';
import type { EngineServices } from '../store/engineServices';
import type { RootState } from '../store/rootReducer';
import type { AppThunkDispatch } from '../store/thunkConfig';
import { createTextBatcher, type TextBatcher } from '../streaming/textBatcher';
import { saveFlowRun } from './flowRunPersistence';
import type { FlowRun, FlowRunStatus, StepRunStatus } from './flowTypes';
import {
  cancelRun,
  completeActionRun,
  completeStepRun,
  failActionRun,
  finishRun,
  startActionRun,
  startRun,
  startStepRun,
  updateActionOutput,
} from './runsSlice';
import { selectFlowForExecution, type FlowForExecution, type PreparedAction } from './selectFlowForExecution';

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
 * in parallel, every change through the runs slice's actions. One runner owns one run at a time
 * (`runId`): runStep/runAction on an active run re-run in place; a new run needs a new runner (or
 * `runFlow` with `{ fresh: true }`).
 */
export class FlowRunner {
  runId: string | null;
  private canceled = false;
  private readonly controllers = new Set<AbortController>();
  private readonly batcher: TextBatcher;
  private persistChain: Promise<void> = Promise.resolve();
  private lastPersistAt = 0;

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
      this.persist(false);
    }, deps.services.streamFlushMs);
  }

  /** Runs every step in order (from `fromStep` on an existing run: "run again from the failed step"). */
  async runFlow(flowId: string, options: FlowInputs & { fromStep?: number; fresh?: boolean } = {}): Promise<FlowRunStatus> {
    const flow = this.prepare(flowId);
    this.canceled = false;
    if (options.fresh) this.runId = null;
    this.ensureRun(flow, options);
    this.log('info', `Running flow "${flow.flow.name}".`);
    for (let i = options.fromStep ?? 0; i < flow.steps.length; i++) {
      const status = await this.executeStep(flow, i);
      if (status !== 'completed') return this.finish(status === 'canceled' ? 'canceled' : 'failed');
    }
    return this.finish('completed');
  }

  async runStep(flowId: string, stepIndex: number, inputs: FlowInputs = {}): Promise<FlowRunStatus> {
    const flow = this.prepare(flowId);
    this.canceled = false;
    this.ensureRun(flow, inputs);
    await this.executeStep(flow, stepIndex);
    return this.finish(this.derivedStatus());
  }

  async runAction(flowId: string, stepIndex: number, actionIndex: number, inputs: FlowInputs = {}): Promise<FlowRunStatus> {
    const flow = this.prepare(flowId);
    this.canceled = false;
    this.ensureRun(flow, inputs);
    await this.executeStep(flow, stepIndex, [actionIndex]);
    return this.finish(this.derivedStatus());
  }

  /** Aborts every request in flight and marks the run canceled; nothing is dispatched for it afterwards. */
  cancelExecution(): void {
    if (this.canceled) return;
    this.canceled = true;
    this.batcher.dispose();
    for (const controller of this.controllers) controller.abort();
    this.controllers.clear();
    if (this.runId) {
      this.log('warn', 'Run canceled.');
      this.deps.dispatch(cancelRun({ runId: this.runId, at: this.deps.services.now() }));
      this.persist(true);
    }
  }

  /** Resolves when every save of this run so far is in the database. */
  flushed(): Promise<void> {
    return this.persistChain;
  }

  private get run(): FlowRun | undefined {
    return this.runId ? this.deps.getState().runs.byId[this.runId] : undefined;
  }

  private prepare(flowId: string): FlowForExecution {
    const flow = selectFlowForExecution(this.deps.getState(), flowId);
    if (!flow) throw new Error('There is no such flow.');
    if (flow.steps.length === 0) throw new Error(`Flow "${flow.flow.name}" has no steps.`);
    return flow;
  }

  private ensureRun(flow: FlowForExecution, inputs: FlowInputs) {
    if (this.run) return;
    const { services } = this.deps;
    this.runId = services.newId();
    const now = services.now();
    this.deps.dispatch(
      startRun({
        runId: this.runId,
        flowId: flow.flow.id,
        flowName: flow.flow.name,
        inputs: { ...inputs.values, ...computeRuntimeValues(inputs.page ?? {}, new Date(now)) },
        steps: flow.steps.map(({ step, actions }) => ({ stepId: step.id, name: step.name, actions: actions.map((a) => ({ actionId: a.action.id, name: a.action.name })) })),
        at: now,
      }),
    );
    this.persist(true);
  }

  private async executeStep(flow: FlowForExecution, stepIndex: number, only?: number[]): Promise<StepRunStatus> {
    const entry = flow.steps[stepIndex];
    if (!entry || !this.runId || this.canceled) return 'canceled';
    const runId = this.runId;
    const { dispatch, services } = this.deps;
    dispatch(startStepRun({ runId, stepIndex, actionIndexes: only, at: services.now() }));
    this.persist(true);

    const stepAbort = new AbortController();
    const indexes = only ?? entry.actions.map((_a, i) => i);
    const results = await Promise.allSettled(
      indexes.map(async (actionIndex) => {
        try {
          await this.executeAction(stepIndex, actionIndex, entry.actions[actionIndex], stepAbort.signal);
        } catch (error) {
          // Fail fast: the step's other actions are canceled unless the step continues on error.
          if (!entry.step.continueOnError && !(error instanceof SiblingFailed)) stepAbort.abort();
          throw error;
        }
      }),
    );
    if (this.canceled) return 'canceled';
    // A re-run action counts together with the step's other actions as they stand.
    const actions = this.run?.steps[stepIndex]?.actions ?? [];
    const failed = results.some((r) => r.status === 'rejected') || actions.some((a) => a.status === 'failed');
    const status: StepRunStatus = failed && !entry.step.continueOnError ? 'failed' : 'completed';
    dispatch(completeStepRun({ runId, stepIndex, status, at: services.now() }));
    this.persist(true);
    return status;
  }

  private async executeAction(stepIndex: number, actionIndex: number, prepared: PreparedAction, stepSignal: AbortSignal): Promise<void> {
    const { dispatch, getState, services } = this.deps;
    const runId = this.runId!;
    const startedAt = services.now();
    const name = prepared.action.name;
    const fail = (message: string, output = '', canceled = false): never => {
      if (!this.canceled) {
        dispatch(failActionRun({ runId, stepIndex, actionIndex, error: message, output, duration: services.now() - startedAt, canceled }));
        if (!canceled) this.log('error', `Action "${name}" failed: ${message}`);
        this.persist(true);
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
    try {
      const answer = await streamAnswer(
        services.chatStream,
        {
          providerName: provider.name,
          baseURL: provider.baseURL,
          apiKey,
          model: prepared.model,
          messages: built.messages,
          temperature: prepared.temperature,
          maxTokens: prepared.maxTokens,
          signal: controller.signal,
          timeoutMs: getState().settings.requestTimeoutSeconds * 1000,
        },
        {
          now: services.now,
          onDelta: (kind, text) => {
            if (kind !== 'text') return;
            received += text;
            this.batcher.append(key, 'text', text);
          },
          onRateLimitRetry: (seconds, attempt) => this.log('warn', `Action "${name}": ${provider.name} is rate limiting, retrying in ${seconds} s (try ${attempt + 1}).`),
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
      this.log('info', `Action "${name}" completed.`);
      this.persist(true);
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
    this.persist(true);
    return status;
  }

  private log(level: 'info' | 'warn' | 'error', message: string) {
    if (this.runId) this.deps.dispatch(addLog({ level, message, runId: this.runId, at: this.deps.services.now() }));
  }

  /** Saves the run: at once on status changes, at most every persistIntervalMs while text streams. */
  private persist(now: boolean) {
    const at = this.deps.services.now();
    if (!now && at - this.lastPersistAt < this.deps.services.persistIntervalMs) return;
    this.lastPersistAt = at;
    const run = this.run;
    if (!run) return;
    this.persistChain = this.persistChain.then(() => saveFlowRun(this.deps.services.db, run)).catch(() => undefined);
  }
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
