// Each executionConfig flag changes what the engine does.
import { describe, expect, it } from 'vitest';
import {
  chatRequestsSince,
  scenarioPrompt,
  sleep,
  testPrompt,
  useFakeLlmServer,
  useTestEngines,
  waitFor,
  type TestEngine,
} from '../../../tests/unit/helpers/testEngine';
import type { ExecutionConfig, Prompt } from '../../types';
import { executeMessage } from './executeMessageThunk';
import { startPromptInstance } from './startInstanceThunk';

const server = useFakeLlmServer();
const newEngine = useTestEngines(() => server().url);

const setup = (prompts: Prompt[]) => newEngine({ prompts, scoped: [{ scope: 'user', name: 'user_name', value: 'Ada' }] });

const echoPrompt = (config: Partial<ExecutionConfig>) =>
  scenarioPrompt('echo', 'echo', {
    messages: [{ role: 'user', content: 'Hello {{user_name}}' }],
    executionConfig: { ...testPrompt().executionConfig, ...config },
  });

const start = (e: TestEngine, promptId: string, executionConfig?: Partial<ExecutionConfig>) =>
  e.store.dispatch(startPromptInstance({ promptId, executionConfig })).unwrap();

describe('auto_run', () => {
  it('on: the first message starts as soon as the instance exists', async () => {
    const e = await setup([echoPrompt({ auto_run: true })]);
    const from = server().requests.length;
    const id = await start(e, 'echo');
    await waitFor(() => e.state().promptExecution.instances[id]?.status === 'completed', 'the auto run to complete');
    expect(chatRequestsSince(server().requests, from)).toHaveLength(1);
    expect(e.instance(id).conversation.messages.map((m) => m.content)).toEqual(['You said: Hello Ada']);
  });

  it('on: the request goes out while the new instance is still being saved (not one database round trip after the other)', async () => {
    const e = await setup([echoPrompt({ auto_run: true })]);
    const from = server().requests.length;
    const instances = e.db.instances;
    const put = instances.put.bind(instances);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let first = true;
    // the instance's first save is slow: written in its place in IndexedDB's order, as any write
    // is, but reported done only when told (issuing it late instead could land it after the
    // completed answer's save, which IndexedDB never does); every later write goes through
    instances.put = ((row: Parameters<typeof put>[0]) => {
      if (!first) return put(row);
      first = false;
      const written = put(row);
      return held.then(() => written);
    }) as typeof instances.put;
    let started = false;
    const command = start(e, 'echo').then((id) => ((started = true), id));
    await waitFor(() => chatRequestsSince(server().requests, from).length === 1, 'the request to go out');
    expect(started).toBe(false); // the command still waits for its save
    release();
    const id = await command;
    await waitFor(() => e.state().promptExecution.instances[id]?.status === 'completed', 'the auto run to complete');
    expect(e.instance(id).conversation.messages.map((m) => m.content)).toEqual(['You said: Hello Ada']);
    expect((await e.db.instances.get(id))?.conversation.messages.map((m) => m.content)).toEqual(['You said: Hello Ada']);
  });

  it('off: the instance waits for executeMessage', async () => {
    const e = await setup([echoPrompt({ auto_run: false })]);
    const from = server().requests.length;
    const id = await start(e, 'echo');
    await sleep(150);
    expect(e.instance(id).status).toBe('idle');
    expect(chatRequestsSince(server().requests, from)).toHaveLength(0);
    expect(await e.db.tasks.count()).toBe(0);

    await e.store.dispatch(executeMessage({ instanceId: id })).unwrap();
    expect(chatRequestsSince(server().requests, from)).toHaveLength(1);
  });

  it('the start argument overrides the prompt’s flag', async () => {
    const e = await setup([echoPrompt({ auto_run: false })]);
    const id = await start(e, 'echo', { auto_run: true });
    await waitFor(() => e.state().promptExecution.instances[id]?.status === 'completed', 'the auto run to complete');
    expect(e.instance(id).executionConfig.auto_run).toBe(true);
  });

  it('on, but with a variable missing: does not run (nothing to send yet)', async () => {
    const e = await setup([
      scenarioPrompt('needs', 'echo', {
        messages: [{ role: 'user', content: '{{nobody_set_this}}' }],
        executionConfig: { ...testPrompt().executionConfig, auto_run: true },
      }),
    ]);
    const from = server().requests.length;
    const id = await start(e, 'needs');
    await sleep(100);
    expect(e.instance(id).status).toBe('idle');
    expect(chatRequestsSince(server().requests, from)).toHaveLength(0);
  });
});

