// The flow runner against a real store, a fake-indexeddb database and the local fake LLM server.
import Dexie from 'dexie';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../../tests/support/fakeLlmServer.mjs';
import { action, flow, runActions, step, useFlowEngines, type FlowEngine } from '../../tests/unit/helpers/flowTestEngine';
import { sleep, useFakeLlmServer, waitFor, words } from '../../tests/unit/helpers/testEngine';
import { pageContextReported } from '../page/pageSlice';
import { scopedVariableSet } from '../variables/scopedVariablesSlice';
import { FlowRunner } from './flowRunner';
import { runLoaded } from './flowRunsSlice';
import { selectRunFlowChange } from './flowRunSnapshot';
import type { FlowRun } from './flowTypes';
import { selectOutOfDateActions } from './outOfDateActions';

const server = useFakeLlmServer();
const engine = useFlowEngines(() => server().url);
afterEach(() => server().setScenario(null));
afterAll(async () => {
  // every engine deleted its database
  expect((await Dexie.getDatabaseNames()).filter((n) => n.startsWith('flows-'))).toEqual([]);
});

const chatRequests = (from = 0) =>
  server()
    .requests.slice(from)
    .filter((r) => r.path === '/v1/chat/completions');
const lastUserText = (r: RecordedRequest) =>
  String(([...(r.body?.messages ?? [])].reverse().find((m) => m.role === 'user')?.content as string | undefined) ?? '');
const requestFor = (from: number, user: string) => chatRequests(from).filter((r) => lastUserText(r) === user);

