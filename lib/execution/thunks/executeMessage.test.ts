// The engine end to end: real store, real OpenAI client, fake-indexeddb, and the local fake server.
import { afterEach, describe, expect, it } from 'vitest';
import {
  chatRequestsSince,
  FAKE_PROVIDER_NAME,
  scenarioPrompt,
  testPrompt,
  useFakeLlmServer,
  useTestEngines,
  waitFor,
  words,
  type TestEngine,
  type TestEngineOptions,
} from '../../../tests/unit/helpers/testEngine';
import { deltasReceived, streamFinished, usageReceived } from '../../streaming/streamingSlice';
import type { Prompt } from '../../types';
import { activePath, versionsOf } from '../conversation/conversationTree';
import { loadStreamedTask } from '../services/runPersistence';
import { executeMessage } from './executeMessageThunk';
import { retryLastMessage } from './retryMessageThunk';
import { startPromptInstance, type StartInstanceArgs } from './startInstanceThunk';
import { stopInstance } from './stopInstanceThunk';

const server = useFakeLlmServer();
const newEngine = useTestEngines(() => server().url);
afterEach(() => {
  server().setScenario(null);
});

const setup = (prompts: Prompt[], options: Partial<TestEngineOptions> = {}) => newEngine({ prompts, ...options });

async function start(e: TestEngine, args: StartInstanceArgs) {
  return e.store.dispatch(startPromptInstance(args)).unwrap();
}

async function run(e: TestEngine, instanceId: string, userInput?: string) {
  return e.store.dispatch(executeMessage({ instanceId, userInput })).unwrap();
}

const PRICE = { inputPerMillion: 3, outputPerMillion: 15 };

