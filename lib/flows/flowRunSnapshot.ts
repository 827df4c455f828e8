import { createSelector } from '@reduxjs/toolkit';
import { resolveProvider } from '../execution/services/providerResolver';
import type { RootState } from '../store/rootReducer';
import type { InstanceError, ProviderInfo, Resource, TemplateMessage } from '../types';
import type { FlowAction, FlowRun, FlowRunSnapshot, SnapshotAction } from './flowTypes';

// What a run ran: a copy of its flow taken when it started (steps, action ids and names, the
// messages, the models), kept in the run's row. Re-running a step or an action of the run runs this
// copy, so an edit of the flow never writes another step's answers into the run's slots. Providers
// (their base URL, key, default model) and attached files are looked up as they are when a step runs:
// keys are never copied into a run.

/** The flow as a run would take it now; null when there is no such flow. Memoized per flow. */
export const selectFlowSnapshot = createSelector(
  [(state: RootState, flowId: string) => state.flows.flows.byId[flowId], (state: RootState) => state.actions.byId, (state: RootState) => state.prompts.byId],
  (flow, actions, prompts): FlowRunSnapshot | null => {
    if (!flow) return null;
    return {
      flowName: flow.name,
      steps: flow.steps.map((step) => ({
        stepId: step.id,
        name: step.name,
        continueOnError: step.continueOnError,
        actions: step.actionIds.map((actionId): SnapshotAction => {
          const action = actions[actionId];
          if (!action)
            return {
              actionId,
              name: 'missing',
              promptId: null,
              template: [],
              providerId: null,
              model: '',
              fileIds: [],
              problem: 'This action no longer exists.',
            };
          const prompt = action.promptId ? prompts[action.promptId] : undefined;
          const template = prompt ? prompt.messages : action.messages;
          let problem: string | null = null;
          if (action.promptId && !prompt) problem = `Action "${action.name}" uses a prompt that was deleted.`;
          else if (template.length === 0) problem = `Action "${action.name}" has no messages.`;
          const snapshot: SnapshotAction = {
            actionId,
            name: action.name,
            promptId: action.promptId,
            template,
            providerId: action.providerId ?? prompt?.settings.providerId ?? null,
            model: action.model || prompt?.settings.model || '',
            fileIds: action.fileIds,
            problem,
          };
          const temperature = action.temperature ?? prompt?.settings.temperature;
          if (temperature !== undefined) snapshot.temperature = temperature;
          if (prompt?.settings.maxTokens !== undefined) snapshot.maxTokens = prompt.settings.maxTokens;
          return snapshot;
        }),
      })),
    };
  },
);

export interface PreparedAction {
  action: FlowAction;
  /** the messages to send: the prompt's, or the action's own */
  template: TemplateMessage[];
  provider: ProviderInfo | null;
  model: string;
  temperature?: number;
  maxTokens?: number;
  resources: Resource[];
  /** why the action cannot run (no provider, unknown prompt), if it cannot */
  problem: InstanceError | null;
}

/** An action of the snapshot, ready to run against the providers and files as they are now. */
export function prepareSnapshotAction(action: SnapshotAction, state: Pick<RootState, 'providers' | 'files'>): PreparedAction {
  const target = resolveProvider(state, { providerId: action.providerId, model: action.model, temperature: action.temperature, maxTokens: action.maxTokens });
  const resources: Resource[] = action.fileIds
    .map((id) => state.files.byId[id])
    .filter((f) => f !== undefined)
    .map((f) => ({ id: f.id, kind: 'file', title: f.name, source: f.name, text: f.text, size: f.size }));
  return {
    action: {
      id: action.actionId,
      name: action.name,
      promptId: action.promptId,
      messages: action.template,
      providerId: action.providerId,
      model: action.model,
      fileIds: action.fileIds,
    },
    template: action.template,
    provider: 'error' in target ? null : target.provider,
    model: 'error' in target ? '' : target.model,
    temperature: action.temperature,
    maxTokens: action.maxTokens,
    resources,
    problem: action.problem ? { kind: 'unknown', message: action.problem } : 'error' in target ? target.error : null,
  };
}

/** Two snapshots run the same thing (both are built by selectFlowSnapshot, so key order matches). */
export function sameSnapshot(a: FlowRunSnapshot, b: FlowRunSnapshot): boolean {
  return JSON.stringify(a.steps) === JSON.stringify(b.steps);
}

/** The run's steps and actions are those of the snapshot, by id and name at every index. */
export function runMatchesSnapshot(run: Pick<FlowRun, 'steps'>, snapshot: FlowRunSnapshot): boolean {
  return (
    run.steps.length === snapshot.steps.length &&
    run.steps.every(
      (step, s) =>
        step.stepId === snapshot.steps[s].stepId &&
        step.actions.length === snapshot.steps[s].actions.length &&
        step.actions.every((a, i) => a.actionId === snapshot.steps[s].actions[i].actionId && a.name === snapshot.steps[s].actions[i].name),
    )
  );
}

/**
 * How the run's flow stands against the run: `same`, `changed` since the run started (its steps,
 * actions, messages, models, or a prompt it uses), `deleted`, or `unknown` for a run saved before
 * runs kept a snapshot.
 */
export type RunFlowChange = 'same' | 'changed' | 'deleted' | 'unknown';

export function runFlowChange(snapshot: FlowRunSnapshot | undefined, current: FlowRunSnapshot | null): RunFlowChange {
  if (!current) return 'deleted';
  if (!snapshot) return 'unknown';
  return sameSnapshot(snapshot, current) ? 'same' : 'changed';
}

/** runFlowChange of a run in the store (null: no such run); recomputed only when its snapshot or its flow changes, not while it streams. */
export const selectRunFlowChange = createSelector(
  [
    (state: RootState, runId: string) => state.flowRuns.byId[runId] !== undefined,
    (state: RootState, runId: string) => state.flowRuns.byId[runId]?.snapshot,
    (state: RootState, runId: string) => {
      const run = state.flowRuns.byId[runId];
      return run ? selectFlowSnapshot(state, run.flowId) : null;
    },
  ],
  (exists, snapshot, current): RunFlowChange | null => (exists ? runFlowChange(snapshot, current) : null),
);
