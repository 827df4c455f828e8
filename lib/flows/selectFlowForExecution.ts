import { createSelector } from '@reduxjs/toolkit';
import { resolveProvider } from '../execution/services/providerResolver';
import type { RootState } from '../store/rootReducer';
import type { InstanceError, ProviderInfo, Resource, TemplateMessage } from '../types';
import type { Flow, FlowAction, FlowStep } from './flowTypes';

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

export interface FlowForExecution {
  flow: Flow;
  steps: { step: FlowStep; actions: PreparedAction[] }[];
}

const flowIdArg = (_state: RootState, flowId: string) => flowId;

/** Everything a run of the flow needs, joined from flows, actions, prompts, providers and files. */
export const selectFlowForExecution = createSelector(
  [
    (state: RootState, flowId: string) => state.flows.flows.byId[flowId],
    (state: RootState) => state.actions.byId,
    (state: RootState) => state.prompts.byId,
    (state: RootState) => state.providers,
    (state: RootState) => state.files.byId,
    flowIdArg,
  ],
  (flow, actions, prompts, providers, files): FlowForExecution | null => {
    if (!flow) return null;
    const prepare = (actionId: string): PreparedAction => {
      const action = actions[actionId];
      if (!action) {
        const missing: FlowAction = { id: actionId, name: 'missing', promptId: null, messages: [], providerId: null, model: '', fileIds: [] };
        return { action: missing, template: [], provider: null, model: '', resources: [], problem: { kind: 'unknown', message: 'This action no longer exists.' } };
      }
      const prompt = action.promptId ? prompts[action.promptId] : undefined;
      const template = prompt ? prompt.messages : action.messages;
      const settings = {
        providerId: action.providerId ?? prompt?.settings.providerId ?? null,
        model: action.model || prompt?.settings.model || '',
        temperature: action.temperature ?? prompt?.settings.temperature,
        maxTokens: prompt?.settings.maxTokens,
      };
      const target = resolveProvider({ providers }, settings);
      const resources: Resource[] = action.fileIds
        .map((id) => files[id])
        .filter((f) => f !== undefined)
        .map((f) => ({ id: f.id, kind: 'file', title: f.name, source: f.name, text: f.text, size: f.size }));
      let problem: InstanceError | null = 'error' in target ? target.error : null;
      if (action.promptId && !prompt) problem = { kind: 'unknown', message: `Action "${action.name}" uses a prompt that was deleted.` };
      else if (template.length === 0) problem = { kind: 'unknown', message: `Action "${action.name}" has no messages.` };
      return {
        action,
        template,
        provider: 'error' in target ? null : target.provider,
        model: 'error' in target ? '' : target.model,
        temperature: settings.temperature,
        maxTokens: settings.maxTokens,
        resources,
        problem,
      };
    };
    return { flow, steps: flow.steps.map((step) => ({ step, actions: step.actionIds.map(prepare) })) };
  },
);
