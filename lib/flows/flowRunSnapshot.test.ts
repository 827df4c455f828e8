// The snapshot a run keeps of its flow (selectFlowSnapshot), what it runs with (prepareSnapshotAction),
// and whether the flow changed since (runFlowChange).
import { describe, expect, it } from 'vitest';
import { action, flow, step, useFlowEngines } from '../../tests/unit/helpers/flowTestEngine';
import { useFakeLlmServer } from '../../tests/unit/helpers/testEngine';
import { addLog } from '../logs/logsSlice';
import { pageContextReported } from '../page/pageSlice';
import { promptDeleted, promptSaved } from '../prompts/promptsSlice';
import { providersHydrated } from '../providers/providersSlice';
import type { Prompt } from '../types';
import { scopedVariableSet } from '../variables/scopedVariablesSlice';
import { startRun, startStepRun } from './flowRunsSlice';
import { denormalizeFlow } from './flowShape';
import { prepareSnapshotAction, runFlowChange, selectFlowSnapshot, selectRunFlowChange } from './flowRunSnapshot';
import type { RootState } from '../store/rootReducer';

const server = useFakeLlmServer();
const engine = useFlowEngines(() => server().url);

const prompt: Prompt = {
  id: 'pr',
  name: 'A prompt',
  messages: [{ role: 'user', content: 'From the prompt: {{selection}}' }],
  settings: { providerId: null, model: 'prompt-model', temperature: 0.7, maxTokens: 300 },
  executionConfig: { auto_run: false, allow_chat: true, show_variables: false, apply_variables: true, track_in_runs: true },
  createdAt: 1,
  updatedAt: 1,
};

/** What a run of the flow would run now: its snapshot's actions against the current providers and files. */
const prepared = (state: RootState, flowId: string) => {
  const snapshot = selectFlowSnapshot(state, flowId);
  return (
    snapshot && {
      flowName: snapshot.flowName,
      steps: snapshot.steps.map((step) => ({ step, actions: step.actions.map((a) => prepareSnapshotAction(a, state)) })),
    }
  );
};

describe('selectFlowSnapshot and prepareSnapshotAction', () => {
  it('joins flow, actions, prompts, provider and files', async () => {
    const e = await engine();
    e.store.dispatch(promptSaved(prompt));
    const { id: fileId } = await e.handlers['cmd/files/add']({ name: 'notes.txt', text: 'file text' });
    const flowId = await e.saveFlow(
      flow('f', [
        step([
          { ...action('viaPrompt', '', ''), promptId: 'pr', messages: [], providerId: null },
          { ...action('own', 'echo', 'Own {{x}}'), fileIds: [fileId], temperature: 0.1 },
        ]),
      ]),
    );
    const snapshot = selectFlowSnapshot(e.state(), flowId)!;
    expect(snapshot.flowName).toBe('Flow f');
    // the snapshot holds what the flow says: the prompt's messages and model, the action's own
    expect(snapshot.steps[0].actions.map((a) => [a.name, a.template, a.model, a.providerId])).toEqual([
      ['viaPrompt', prompt.messages, 'prompt-model', null],
      ['own', [{ role: 'user', content: 'Own {{x}}' }], 'echo', 'p'],
    ]);
    const [viaPrompt, own] = prepared(e.state(), flowId)!.steps[0].actions;
    expect(viaPrompt).toMatchObject({ template: prompt.messages, model: 'prompt-model', temperature: 0.7, maxTokens: 300, problem: null });
    expect(viaPrompt.provider?.id).toBe('p');
    expect(own).toMatchObject({ template: [{ role: 'user', content: 'Own {{x}}' }], model: 'echo', temperature: 0.1, problem: null });
    expect(own.resources).toEqual([{ id: fileId, kind: 'file', title: 'notes.txt', source: 'notes.txt', text: 'file text', size: 9 }]);
    expect(selectFlowSnapshot(e.state(), 'no-such-flow')).toBeNull();
  });

  it('is memoized: unrelated changes (a log line without a run, the page, scoped variables, runs) do not recompute it', async () => {
    const e = await engine();
    const flowId = await e.saveFlow(flow('f', [step([action('a', 'echo', 'A')])]));
    const first = selectFlowSnapshot(e.state(), flowId);
    const computed = selectFlowSnapshot.recomputations();

    e.store.dispatch(addLog({ level: 'info', message: 'not about a run' }));
    e.store.dispatch(pageContextReported({ tabId: 3, title: 'Other', url: 'https://example.test/other', selection: 'sel', updatedAt: 5 }));
    e.store.dispatch(scopedVariableSet({ scope: 'user', name: 'n', value: 'v' }));
    e.store.dispatch(startRun({ runId: 'r', flowId, flowName: 'F', inputs: {}, steps: [], at: 1 }));
    expect(selectFlowSnapshot(e.state(), flowId)).toBe(first);
    expect(selectFlowSnapshot.recomputations()).toBe(computed);

    // a change it reads does recompute it
    await e.saveFlow(flow('f', [step([action('a', 'echo', 'A changed')])]));
    const second = selectFlowSnapshot(e.state(), flowId);
    expect(second).not.toBe(first);
    expect(second!.steps[0].actions[0].template[0].content).toBe('A changed');
    expect(selectFlowSnapshot.recomputations()).toBe(computed + 1);
  });

  it('reports a deleted prompt and a missing provider or model as the action’s problem, and a run fails on it without a request', async () => {
    const e = await engine();
    e.store.dispatch(promptSaved(prompt));
    const flowId = await e.saveFlow(
      flow('f', [
        step([
          { ...action('viaPrompt', '', ''), promptId: 'pr', messages: [] },
          { ...action('own', 'echo', 'hi'), providerId: null },
        ]),
      ]),
    );
    expect(prepared(e.state(), flowId)!.steps[0].actions.map((a) => a.problem)).toEqual([null, null]);

    e.store.dispatch(promptDeleted('pr'));
    const afterDelete = prepared(e.state(), flowId)!.steps[0].actions;
    expect(afterDelete[0].problem).toEqual({ kind: 'unknown', message: 'Action "viaPrompt" uses a prompt that was deleted.' });
    expect(afterDelete[1].problem).toBeNull();

    e.store.dispatch(providersHydrated({ providers: [], defaultProviderId: null }));
    const noProvider = prepared(e.state(), flowId)!.steps[0].actions;
    expect(noProvider[1]).toMatchObject({ provider: null, problem: { kind: 'no-provider' } });
    expect(noProvider[1].problem!.message).toMatch(/No provider/);

    e.store.dispatch(
      providersHydrated({
        providers: [{ id: 'p', name: 'Fake', baseURL: server().url, defaultModel: '', hasKey: false, createdAt: 1 }],
        defaultProviderId: 'p',
      }),
    );
    const noModel = await e.saveFlow(flow('g', [step([{ ...action('m', '', 'hi') }])]));
    expect(prepared(e.state(), noModel)!.steps[0].actions[0].problem).toEqual({
      kind: 'no-provider',
      message: 'Choose a model for Fake in Options → Providers.',
    });

    const from = server().requests.length;
    const runner = e.runner();
    expect(await runner.runFlow(flowId)).toBe('failed');
    const run = e.run(runner.runId!);
    expect(run.steps[0].actions[0]).toMatchObject({ status: 'failed', error: 'Action "viaPrompt" uses a prompt that was deleted.' });
    expect(server().requests.length).toBe(from);
  });
});