describe('executeMessage: the answer', () => {
  it('streams the echo answer into the conversation; the server got the resolved template', async () => {
    const e = await setup([testPrompt()], {
      scoped: [
        { scope: 'user', name: 'user_name', value: 'Ada' },
        { scope: 'user', name: 'org_name', value: 'Ada’s own org' },
        { scope: 'org', name: 'org_name', value: 'Acme' },
        { scope: 'project', name: 'audience', value: 'the whole project' },
      ],
    });
    const from = server().requests.length;
    const id = await start(e, {
      promptId: 'p-test',
      variables: { audience: 'children' },
      page: { selection: 'Photosynthesis  makes sugar.', title: 'Bio', url: 'https://bio.test/' },
    });
    expect(e.instance(id).status).toBe('idle'); // auto_run is off in this prompt

    const result = await run(e, id);
    expect(result.outcome).toBe('completed');

    const [request] = chatRequestsSince(server().requests, from);
    expect(request.body?.model).toBe('echo');
    expect(request.body?.stream).toBe(true);
    expect(request.body?.messages).toEqual([
      { role: 'system', content: 'You help Ada of Acme.' },
      { role: 'user', content: 'Explain to children: Photosynthesis  makes sugar.' },
    ]);

    const instance = e.instance(id);
    expect(instance.status).toBe('completed');
    expect(instance.error).toBeNull();
    expect(instance.title).toBe('Test prompt: Photosynthesis makes sugar.');
    expect(instance.conversation.messages).toHaveLength(1);
    expect(instance.conversation.messages[0]).toMatchObject({
      role: 'assistant',
      content: 'You said: Explain to children: Photosynthesis  makes sugar.',
      taskId: result.taskId,
    });
    expect(instance.conversation.messages[0].metadata?.partial).toBeUndefined();
    expect(instance.execution.currentTaskId).toBeNull();
    expect(e.state().streaming.byTaskId).toEqual({}); // the stream is moved into the conversation
  });

  it('reaches the store in batches: far fewer updates than chunks, and the exact text', async () => {
    const e = await setup([scenarioPrompt('long', 'long-2000')]);
    const id = await start(e, { promptId: 'long' });
    const seen: string[] = [];
    const unsubscribe = e.store.subscribe(() => {
      const taskId = e.state().promptExecution.instances[id]?.execution.currentTaskId;
      const text = taskId ? e.state().streaming.byTaskId[taskId]?.text : undefined;
      if (text !== undefined && text !== seen.at(-1)) seen.push(text);
    });
    const { taskId } = await run(e, id);
    unsubscribe();

    const batches = e.actions.filter((a) => deltasReceived.match(a) && taskId in a.payload);
    expect(batches.length).toBeGreaterThan(0);
    expect(batches.length).toBeLessThan(2000 / 10);
    const expected = words(2000);
    expect(e.instance(id).conversation.messages.at(-1)?.content).toBe(expected);
    // what pages saw while it streamed only ever grew, as prefixes of the answer
    for (let i = 1; i < seen.length; i++) expect(seen[i].startsWith(seen[i - 1])).toBe(true);
    for (const text of seen) expect(expected.startsWith(text)).toBe(true);
  });

  it('the whole text is in the store before the usage and the finish (so the last words travel with them)', async () => {
    const e = await setup([scenarioPrompt('echo', 'echo')], { services: { streamFlushMs: 60_000 } });
    const id = await start(e, { promptId: 'echo' });
    const { taskId } = await run(e, id);
    const types = e.actions.map((a) => a.type);
    const lastText = e.actions.findLastIndex((a) => deltasReceived.match(a) && taskId in a.payload);
    expect(lastText).toBeGreaterThanOrEqual(0);
    expect(lastText).toBeLessThan(types.indexOf(usageReceived.type));
    expect(lastText).toBeLessThan(types.indexOf(streamFinished.type));
  });

  it('stats: time to first token, tokens from the usage, cost from the price table', async () => {
    const e = await setup([scenarioPrompt('slowfirst', 'slow-first-300')], { prices: { 'slow-first-300': PRICE } });
    const from = server().requests.length;
    const id = await start(e, { promptId: 'slowfirst' });
    await run(e, id);

    const [request] = chatRequestsSince(server().requests, from);
    // the fake server's documented usage: ceil(chars of all messages / 4) in, one token per chunk out
    const promptTokens = Math.ceil((request.body?.messages ?? []).reduce((n, m) => n + String(m.content).length, 0) / 4);
    const completionTokens = 20;
    const stats = e.instance(id).execution.lastMessageStats!;
    expect(stats.timeToFirstToken).toBeGreaterThanOrEqual(295);
    expect(stats.timeToFirstToken).toBeLessThan(3000);
    expect(stats.totalTime).toBeGreaterThanOrEqual(stats.timeToFirstToken!);
    expect(e.instance(id).execution.timeToFirstToken).toBe(stats.timeToFirstToken);
    expect(stats).toMatchObject({ promptTokens, completionTokens, tokens: promptTokens + completionTokens, model: 'slow-first-300' });
    expect(stats.cost).toBeCloseTo((promptTokens * PRICE.inputPerMillion + completionTokens * PRICE.outputPerMillion) / 1e6, 12);
    expect(e.instance(id).runTracking.totalTokens).toBe(promptTokens + completionTokens);
    expect(e.instance(id).runTracking.totalCost).toBeCloseTo(stats.cost!, 12);
  });

  it('a model without a price gets tokens but no cost', async () => {
    const e = await setup([scenarioPrompt('echo', 'echo')], { prices: { 'gpt-4o': PRICE } });
    const id = await start(e, { promptId: 'echo' });
    await run(e, id);
    const stats = e.instance(id).execution.lastMessageStats!;
    expect(stats.tokens).toBeGreaterThan(0);
    expect(stats.cost).toBeUndefined();
    expect(e.instance(id).runTracking.totalCost).toBe(0);
  });
});

