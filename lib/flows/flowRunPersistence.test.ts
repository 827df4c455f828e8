// Flow runs in the database: saved while they run, recovered after a worker restart, resumed.
import Dexie from 'dexie';
import { afterAll, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../../tests/support/fakeLlmServer.mjs';
import { action, flow, step, useFlowEngines } from '../../tests/unit/helpers/flowTestEngine';
import { sleep, useFakeLlmServer, waitFor, words } from '../../tests/unit/helpers/testEngine';
import type { TaskChunkRow } from '../db/database';
import { actionPieceKey } from './actionPieces';
import { pageContextReported } from '../page/pageSlice';
import { hydrateStore } from '../store/hydrateStore';
import { firstUnfinishedStep, INTERRUPTED_ERROR, interruptFlowRun } from './flowRunPersistence';
import type { FlowRun } from './flowTypes';
import { pendingAction } from './flowRunsSlice';

const server = useFakeLlmServer();
const engine = useFlowEngines(() => server().url);
afterAll(async () => {
  // every engine deleted its database
  expect((await Dexie.getDatabaseNames()).filter((n) => n.startsWith('flows-'))).toEqual([]);
});

const chatRequests = (from = 0) =>
  server()
    .requests.slice(from)
    .filter((r) => r.path === '/v1/chat/completions');
const userText = (r: RecordedRequest) => String((r.body?.messages?.at(-1)?.content as string | undefined) ?? '');

describe('flow runs in the database', () => {
  it('while an action streams, its text is saved as append-only pieces and the run row only at status changes; at the end the row holds it and the pieces go', async () => {
    const e = await engine();
    const flowId = await e.saveFlow(flow('f', [step([action('a', 'slow-20-25', 'A')])]));
    let rowWrites = 0;
    e.db.flowRuns.hook('creating', () => void rowWrites++);
    e.db.flowRuns.hook('updating', () => void rowWrites++);
    const pieces: TaskChunkRow[] = [];
    e.db.taskChunks.hook('creating', (_key, piece) => void pieces.push({ ...piece }));
    const runner = e.runner();
    const done = runner.runFlow(flowId);
    const runId = runner.runId!;
    const key = actionPieceKey(runId, 0, 0);
    // saved at once, before any answer
    await waitFor(async () => (await e.db.flowRuns.get(runId)) !== undefined, 'the first save');

    await waitFor(async () => (await e.db.taskChunks.where('taskId').equals(key).count()) >= 2, 'pieces saved while it streams');
    const stored = await e.db.taskChunks.where('taskId').equals(key).sortBy('seq');
    expect(stored.map((p) => p.seq)).toEqual(stored.map((_p, i) => i));
    const partial = stored.map((p) => p.text).join('');
    expect(words(20).startsWith(partial)).toBe(true);
    expect(partial).not.toBe(words(20));
    // the row was not rewritten for the streamed text
    expect((await e.db.flowRuns.get(runId))?.steps[0].actions[0].output).toBe('');
    expect(e.run(runId).status).toBe('running');

    expect(await done).toBe('completed');
    await runner.flushed();
    expect(await e.db.flowRuns.get(runId)).toEqual(e.run(runId));
    expect(e.run(runId).steps[0].actions[0].output).toBe(words(20));
    // each piece holds only new text: together, in order, the answer's start, nothing repeated
    expect(pieces.every((p) => p.taskId === key)).toBe(true);
    expect(words(20).startsWith(pieces.map((p) => p.text).join(''))).toBe(true);
    expect(await e.db.taskChunks.where('taskId').equals(key).count()).toBe(0);
    // the row: created at the start, then the step's start, the action's end, the step's end, the run's end
    expect(rowWrites).toBe(5);

    // the history lists it
    const { runs } = await e.handlers['cmd/flows/listRuns']({ flowId, offset: 0, limit: 10 });
    expect(runs).toEqual([expect.objectContaining({ runId, flowId, status: 'completed', actionCount: 1, failedCount: 0 })]);
  });

  it('after a worker restart a running run is interrupted, its action’s output rebuilt from the pieces (all it had received until 250 ms before the stop), and cmd/flows/resume runs it from its failed step', async () => {
    const old = await engine();
    old.store.dispatch(pageContextReported({ tabId: 1, title: 'T', url: 'https://example.test/', selection: 'the selection', updatedAt: 1 }));
    // step 2 streams 3,000 chunks over 3 s: the worker is stopped in the middle of it
    const flowId = await old.saveFlow(
      flow('f', [
        step([action('a', 'echo', 'A'), action('b', 'echo', 'B')]),
        step([action('c', 'timed-3000-3000', 'C {{outputs.a}} / {{outputs.b}} / {{selection}}')]),
      ]),
    );
    const { runId } = await old.handlers['cmd/flows/run']({ flowId, usePage: true });
    // what the old worker had received of step 2's answer, and when (its store, 20 ms behind the stream)
    const received: Array<{ at: number; text: string }> = [];
    old.store.subscribe(() => {
      const text = old.state().flowRuns.byId[runId]?.steps[1]?.actions[0]?.output ?? '';
      if (text !== (received.at(-1)?.text ?? '')) received.push({ at: Date.now(), text });
    });
    const streaming = () => server().requests.find((r) => r.body?.model === 'timed-3000-3000');
    await waitFor(() => (streaming()?.sentAt.length ?? 0) > 0, 'step 2 to stream');
    const firstChunkAt = streaming()!.sentAt[0];
    await sleep(firstChunkAt + 700 - Date.now());
    const step1Requests = chatRequests().filter((r) => userText(r) === 'A' || userText(r) === 'B').length;

    // the browser stops the worker: no more saves, no more streams
    const stoppedAt = Date.now();
    old.kill();
    const sentBeforeStop = streaming()!.sentAt.filter((at) => at <= stoppedAt).length;
    expect(sentBeforeStop).toBeLessThan(3000);
    // The browser test (interruptedFlowAction.spec.ts) checks against what the server sent; here, on
    // a CPU the test server shares in one process, against what the worker had received.
    const mustKeep = [...received].reverse().find((r) => r.at <= stoppedAt - 250)?.text ?? '';
    expect(mustKeep.length).toBeGreaterThan(100);

    const next = await engine({ dbName: old.dbName });
    const before = await next.db.flowRuns.get(runId);
    expect(before?.status).toBe('running');
    expect(before!.steps[1].actions[0].output).toBe(''); // the row was saved when step 2 started, not since

    await next.store.dispatch(hydrateStore()).unwrap();
    const run = next.run(runId);
    expect(run.status).toBe('interrupted');
    expect(run.steps.map((s) => s.status)).toEqual(['completed', 'failed']);
    expect(run.steps[0].actions.map((a) => [a.status, a.output])).toEqual([
      ['completed', 'You said: A'],
      ['completed', 'You said: B'],
    ]);
    const recovered = run.steps[1].actions[0];
    expect(recovered).toMatchObject({ status: 'failed', error: INTERRUPTED_ERROR, streamingOutput: false });
    const numbers = [...recovered.output.matchAll(/\bword(\d+)\b/g)].map((m) => Number(m[1]));
    expect(
      numbers.every((n, i) => n === i),
      'the words in order, none missing or repeated',
    ).toBe(true);
    expect(recovered.output.startsWith(mustKeep), 'all it had received until 250 ms before the stop').toBe(true);
    expect(numbers.length).toBeLessThanOrEqual(sentBeforeStop);
    // saved so, and the pieces are gone
    expect((await next.db.flowRuns.get(runId))?.steps[1].actions[0]).toEqual(recovered);
    expect((await next.db.flowRuns.get(runId))?.status).toBe('interrupted');
    expect(await next.db.taskChunks.count()).toBe(0);

    const from = server().requests.length;
    expect(await next.handlers['cmd/flows/resume']({ runId })).toEqual({ runId });
    await waitFor(() => next.run(runId).status === 'completed', 'the resumed run to complete', 10_000);
    // only the failed step ran again, with step 1's outputs and the run's page selection
    expect(chatRequests(from).map(userText)).toEqual(['C You said: A / You said: B / the selection']);
    expect(chatRequests().filter((r) => userText(r) === 'A' || userText(r) === 'B')).toHaveLength(step1Requests);
    const resumed = next.run(runId);
    expect(resumed.steps.map((s) => s.status)).toEqual(['completed', 'completed']);
    expect(resumed.steps[1].actions[0]).toMatchObject({ status: 'completed', output: words(3000), error: null });
    expect(next.state().flowRuns.order).toEqual([runId]);
    expect(next.actions.filter((a) => a.type === 'flowRuns/startStepRun').map((a) => a.payload.stepIndex)).toEqual([1]);
    expect(next.actions.some((a) => a.type === 'flowRuns/startRun')).toBe(false);
    await waitFor(async () => (await next.db.flowRuns.get(runId))?.status === 'completed', 'the resumed run saved');
  }, 30_000);
});

describe('a failing save', () => {
  it('shows on the run (and once in its log) instead of being swallowed; the next good save clears it and writes the whole run', async () => {
    const e = await engine();
    const flowId = await e.saveFlow(flow('f', [step([action('a', 'slow-20-25', 'A')]), step([action('b', 'echo', 'B')])]));
    // The database refuses every change to a saved run, as a full disk does (QuotaExceededError).
    let diskFull = true;
    e.db.flowRuns.hook('updating', () => {
      if (diskFull) throw new DOMException('The disk is full.', 'QuotaExceededError');
    });
    const runner = e.runner();
    const done = runner.runFlow(flowId);
    const runId = runner.runId!;
    await waitFor(() => e.run(runId).saveError !== undefined, 'the save error on the run');
    expect(e.run(runId).saveError).toBe('The disk is full.');
    expect(e.run(runId).status).toBe('running'); // the run itself goes on

    await waitFor(() => e.run(runId).steps[0].status === 'completed', 'step 1');
    expect(e.run(runId).saveError).toBe('The disk is full.');
    expect(e.run(runId).logs.filter((l) => l.message === 'Could not save this run: The disk is full.')).toHaveLength(1);
    expect((await e.db.flowRuns.get(runId))?.steps[0].status).toBe('pending'); // only the first save (at the start) got in

    diskFull = false;
    expect(await done).toBe('completed');
    await runner.flushed();
    expect(e.run(runId).saveError).toBeUndefined();
    const saved = await e.db.flowRuns.get(runId);
    expect(saved).toEqual(e.run(runId));
    expect(saved && 'saveError' in saved).toBe(false);
    expect(saved?.logs.some((l) => l.message.startsWith('Could not save this run'))).toBe(true);
  });
});

describe('interruptFlowRun / firstUnfinishedStep', () => {
  const base = (): FlowRun => ({
    runId: 'r',
    flowId: 'f',
    flowName: 'F',
    status: 'running',
    inputs: {},
    steps: [
      { stepId: 's1', status: 'completed', actions: [{ ...pendingAction('a1', 'a'), status: 'completed', output: 'done' }] },
      {
        stepId: 's2',
        status: 'running',
        actions: [
          { ...pendingAction('a2', 'b'), status: 'running', output: 'half', streamingOutput: true },
          { ...pendingAction('a3', 'c'), status: 'completed', output: 'full' },
          pendingAction('a4', 'd'),
        ],
      },
      { stepId: 's3', status: 'pending', actions: [pendingAction('a5', 'e')] },
    ],
    logs: [],
    startedAt: 1,
    updatedAt: 2,
    endedAt: null,
  });

  it('fails what was running or pending in the running step, keeps outputs and completed work', () => {
    const run = interruptFlowRun(base(), 99);
    expect(run).toMatchObject({ status: 'interrupted', endedAt: 99, updatedAt: 99 });
    expect(run.steps.map((s) => s.status)).toEqual(['completed', 'failed', 'pending']);
    expect(run.steps[1].actions.map((a) => [a.status, a.output, a.error])).toEqual([
      ['failed', 'half', INTERRUPTED_ERROR],
      ['completed', 'full', null],
      ['failed', '', INTERRUPTED_ERROR],
    ]);
    expect(run.steps[1].actions[0].streamingOutput).toBe(false);
    expect(run.steps[2].actions[0].status).toBe('pending');
    expect(firstUnfinishedStep(run)).toBe(1);
  });

  it('leaves a finished run as it is', () => {
    const done = { ...base(), status: 'completed' as const };
    expect(interruptFlowRun(done, 99)).toBe(done);
    expect(firstUnfinishedStep({ ...done, steps: done.steps.map((s) => ({ ...s, status: 'completed' as const })) })).toBe(3);
  });
});