describe('allow_chat', () => {
  it('off: a follow-up is refused with chat-disabled and nothing is sent', async () => {
    const e = await setup([echoPrompt({ allow_chat: false })]);
    const id = await start(e, 'echo');
    await e.store.dispatch(executeMessage({ instanceId: id })).unwrap();
    const from = server().requests.length;
    await expect(e.store.dispatch(executeMessage({ instanceId: id, userInput: 'one more thing' })).unwrap()).rejects.toMatchObject({
      message: expect.stringContaining('Chat is turned off'),
    });
    expect(e.instance(id).error?.kind).toBe('chat-disabled');
    expect(e.instance(id).conversation.messages).toHaveLength(1);
    expect(chatRequestsSince(server().requests, from)).toHaveLength(0);
  });

  it('on: the follow-up is sent after the previous answer', async () => {
    const e = await setup([echoPrompt({ allow_chat: true })]);
    const id = await start(e, 'echo');
    await e.store.dispatch(executeMessage({ instanceId: id })).unwrap();
    const from = server().requests.length;
    await e.store.dispatch(executeMessage({ instanceId: id, userInput: 'one more thing' })).unwrap();
    const [request] = chatRequestsSince(server().requests, from);
    expect(request.body?.messages).toEqual([
      { role: 'user', content: 'Hello Ada' },
      { role: 'assistant', content: 'You said: Hello Ada' },
      { role: 'user', content: 'one more thing' },
    ]);
    expect(e.instance(id).conversation.messages.map((m) => m.content)).toEqual(['You said: Hello Ada', 'one more thing', 'You said: one more thing']);
  });
});

describe('show_variables', () => {
  it('sets instance.ui.showVariables (prompt flag, or the start override)', async () => {
    const e = await setup([
      echoPrompt({ show_variables: true }),
      scenarioPrompt('quiet', 'echo', { executionConfig: { ...testPrompt().executionConfig, show_variables: false } }),
    ]);
    const shown = await start(e, 'echo');
    const hidden = await start(e, 'quiet');
    const overridden = await start(e, 'quiet', { show_variables: true });
    expect(e.instance(shown).ui.showVariables).toBe(true);
    expect(e.instance(hidden).ui.showVariables).toBe(false);
    expect(e.instance(overridden).ui.showVariables).toBe(true);
  });
});

describe('apply_variables', () => {
  it('off: the template is sent literally, braces and all, even with values unset', async () => {
    const template = 'Hello {{user_name}}, about {{ unset_thing }}';
    const e = await setup([
      scenarioPrompt('literal', 'echo', {
        messages: [
          { role: 'system', content: 'S {{user_name}}' },
          { role: 'user', content: template },
        ],
      }),
    ]);
    const id = await start(e, 'literal', { apply_variables: false });
    const from = server().requests.length;
    await e.store.dispatch(executeMessage({ instanceId: id })).unwrap();
    const [request] = chatRequestsSince(server().requests, from);
    expect(request.body?.messages).toEqual([
      { role: 'system', content: 'S {{user_name}}' },
      { role: 'user', content: template },
    ]);
    expect(e.instance(id).conversation.messages[0].content).toBe(`You said: ${template}`);
  });

  it('on: the same template is refused while a variable is unset', async () => {
    const e = await setup([scenarioPrompt('literal', 'echo', { messages: [{ role: 'user', content: 'Hello {{user_name}}, about {{ unset_thing }}' }] })]);
    const id = await start(e, 'literal', { apply_variables: true });
    await expect(e.store.dispatch(executeMessage({ instanceId: id })).unwrap()).rejects.toBeTruthy();
    expect(e.instance(id).error?.missingVariables).toEqual(['unset_thing']);
  });
});

describe('track_in_runs', () => {
  it('on: a run row links the instance and its tasks', async () => {
    const e = await setup([echoPrompt({ track_in_runs: true })]);
    const id = await start(e, 'echo');
    const { taskId } = await e.store.dispatch(executeMessage({ instanceId: id })).unwrap();
    const runId = e.instance(id).runId;
    expect(runId).toEqual(expect.any(String));
    expect(e.instance(id).runTracking.runId).toBe(runId);
    const runs = await e.db.runs.toArray();
    expect(runs).toEqual([expect.objectContaining({ runId, instanceId: id, sourceId: 'echo' })]);
    expect((await e.db.tasks.get(taskId))?.runId).toBe(runId);
  });

  it('off: no run and no runId; the task is still written (documented design)', async () => {
    const e = await setup([echoPrompt({ track_in_runs: false })]);
    const id = await start(e, 'echo');
    const { taskId } = await e.store.dispatch(executeMessage({ instanceId: id })).unwrap();
    await e.store.dispatch(executeMessage({ instanceId: id, userInput: 'again' })).unwrap();
    expect(e.instance(id).runId).toBeNull();
    expect(e.state().promptExecution.instancesByRunId).toEqual({});
    expect(await e.db.runs.count()).toBe(0);
    expect(await e.db.tasks.get(taskId)).toMatchObject({ runId: null, status: 'completed', instanceId: id });
    expect(await e.db.tasks.count()).toBe(2);
  });
});