describe('executeMessage: persistence', () => {
  it('saves instance, task and run when the answer is complete; a follow-up adds to the same run', async () => {
    const e = await setup([scenarioPrompt('echo', 'echo')], { prices: { echo: PRICE } });
    const id = await start(e, { promptId: 'echo' });
    const first = await run(e, id);
    const second = await run(e, id, 'Tell me about zebras');

    const instance = e.instance(id);
    const row = await e.db.instances.get(id);
    expect(row?.open).toBe(1);
    expect(row?.status).toBe('completed');
    expect(row?.conversation.messages.map((m) => [m.role, m.content])).toEqual([
      ['assistant', 'You said: Question for echo'],
      ['user', 'Tell me about zebras'],
      ['assistant', 'You said: Tell me about zebras'],
    ]);
    expect(row?.words).toEqual(expect.arrayContaining(['zebras', 'question']));

    const runId = instance.runId!;
    expect(runId).toBeTruthy();
    expect(e.state().promptExecution.instancesByRunId[runId]).toBe(id);
    const tasks = await e.db.tasks.where('instanceId').equals(id).sortBy('createdAt');
    expect(tasks.map((t) => t.taskId)).toEqual([first.taskId, second.taskId]);
    for (const task of tasks) {
      expect(task).toMatchObject({ status: 'completed', error: null, runId, providerId: 'fake', model: 'echo' });
      expect(task.promptTokens).toBeGreaterThan(0);
      expect(task.completionTokens).toBeGreaterThan(0);
      expect(task.duration).toBeGreaterThanOrEqual(task.timeToFirstToken!);
      expect(task.cost).toBeCloseTo((task.promptTokens! * PRICE.inputPerMillion + task.completionTokens! * PRICE.outputPerMillion) / 1e6, 12);
    }
    expect(tasks[1].output).toBe('You said: Tell me about zebras');

    const runRow = await e.db.runs.get(runId);
    const tokenSum = tasks.reduce((n, t) => n + t.promptTokens! + t.completionTokens!, 0);
    expect(runRow).toMatchObject({ instanceId: id, sourceType: 'prompt', sourceId: 'echo', totalTokens: tokenSum });
    expect(runRow!.totalCost).toBeCloseTo(tasks[0].cost! + tasks[1].cost!, 12);
    expect(instance.runTracking.totalTokens).toBe(tokenSum);
    expect(await e.db.runs.count()).toBe(1);
  });

  it('saves the answer while it streams', async () => {
    const e = await setup([scenarioPrompt('slow', 'slow-40-50')]);
    const id = await start(e, { promptId: 'slow' });
    const running = run(e, id);
    await waitFor(() => !!e.state().promptExecution.instances[id]?.execution.currentTaskId, 'the task to start');
    const taskId = e.instance(id).execution.currentTaskId!;

    let saved = '';
    await waitFor(async () => (saved = (await loadStreamedTask(e.db, (await e.db.tasks.get(taskId))!)).output) !== '', 'a saved partial output');
    // still streaming: the save came before the end
    expect(e.instance(id).status).toBe('streaming');
    expect(saved.length).toBeLessThan(words(40).length);
    expect(words(40).startsWith(saved)).toBe(true);
    expect((await e.db.tasks.get(taskId))?.status).toBe('running');

    await e.store.dispatch(stopInstance({ instanceId: id })); // no need to wait two seconds for the rest
    expect((await running).outcome).toBe('stopped');
  });
});

describe('executeMessage: failures', () => {
  it('401: error state of kind auth naming the provider, no answer, task marked error', async () => {
    const e = await setup([scenarioPrompt('p401', 'error-401')], { apiKey: 'sk-test-very-secret-key-0123456789' });
    const id = await start(e, { promptId: 'p401' });
    const result = await run(e, id);
    expect(result.outcome).toBe('error');
    const instance = e.instance(id);
    expect(instance.status).toBe('error');
    expect(instance.error?.kind).toBe('auth');
    expect(instance.error?.message).toContain(FAKE_PROVIDER_NAME);
    expect(instance.conversation.messages).toEqual([]);
    // the server echoed the key in its error: it must not reach the store
    expect(JSON.stringify(e.state())).not.toContain('very-secret-key');
    expect(await e.db.tasks.get(result.taskId)).toMatchObject({ status: 'error', error: instance.error?.message });
  });

  it('429: error of kind rate-limit', async () => {
    const e = await setup([scenarioPrompt('p429', 'error-429')]);
    const id = await start(e, { promptId: 'p429' });
    await run(e, id);
    expect(e.instance(id).status).toBe('error');
    expect(e.instance(id).error?.kind).toBe('rate-limit');
  });

  it.each([
    ['midstream-error', 'stream-error'],
    ['broken', 'stream-error'],
  ])('%s: the text before the failure is kept as an assistant message marked partial error', async (scenario, kind) => {
    const e = await setup([scenarioPrompt('p', scenario)]);
    const id = await start(e, { promptId: 'p' });
    const { taskId } = await run(e, id);
    const instance = e.instance(id);
    expect(instance.status).toBe('error');
    expect(instance.error?.kind).toBe(kind);
    expect(instance.error?.message).toBeTruthy();
    expect(instance.conversation.messages).toEqual([
      expect.objectContaining({ role: 'assistant', content: words(3), taskId, metadata: expect.objectContaining({ partial: 'error' }) }),
    ]);
    expect(await e.db.tasks.get(taskId)).toMatchObject({ status: 'error', output: words(3) });
    expect((await e.db.instances.get(id))?.conversation.messages[0].metadata?.partial).toBe('error');
  });

  it('a missing variable rejects before any request or task, listing the names', async () => {
    const e = await setup([testPrompt()], { scoped: [{ scope: 'user', name: 'user_name', value: 'Ada' }] });
    const from = server().requests.length;
    const id = await start(e, { promptId: 'p-test', page: { selection: 'text' } });
    // unwrap() rejects with the thunk's serialised error
    const error = (await run(e, id).catch((err: unknown) => err)) as { name: string; message: string };
    expect(error.name).toBe('EngineError');
    expect(error.message).toContain('{{org_name}}');
    expect(error.message).toContain('{{audience}}');
    const instance = e.instance(id);
    expect(instance.error?.kind).toBe('missing-variables');
    expect(instance.error?.missingVariables).toEqual(['org_name', 'audience']);
    expect(instance.status).toBe('idle');
    expect(server().requests.length).toBe(from);
    expect(await e.db.tasks.count()).toBe(0);
    expect(await e.db.runs.count()).toBe(0);
  });

  it('without any provider: rejects with no-provider and sends nothing', async () => {
    const e = await setup([scenarioPrompt('echo', 'echo', { settings: { providerId: 'gone', model: 'echo' } })]);
    const from = server().requests.length;
    const id = await start(e, { promptId: 'echo' });
    await expect(run(e, id)).rejects.toMatchObject({ name: 'EngineError', message: expect.stringContaining('No provider') });
    expect(e.instance(id).error?.kind).toBe('no-provider');
    expect(server().requests.length).toBe(from);
  });
});