describe('runFlowChange', () => {
  it('is "same" until the flow or a prompt it uses changes (saving it unchanged is no change), "unknown" without a snapshot, "deleted" without the flow', async () => {
    const e = await engine();
    e.store.dispatch(promptSaved(prompt));
    const flowId = await e.saveFlow(flow('f', [step([{ ...action('viaPrompt', 'echo', ''), promptId: 'pr', messages: [] }, action('own', 'echo', 'Own')])]));
    e.store.dispatch(startRun({ runId: 'r', flowId, flowName: 'F', inputs: {}, steps: [], snapshot: selectFlowSnapshot(e.state(), flowId)!, at: 1 }));
    expect(selectRunFlowChange(e.state(), 'r')).toBe('same');

    // saved again as it is (the editor's Save with no edit): a new updatedAt, the same flow
    await e.saveFlow(denormalizeFlow(e.state().flows.flows.byId[flowId], e.state().actions.byId));
    expect(e.state().flows.flows.byId[flowId].updatedAt).toBeGreaterThan(0);
    expect(selectRunFlowChange(e.state(), 'r')).toBe('same');

    e.store.dispatch(promptSaved({ ...prompt, messages: [{ role: 'user', content: 'Edited prompt' }] }));
    expect(selectRunFlowChange(e.state(), 'r')).toBe('changed');
    e.store.dispatch(promptSaved(prompt));
    expect(selectRunFlowChange(e.state(), 'r')).toBe('same');

    const edited = denormalizeFlow(e.state().flows.flows.byId[flowId], e.state().actions.byId);
    edited.steps[0].actions[1] = { ...edited.steps[0].actions[1], model: 'other-model' };
    await e.saveFlow(edited);
    expect(selectRunFlowChange(e.state(), 'r')).toBe('changed');

    expect(runFlowChange(undefined, selectFlowSnapshot(e.state(), flowId))).toBe('unknown');
    expect(runFlowChange(e.run('r').snapshot, null)).toBe('deleted');
    // streaming into the run (or any other change of its states) does not compare the flows again
    const compared = selectRunFlowChange.recomputations();
    e.store.dispatch(startStepRun({ runId: 'r', stepIndex: 0, at: 2 }));
    expect(selectRunFlowChange(e.state(), 'r')).toBe('changed');
    expect(selectRunFlowChange.recomputations()).toBe(compared);
    expect(selectRunFlowChange(e.state(), 'no-such-run')).toBeNull();
  });
});