/** Fails the test instead of hanging it when a run never ends. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not end within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const RUN_ACTION_TYPES = [
  'flowRuns/startRun',
  'flowRuns/startStepRun',
  'flowRuns/completeStepRun',
  'flowRuns/startActionRun',
  'flowRuns/updateActionOutput',
  'flowRuns/completeActionRun',
  'flowRuns/failActionRun',
  'flowRuns/cancelRun',
  'flowRuns/finishRun',
  'logs/addLog',
];

describe('FlowRunner: the actions it dispatches', () => {
  it('has runFlow/runStep/runAction/cancelExecution and runs a flow through the seed’s flow-runs-slice actions only, in order', async () => {
    const e = await engine();
    const flowId = await e.saveFlow(flow('f', [step([action('a', 'echo', 'A'), action('b', 'echo', 'B')]), step([action('c', 'echo', 'C')])]));
    const runner = e.runner();
    for (const method of ['runFlow', 'runStep', 'runAction', 'cancelExecution'] as const) expect(typeof runner[method]).toBe('function');

    const from = e.actions.length;
    expect(await runner.runFlow(flowId)).toBe('completed');
    const runId = runner.runId!;
    const during = e.actions.slice(from);
    // nothing but flow-runs-slice actions and logs is dispatched by a run
    expect(new Set(during.map((a) => a.type))).toEqual(
      new Set([
        'flowRuns/startRun',
        'flowRuns/startStepRun',
        'flowRuns/completeStepRun',
        'flowRuns/startActionRun',
        'flowRuns/updateActionOutput',
        'flowRuns/completeActionRun',
        'flowRuns/finishRun',
        'logs/addLog',
      ]),
    );
    expect(during.every((a) => a.payload.runId === runId)).toBe(true);

    const seq = runActions(e.actions, runId).filter((a) => a.type !== 'flowRuns/updateActionOutput' && a.type !== 'logs/addLog');
    const key = (a: (typeof seq)[number]) =>
      a.type === 'flowRuns/startRun' || a.type === 'flowRuns/finishRun'
        ? a.type
        : `${a.type}:${a.payload.stepIndex}${a.payload.actionIndex === undefined ? '' : `.${a.payload.actionIndex}`}`;
    const keys = seq.map(key);
    expect(keys[0]).toBe('flowRuns/startRun');
    expect(keys.at(-1)).toBe('flowRuns/finishRun');
    expect(seq.at(-1)!.payload.status).toBe('completed');
    // step 1: start, both actions start before either completes is not guaranteed, but all of them sit between the step's start and end
    const pos = (k: string) => {
      const i = keys.indexOf(k);
      expect(i, k).toBeGreaterThanOrEqual(0);
      return i;
    };
    for (const [s, actionsOfStep] of [
      [0, [0, 1]],
      [1, [0]],
    ] as const) {
      for (const a of actionsOfStep) {
        expect(pos(`flowRuns/startStepRun:${s}`)).toBeLessThan(pos(`flowRuns/startActionRun:${s}.${a}`));
        expect(pos(`flowRuns/startActionRun:${s}.${a}`)).toBeLessThan(pos(`flowRuns/completeActionRun:${s}.${a}`));
        expect(pos(`flowRuns/completeActionRun:${s}.${a}`)).toBeLessThan(pos(`flowRuns/completeStepRun:${s}`));
      }
    }
    expect(pos('flowRuns/completeStepRun:0')).toBeLessThan(pos('flowRuns/startStepRun:1'));
    expect(keys.filter((k) => k === 'flowRuns/startRun')).toHaveLength(1);
    expect(runActions(e.actions, runId).filter((a) => a.type === 'flowRuns/updateActionOutput').length).toBeGreaterThan(0);
    // the run's log lines are kept with it, in the logs slice too
    expect(e.run(runId).logs.map((l) => l.message)).toContain('Action "c" completed.');
    expect(e.state().logs.entries.some((l) => l.runId === runId && l.message === 'Run completed.')).toBe(true);

    const run = e.run(runId);
    expect(run.status).toBe('completed');
    expect(run.steps.map((s) => s.status)).toEqual(['completed', 'completed']);
    expect(run.steps.flatMap((s) => s.actions.map((a) => [a.name, a.status, a.output]))).toEqual([
      ['a', 'completed', 'You said: A'],
      ['b', 'completed', 'You said: B'],
      ['c', 'completed', 'You said: C'],
    ]);
  });
});

describe('FlowRunner: order and parallelism', () => {
  it('runs a step’s actions at the same time, and the next step only once they all ended', async () => {
    const e = await engine();
    const flowId = await e.saveFlow(flow('f', [step([action('a', 'slow-6-40', 'A'), action('b', 'slow-6-40', 'B')]), step([action('c', 'echo', 'C')])]));
    const from = server().requests.length;
    expect(await e.runner().runFlow(flowId)).toBe('completed');

    const call = (user: string) => {
      const c = e.calls.find((x) => x.messages.at(-1)?.content === user);
      expect(c, user).toBeDefined();
      return c!;
    };
    const [a, b, c] = [call('A'), call('B'), call('C')];
    // the two slow answers (~200 ms each) overlap in time
    expect(a.startedAt).toBeLessThan(b.endedAt!);
    expect(b.startedAt).toBeLessThan(a.endedAt!);
    expect(Math.max(a.endedAt!, b.endedAt!) - Math.min(a.startedAt, b.startedAt)).toBeLessThan(a.endedAt! - a.startedAt + (b.endedAt! - b.startedAt));
    // step 2's request goes out after both of step 1 ended
    expect(c.startedAt).toBeGreaterThanOrEqual(Math.max(a.endedAt!, b.endedAt!));
    const order = chatRequests(from).map(lastUserText);
    expect(order.indexOf('C')).toBe(2);

    // the same order in the dispatched actions' times
    const runActs = e.actions.filter((x) => x.type.startsWith('flowRuns/'));
    const at = (type: string, pred: (p: { stepIndex?: number; actionIndex?: number }) => boolean) =>
      runActs.filter((x) => x.type === type && pred(x.payload)).map((x) => x.at);
    const step1Done = Math.max(...at('flowRuns/completeActionRun', (p) => p.stepIndex === 0));
    const step1Starts = at('flowRuns/startActionRun', (p) => p.stepIndex === 0);
    expect(Math.max(...step1Starts)).toBeLessThan(Math.min(...at('flowRuns/completeActionRun', (p) => p.stepIndex === 0)));
    expect(Math.min(...at('flowRuns/startStepRun', (p) => p.stepIndex === 1))).toBeGreaterThanOrEqual(step1Done);
  });
});

describe('FlowRunner: outputs and variables', () => {
  it('a step-2 action receives step-1 outputs, the page selection and a scoped variable (run through cmd/flows/run)', async () => {
    const e = await engine();
    e.store.dispatch(scopedVariableSet({ scope: 'user', name: 'user_name', value: 'Ada' }));
    e.store.dispatch(pageContextReported({ tabId: 1, title: 'A page', url: 'https://example.test/a', selection: 'Hello world', updatedAt: 1 }));
    const flowId = await e.saveFlow(
      flow('f', [
        step([action('summary', 'echo', 'Sum {{selection}}'), action('terms', 'echo', 'Terms of {{ page_title }}')]),
        step([
          {
            ...action('brief', 'echo-all', 'S={{outputs.summary}}\nT={{outputs.terms}}\nSel={{selection}}'),
            messages: [
              { role: 'system' as const, content: 'You help {{user_name}}.' },
              { role: 'user' as const, content: 'S={{outputs.summary}}\nT={{outputs.terms}}\nSel={{selection}}' },
            ],
          },
        ]),
      ]),
    );
    const from = server().requests.length;
    const { runId } = await e.handlers['cmd/flows/run']({ flowId, usePage: true });
    await waitFor(() => e.run(runId).status !== 'running', 'the run to end');
    expect(e.run(runId).status).toBe('completed');
    expect(e.run(runId).inputs).toMatchObject({ selection: 'Hello world', page_title: 'A page', page_url: 'https://example.test/a' });

    const briefRequest = chatRequests(from).find((r) => r.body?.model === 'echo-all');
    expect(briefRequest?.body?.messages).toEqual([
      { role: 'system', content: 'You help Ada.' },
      { role: 'user', content: 'S=You said: Sum Hello world\nT=You said: Terms of A page\nSel=Hello world' },
    ]);
    expect(e.run(runId).steps[1].actions[0].output).toBe(
      'system: You help Ada.\nuser: S=You said: Sum Hello world\nT=You said: Terms of A page\nSel=Hello world',
    );
  });

  it('an action whose variable has no value fails with the missing names, without a request', async () => {
    const e = await engine();
    const flowId = await e.saveFlow(flow('f', [step([action('x', 'echo', 'Use {{nothing_here}}')])]));
    const from = server().requests.length;
    const runner = e.runner();
    expect(await runner.runFlow(flowId)).toBe('failed');
    expect(e.run(runner.runId!).steps[0].actions[0]).toMatchObject({ status: 'failed', error: 'Missing {{nothing_here}}.' });
    expect(chatRequests(from)).toHaveLength(0);
  });
});

describe('FlowRunner: failure', () => {
  it('a failed action fails its step, cancels (and aborts) its sibling, keeps its error, and later steps never start', async () => {
    // hold the failing call until the sibling's request is streaming, so there is something to abort
    const e: FlowEngine = await engine({
      beforeCall: async (r) => {
        if (r.model === 'error-500')
          await waitFor(() => Object.values(e.state().flowRuns.byId).some((run) => run.steps[0].actions[1].output !== ''), 'the sibling to stream');
      },
    });
    const flowId = await e.saveFlow(flow('f', [step([action('bad', 'error-500', 'B'), action('sib', 'hang', 'H')]), step([action('after', 'echo', 'AFTER')])]));
    const from = server().requests.length;
    const runner = e.runner();
    expect(await within(runner.runFlow(flowId), 5000, 'the run')).toBe('failed');
    const runId = runner.runId!;

    const run = e.run(runId);
    expect(run.status).toBe('failed');
    expect(run.endedAt).not.toBeNull();
    expect(run.steps.map((s) => s.status)).toEqual(['failed', 'pending']);
    const [bad, sib] = run.steps[0].actions;
    expect(bad.status).toBe('failed');
    expect(bad.error).toMatch(/server had an error/i);
    expect(sib).toMatchObject({ status: 'canceled', error: null, output: 'Thinking', streamingOutput: false });
    expect(run.steps[1].actions[0].status).toBe('pending');
    // the sibling's HTTP request was aborted; step 2 sent nothing
    await waitFor(() => requestFor(from, 'H')[0]?.aborted ?? false, 'the server to see the abort');
    expect(requestFor(from, 'AFTER')).toHaveLength(0);
    expect(runActions(e.actions, runId).some((a) => a.type === 'flowRuns/startStepRun' && a.payload.stepIndex === 1)).toBe(false);
    expect(
      runActions(e.actions, runId)
        .filter((a) => a.type === 'flowRuns/failActionRun')
        .map((a) => [a.payload.actionIndex, !!a.payload.canceled]),
    ).toEqual([
      [0, false],
      [1, true],
    ]);
    // the error is saved with the run
    await runner.flushed();
    const saved = await e.db.flowRuns.get(runId);
    expect(saved?.steps[0].actions[0]).toMatchObject({ status: 'failed', error: bad.error });
    expect(saved?.status).toBe('failed');
  });

  it('an action that cannot start (deleted prompt) still cancels a sibling, and the run ends', async () => {
    const e = await engine();
    const flowId = await e.saveFlow(
      flow('f', [step([{ ...action('gone', 'echo', ''), promptId: 'deleted-prompt', messages: [] }, action('sib', 'hang', 'H')])]),
    );
    const from = server().requests.length;
    const runner = e.runner();
    expect(await within(runner.runFlow(flowId), 3000, 'the run')).toBe('failed');
    const run = e.run(runner.runId!);
    expect(run.steps[0].status).toBe('failed');
    expect(run.steps[0].actions[0]).toMatchObject({ status: 'failed', error: 'Action "gone" uses a prompt that was deleted.' });
    expect(run.steps[0].actions[1].status).toBe('canceled');
    // the sibling either never went out or was aborted: nothing is left hanging
    await sleep(50);
    expect(requestFor(from, 'H').every((r) => r.aborted)).toBe(true);
  });

  it('with continueOnError the sibling completes and the flow goes on', async () => {
    const e = await engine();
    const flowId = await e.saveFlow(
      flow('f', [
        step([action('bad', 'error-500', 'B'), action('sib', 'slow-5-20', 'S')], { continueOnError: true }),
        step([action('after', 'echo-all', 'got {{outputs.sib}}')]),
      ]),
    );
    const from = server().requests.length;
    const runner = e.runner();
    expect(await runner.runFlow(flowId)).toBe('completed');
    const run = e.run(runner.runId!);
    expect(run.steps.map((s) => s.status)).toEqual(['completed', 'completed']);
    expect(run.steps[0].actions[0].status).toBe('failed');
    expect(run.steps[0].actions[0].error).toMatch(/server had an error/i);
    expect(run.steps[0].actions[1]).toMatchObject({ status: 'completed', output: words(5) });
    expect(requestFor(from, 'S')[0].aborted).toBe(false);
    expect(requestFor(from, `got ${words(5)}`)).toHaveLength(1);
    expect(run.steps[1].actions[0]).toMatchObject({ status: 'completed', output: `user: got ${words(5)}` });
  });
});

describe('FlowRunner: cancel', () => {
  it('aborts every request in flight, marks the run canceled, and dispatches nothing for the run afterwards', async () => {
    const e = await engine();
    const flowId = await e.saveFlow(flow('f', [step([action('h', 'hang', 'H'), action('s', 'slow-200-10', 'S')]), step([action('e', 'echo', 'E')])]));
    const from = server().requests.length;
    const runner = e.runner();
    const done = runner.runFlow(flowId);
    await waitFor(() => !!runner.runId && e.run(runner.runId).steps[0].actions.every((a) => a.output !== ''), 'both actions to stream');
    const runId = runner.runId!;
    await waitFor(async () => (await e.db.taskChunks.count()) > 0, 'pieces of the streamed text');
    runner.cancelExecution();
    expect(await within(done, 3000, 'the canceled run')).toBe('canceled');
    await waitFor(() => requestFor(from, 'H')[0]?.aborted && requestFor(from, 'S')[0]?.aborted, 'the server to see both aborts');
    // a few batcher intervals: a late flush or persist would show up here
    await sleep(100);

    const run = e.run(runId);
    expect(run.status).toBe('canceled');
    expect(run.endedAt).not.toBeNull();
    expect(run.steps.map((s) => s.status)).toEqual(['canceled', 'pending']);
    expect(run.steps[0].actions.map((a) => [a.status, a.streamingOutput])).toEqual([
      ['canceled', false],
      ['canceled', false],
    ]);
    expect(requestFor(from, 'E')).toHaveLength(0);

    const forRun = runActions(e.actions, runId);
    const cancelAt = forRun.findIndex((a) => a.type === 'flowRuns/cancelRun');
    expect(cancelAt).toBeGreaterThan(0);
    expect(forRun.slice(cancelAt + 1).map((a) => a.type)).toEqual([]);
    // nothing else mentioning the run either (after cancelRun in the whole action log)
    const globalCancel = e.actions.findIndex((a) => a.type === 'flowRuns/cancelRun');
    expect(e.actions.slice(globalCancel + 1).filter((a) => JSON.stringify(a.payload ?? {}).includes(runId))).toEqual([]);
    expect(forRun.every((a) => RUN_ACTION_TYPES.includes(a.type))).toBe(true);
    // the canceled run is what the database has
    await runner.flushed();
    expect((await e.db.flowRuns.get(runId))?.status).toBe('canceled');
    // the saved row holds what the canceled actions had; their pieces went with that save
    expect(await e.db.taskChunks.count()).toBe(0);
  });

  it('a cancel right after the run starts (before any request is sent) leaves nothing in flight', async () => {
    const e = await engine();
    const flowId = await e.saveFlow(flow('f', [step([action('h1', 'hang', 'H1'), action('h2', 'hang', 'H2')])]));
    const from = server().requests.length;
    const runner = e.runner();
    const done = runner.runFlow(flowId);
    runner.cancelExecution();
    expect(await within(done, 3000, 'the canceled run')).toBe('canceled');
    await sleep(50);
    // the actions were reading the provider key when the cancel came: no request goes out at all
    expect(e.calls).toEqual([]);
    expect(chatRequests(from)).toEqual([]);
    expect(e.run(runner.runId!).status).toBe('canceled');
  });
});

describe('FlowRunner: re-running', () => {
  it('runAction and runStep on an active run overwrite that run in place; a new runner or runFlow({fresh}) makes a new run', async () => {
    const e = await engine();
    e.store.dispatch(scopedVariableSet({ scope: 'user', name: 'topic', value: 'one' }));
    const flowId = await e.saveFlow(
      flow('f', [step([action('a', 'echo', 'topic {{topic}}'), action('b', 'echo', 'B')]), step([action('c', 'echo-all', 'A={{outputs.a}}')])]),
    );
    const runner = e.runner();
    expect(await runner.runFlow(flowId)).toBe('completed');
    const runId = runner.runId!;
    expect(e.run(runId).steps[1].actions[0].output).toBe('user: A=You said: topic one');
    const bBefore = e.run(runId).steps[0].actions[1];

    e.store.dispatch(scopedVariableSet({ scope: 'user', name: 'topic', value: 'two' }));
    const from = e.actions.length;
    expect(await runner.runAction(flowId, 0, 0)).toBe('completed');
    expect(runner.runId).toBe(runId);
    expect(e.state().flowRuns.order).toEqual([runId]);
    expect(e.run(runId).steps[0].actions[0]).toMatchObject({ status: 'completed', output: 'You said: topic two' });
    // the sibling and the next step were not touched
    expect(e.run(runId).steps[0].actions[1]).toEqual(bBefore);
    expect(e.run(runId).steps[1].actions[0].output).toBe('user: A=You said: topic one');
    const rerun = e.actions.slice(from);
    expect(rerun.some((a) => a.type === 'flowRuns/startRun')).toBe(false);
    expect(rerun.filter((a) => a.type === 'flowRuns/startActionRun').map((a) => [a.payload.runId, a.payload.stepIndex, a.payload.actionIndex])).toEqual([
      [runId, 0, 0],
    ]);

    expect(await runner.runStep(flowId, 1)).toBe('completed');
    expect(e.state().flowRuns.order).toEqual([runId]);
    expect(e.run(runId).steps[1].actions[0].output).toBe('user: A=You said: topic two');
    expect(e.run(runId).status).toBe('completed');

    const snapshot = structuredClone(e.run(runId));
    const other = e.runner();
    expect(await other.runFlow(flowId)).toBe('completed');
    expect(other.runId).not.toBe(runId);
    expect(await runner.runFlow(flowId, { fresh: true })).toBe('completed');
    expect(runner.runId).not.toBe(runId);
    expect(e.state().flowRuns.order).toEqual([runId, other.runId, runner.runId]);
    expect(e.run(runId)).toEqual(snapshot);
    expect(e.actions.filter((a) => a.type === 'flowRuns/startRun')).toHaveLength(3);
  });

  it('cmd/flows/runAction re-runs in place; it is refused while the run is running', async () => {
    const e = await engine();
    const flowId = await e.saveFlow(flow('f', [step([action('a', 'slow-5-20', 'A')])]));
    const { runId } = await e.handlers['cmd/flows/run']({ flowId, usePage: false });
    await expect(e.handlers['cmd/flows/runAction']({ runId, stepIndex: 0, actionIndex: 0 })).rejects.toThrow(/still running/);
    await waitFor(() => e.run(runId).status === 'completed', 'the run');
    const from = server().requests.length;
    await e.handlers['cmd/flows/runAction']({ runId, stepIndex: 0, actionIndex: 0 });
    await waitFor(() => e.run(runId).status === 'completed' && chatRequests(from).length === 1, 'the re-run');
    expect(e.state().flowRuns.order).toEqual([runId]);
    expect(e.run(runId).steps[0].actions[0].output).toBe(words(5));
  });
});

describe('FlowRunner: re-running after the flow was edited', () => {
  const names = (run: FlowRun) => run.steps.map((s) => s.actions.map((a) => a.name));

  it('re-running a step or an action of an old run runs the flow as that run took it: its slots keep their names and messages', async () => {
    const e = await engine();
    const flowId = await e.saveFlow(
      flow('f', [step([action('a', 'echo', 'A1')], { name: 'Read' }), step([action('c', 'echo-all', 'C={{outputs.a}}')], { name: 'Combine' })]),
    );
    const { runId } = await e.handlers['cmd/flows/run']({ flowId, usePage: false });
    await waitFor(() => e.run(runId).status === 'completed', 'the run');
    expect(selectRunFlowChange(e.state(), runId)).toBe('same');

    // The flow is edited: other actions, other names, other messages, steps swapped in meaning.
    await e.saveFlow(flow('f', [step([action('x', 'echo', 'X new')], { name: 'New first' }), step([action('y', 'echo-all', 'Y={{outputs.x}}')])]));
    expect(selectRunFlowChange(e.state(), runId)).toBe('changed');

    let from = server().requests.length;
    await e.handlers['cmd/flows/runStep']({ runId, stepIndex: 0 });
    await waitFor(() => e.run(runId).status === 'completed' && chatRequests(from).length === 1, 'the step re-run');
    expect(chatRequests(from).map(lastUserText)).toEqual(['A1']);
    expect(e.run(runId).steps[0].actions[0]).toMatchObject({ name: 'a', status: 'completed', output: 'You said: A1' });

    from = server().requests.length;
    await e.handlers['cmd/flows/runAction']({ runId, stepIndex: 1, actionIndex: 0 });
    await waitFor(() => e.run(runId).status === 'completed' && chatRequests(from).length === 1, 'the action re-run');
    expect(chatRequests(from).map(lastUserText)).toEqual(['C=You said: A1']);
    expect(names(e.run(runId))).toEqual([['a'], ['c']]);
    expect(e.run(runId).steps.map((s) => s.name)).toEqual(['Read', 'Combine']);
    expect(e.run(runId).steps[1].actions[0].output).toBe('user: C=You said: A1');
    // the snapshot went to the database with the run
    await waitFor(async () => (await e.db.flowRuns.get(runId))?.snapshot?.steps[0].actions[0].template[0].content === 'A1', 'the saved snapshot');

    // "New run with the current flow": the edited flow, on the old run's inputs
    from = server().requests.length;
    const again = await e.handlers['cmd/flows/runAgain']({ runId });
    expect(again.runId).not.toBe(runId);
    await waitFor(() => e.run(again.runId).status === 'completed', 'the new run');
    expect(chatRequests(from).map(lastUserText)).toEqual(['X new', 'Y=You said: X new']);
    expect(names(e.run(again.runId))).toEqual([['x'], ['y']]);
    expect(selectRunFlowChange(e.state(), again.runId)).toBe('same');
  });

  it('a run saved before snapshots (none in its row) re-runs with the current flow while it still fits, and is refused with a clear message once it does not', async () => {
    const e = await engine();
    const flowId = await e.saveFlow(flow('f', [step([action('a', 'echo', 'A1')])]));
    const { runId } = await e.handlers['cmd/flows/run']({ flowId, usePage: false });
    await waitFor(() => e.run(runId).status === 'completed', 'the run');
    const { snapshot: _snapshot, ...legacy } = e.run(runId);
    e.store.dispatch(runLoaded(legacy));
    expect(selectRunFlowChange(e.state(), runId)).toBe('unknown');

    let from = server().requests.length;
    await e.handlers['cmd/flows/runStep']({ runId, stepIndex: 0 });
    await waitFor(() => e.run(runId).status === 'completed' && chatRequests(from).length === 1, 'the re-run');

    await e.saveFlow(flow('f', [step([action('x', 'echo', 'X new')])]));
    from = server().requests.length;
    const actionsBefore = e.actions.length;
    await expect(e.handlers['cmd/flows/runStep']({ runId, stepIndex: 0 })).rejects.toThrow(
      /before Flowbar kept a copy of the flow it ran, and the flow has changed since/,
    );
    await expect(e.handlers['cmd/flows/runAction']({ runId, stepIndex: 0, actionIndex: 0 })).rejects.toThrow(/start a new run/);
    expect(e.actions.slice(actionsBefore).filter((a) => a.type.startsWith('flowRuns/'))).toEqual([]);
    expect(chatRequests(from)).toEqual([]);
    expect(names(e.run(runId))).toEqual([['a']]);
  });

  it('a step or action the run does not have is refused by the command, not dropped', async () => {
    const e = await engine();
    const flowId = await e.saveFlow(flow('f', [step([action('a', 'echo', 'A')])]));
    const { runId } = await e.handlers['cmd/flows/run']({ flowId, usePage: false });
    await waitFor(() => e.run(runId).status === 'completed', 'the run');
    await expect(e.handlers['cmd/flows/runStep']({ runId, stepIndex: 3 })).rejects.toThrow('This run has no step 4.');
    await expect(e.handlers['cmd/flows/runAction']({ runId, stepIndex: 0, actionIndex: 2 })).rejects.toThrow('Step 1 of this run has no action 3.');
  });

  it('after an upstream action is re-run, the later actions that read its output are out of date (transitively) until their step is re-run', async () => {
    const e = await engine();
    const flowId = await e.saveFlow(
      flow('f', [
        step([action('a', 'echo', 'A')]),
        step([action('c', 'echo-all', 'C={{outputs.a}}'), action('d', 'echo', 'D')]),
        step([action('z', 'echo-all', 'Z={{ outputs.c }}')]),
      ]),
    );
    const { runId } = await e.handlers['cmd/flows/run']({ flowId, usePage: false });
    await waitFor(() => e.run(runId).status === 'completed', 'the run');
    expect([...selectOutOfDateActions(e.state(), runId)]).toEqual([]);

    await e.handlers['cmd/flows/runAction']({ runId, stepIndex: 0, actionIndex: 0 });
    await waitFor(() => e.run(runId).status === 'completed' && e.run(runId).steps[0].actions[0].status === 'completed', 'the upstream re-run');
    expect([...selectOutOfDateActions(e.state(), runId)]).toEqual([
      ['1:0', ['a']],
      ['2:0', ['c']],
    ]);
    // their own state still says what they did: completed, with the answer they gave then
    expect(e.run(runId).steps[1].actions[0]).toMatchObject({ status: 'completed', output: 'user: C=You said: A' });

    await e.handlers['cmd/flows/runStep']({ runId, stepIndex: 1 });
    await waitFor(() => e.run(runId).status === 'completed' && e.run(runId).steps[1].status === 'completed', 'step 2 re-run');
    expect([...selectOutOfDateActions(e.state(), runId)]).toEqual([['2:0', ['c']]]);
    await e.handlers['cmd/flows/runStep']({ runId, stepIndex: 2 });
    await waitFor(() => e.run(runId).status === 'completed' && e.run(runId).steps[2].status === 'completed', 'step 3 re-run');
    expect([...selectOutOfDateActions(e.state(), runId)]).toEqual([]);
  });
});

describe('FlowRunner: streaming, stats and cost', () => {
  it('batches streamed text (far fewer updates than chunks), ends with the exact text, and stores duration, tokens and cost', async () => {
    const e = await engine({ prices: { 'long-2000': { inputPerMillion: 3, outputPerMillion: 7 } } });
    const flowId = await e.saveFlow(flow('f', [step([action('long', 'long-2000', 'go'), action('free', 'echo', 'free')])]));
    const runner = new FlowRunner({ dispatch: e.store.dispatch, getState: e.store.getState, services: e.services });
    expect(await runner.runFlow(flowId)).toBe('completed');
    const run = e.run(runner.runId!);
    const [long, free] = run.steps[0].actions;

    const updates = runActions(e.actions, run.runId).filter((a) => a.type === 'flowRuns/updateActionOutput');
    const longDeltas = updates
      .flatMap((u) => u.payload.updates as { stepIndex: number; actionIndex: number; delta: string }[])
      .filter((u) => u.actionIndex === 0);
    expect(longDeltas.length).toBeGreaterThan(0);
    expect(updates.length).toBeLessThan(2000 / 10);
    expect(longDeltas.map((u) => u.delta).join('')).toBe(words(2000));

    expect(long).toMatchObject({
      status: 'completed',
      output: words(2000),
      streamingOutput: false,
      model: 'long-2000',
      promptTokens: 1,
      completionTokens: 2000,
      error: null,
    });
    expect(long.cost).toBeCloseTo((1 * 3 + 2000 * 7) / 1_000_000, 12);
    expect(long.duration).toBeGreaterThan(0);
    expect(long.timeToFirstToken).not.toBeNull();
    expect(long.timeToFirstToken!).toBeLessThanOrEqual(long.duration!);
    // no price for echo: no cost, still tokens
    expect(free).toMatchObject({ status: 'completed', output: 'You said: free', cost: null, completionTokens: 3 });
    expect(free.promptTokens).toBe(1);
  });
});

describe('FlowRunner: how an answer ended goes into the run log', () => {
  it('a cut-off answer, a tool call and a skipped malformed line are logged on the run; the actions complete', async () => {
    const e = await engine();
    const flowId = await e.saveFlow(
      flow('shapes', [
        step([
          action('cut', 'fixture-finish-length-openai', 'A'),
          action('tool', 'fixture-tool-calls-openai', 'B'),
          action('bad', 'fixture-malformed-line-ollama', 'C'),
        ]),
      ]),
    );
    const runner = e.runner();
    expect(await runner.runFlow(flowId)).toBe('completed');
    const logged = e
      .state()
      .logs.entries.filter((l) => l.runId === runner.runId && l.level === 'warn')
      .map((l) => l.message);
    expect(logged).toEqual(
      expect.arrayContaining([
        'Action "cut": Cut off by the token limit.',
        'Action "tool": The model tried to call a tool (get_weather). Flowbar offers no tools, so none ran.',
        expect.stringMatching(/^Action "bad": .+: Skipped a line of the stream that is not valid JSON: /),
      ]),
    );
    const actions = e.state().flowRuns.byId[runner.runId!].steps[0].actions;
    expect(actions.map((a) => a.status)).toEqual(['completed', 'completed', 'completed']);
    expect(actions[2].output).toBe('Grüße aus Köln — 東京 🙂 done.');
  });
});