describe('executeMessage: stop, retry, busy', () => {
  it('stop aborts the HTTP request and keeps the answer so far, marked stopped', async () => {
    const e = await setup([scenarioPrompt('hang', 'hang')]);
    const from = server().requests.length;
    const id = await start(e, { promptId: 'hang' });
    const running = run(e, id);
    await waitFor(() => e.state().promptExecution.instances[id]?.status === 'streaming', 'the first chunk');
    await waitFor(() => {
      const taskId = e.state().promptExecution.instances[id]?.execution.currentTaskId;
      return !!taskId && e.state().streaming.byTaskId[taskId]?.text === 'Thinking';
    }, 'the first chunk in the store');

    expect(await e.store.dispatch(stopInstance({ instanceId: id })).unwrap()).toBe(true);
    const result = await running;
    expect(result.outcome).toBe('stopped');
    const [request] = chatRequestsSince(server().requests, from);
    await waitFor(() => request.aborted, 'the server to see the request aborted');

    const instance = e.instance(id);
    expect(instance.status).toBe('completed');
    expect(instance.error).toBeNull();
    expect(instance.conversation.messages).toEqual([
      expect.objectContaining({ role: 'assistant', content: 'Thinking', metadata: expect.objectContaining({ partial: 'stopped' }) }),
    ]);
    expect(await e.db.tasks.get(result.taskId)).toMatchObject({ status: 'stopped', output: 'Thinking' });
    // stopping an instance with nothing running says so
    expect(await e.store.dispatch(stopInstance({ instanceId: id })).unwrap()).toBe(false);
  });

  it('retry answers again beside the last answer (partial or complete), sending the same messages; the earlier versions stay', async () => {
    const e = await setup([scenarioPrompt('echo', 'echo')]);
    const id = await start(e, { promptId: 'echo' });
    await run(e, id);
    await run(e, id, 'second question');
    server().setScenario('midstream-error');
    await run(e, id, 'third question');
    expect(e.instance(id).status).toBe('error');
    const failed = e.instance(id).conversation.messages.at(-1)!;
    expect(failed.metadata?.partial).toBe('error');

    server().setScenario(null);
    const from = server().requests.length;
    const retried = await e.store.dispatch(retryLastMessage({ instanceId: id })).unwrap();
    expect(retried.outcome).toBe('completed');
    const path = () => activePath(e.instance(id).conversation);
    expect(path().map((m) => [m.role, m.content])).toEqual([
      ['assistant', 'You said: Question for echo'],
      ['user', 'second question'],
      ['assistant', 'You said: second question'],
      ['user', 'third question'],
      ['assistant', 'You said: third question'],
    ]);
    expect(e.instance(id).status).toBe('completed');
    expect(e.instance(id).error).toBeNull();
    const [request] = chatRequestsSince(server().requests, from);
    expect(request.body?.messages?.map((m) => m.content)).toEqual([
      'Question for echo',
      'You said: Question for echo',
      'second question',
      'You said: second question',
      'third question',
    ]);
    // the failed answer is version 1 of 2 of that turn, saved
    expect(versionsOf(e.instance(id).conversation, path().at(-1)!.id)).toMatchObject({ index: 2, count: 2, previousId: failed.id });
    const saved = await e.db.instances.get(id);
    expect(saved?.conversation.messages).toHaveLength(6);

    // retrying a complete answer adds a third version
    await e.store.dispatch(retryLastMessage({ instanceId: id })).unwrap();
    expect(path()).toHaveLength(5);
    expect(versionsOf(e.instance(id).conversation, path().at(-1)!.id)).toMatchObject({ index: 3, count: 3 });
  });

  it('two sends in the same tick (double click): one runs, the other is refused; nothing leaks', async () => {
    const e = await setup([scenarioPrompt('echo', 'echo', { executionConfig: { ...testPrompt().executionConfig, auto_run: true } })]);
    const from = server().requests.length;
    const id = await start(e, { promptId: 'echo' });
    // Send right after the auto run was dispatched
    await expect(run(e, id, 'too early')).rejects.toMatchObject({ message: expect.stringContaining('still streaming') });
    await e.settled();
    expect(chatRequestsSince(server().requests, from)).toHaveLength(1);

    const results = await Promise.allSettled([run(e, id, 'one'), run(e, id, 'two')]);
    await e.settled();
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect(chatRequestsSince(server().requests, from)).toHaveLength(2);
    expect(e.instance(id).conversation.messages.map((m) => m.content)).toEqual(['You said: Question for echo', 'one', 'You said: one']);
    expect(e.state().streaming.byTaskId).toEqual({});
    expect((await e.db.tasks.toArray()).map((t) => t.status)).toEqual(['completed', 'completed']);

    // and the instance is free again afterwards
    await run(e, id, 'three');
    expect(e.instance(id).conversation.messages.at(-1)?.content).toBe('You said: three');
  });

  it('refuses a second message while one is streaming, and an empty follow-up', async () => {
    const e = await setup([scenarioPrompt('hang', 'hang'), scenarioPrompt('echo', 'echo')]);
    const id = await start(e, { promptId: 'hang' });
    const running = run(e, id);
    await waitFor(() => e.state().promptExecution.instances[id]?.status === 'streaming', 'streaming');
    await expect(run(e, id, 'again')).rejects.toThrow(/still streaming/);
    await e.store.dispatch(stopInstance({ instanceId: id }));
    await running;

    const other = await start(e, { promptId: 'echo' });
    await run(e, other);
    await expect(run(e, other, '   ')).rejects.toThrow(/Type a message/);
  });
});

describe('executeMessage: concurrent instances', () => {
  const paced = useFakeLlmServer({ chunkDelayMs: 25 });

  it('several instances of the same and different prompts stream at once, each getting its own answer', async () => {
    const e = await newEngine({
      serverUrl: paced().url,
      prompts: [
        scenarioPrompt('A', 'echo', { messages: [{ role: 'user', content: 'A asks about {{selection}}' }] }),
        scenarioPrompt('B', 'echo', { messages: [{ role: 'user', content: 'B wonders about {{selection}}' }] }),
        scenarioPrompt('S', 'slow-20-20'),
      ],
    });
    const specs = [
      { promptId: 'A', selection: 'apples' },
      { promptId: 'A', selection: 'apricots' },
      { promptId: 'B', selection: 'bananas' },
      { promptId: 'B', selection: 'blueberries' },
      { promptId: 'A', selection: 'avocados' },
      { promptId: 'S', selection: '' },
      { promptId: 'S', selection: '' },
    ];
    const ids = await Promise.all(specs.map((s) => start(e, { promptId: s.promptId, page: { selection: s.selection } })));
    expect(new Set(ids).size).toBe(specs.length);
    expect(e.state().promptExecution.instancesByPromptId.A).toHaveLength(3);

    let maxConcurrent = 0;
    const unsubscribe = e.store.subscribe(() => {
      maxConcurrent = Math.max(maxConcurrent, Object.keys(e.state().streaming.byTaskId).length);
    });
    const results = await Promise.all(ids.map((id) => run(e, id)));
    unsubscribe();

    expect(results.map((r) => r.outcome)).toEqual(specs.map(() => 'completed'));
    expect(new Set(results.map((r) => r.taskId)).size).toBe(specs.length);
    specs.forEach((spec, i) => {
      const expected = spec.promptId === 'S' ? words(20) : `You said: ${spec.promptId === 'A' ? 'A asks about' : 'B wonders about'} ${spec.selection}`;
      const messages = e.instance(ids[i]).conversation.messages;
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({ content: expected, taskId: results[i].taskId });
      expect(e.instance(ids[i]).status).toBe('completed');
    });
    expect(maxConcurrent).toBe(specs.length);
    // one batch carried text for several streams
    expect(e.actions.some((a) => deltasReceived.match(a) && Object.keys(a.payload).length > 1)).toBe(true);
    expect(await e.db.tasks.where('status').equals('completed').count()).toBe(specs.length);
  });
});
