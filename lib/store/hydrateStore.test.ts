// A worker restart: a new store on the same database.
import Dexie from 'dexie';
import { afterAll, describe, expect, it } from 'vitest';
import { linearConversation, makeInstance, message } from '../../tests/unit/helpers/fixtures';
import { chatRequestsSince, scenarioPrompt, useFakeLlmServer, useTestEngines, waitFor, words, type TestEngine } from '../../tests/unit/helpers/testEngine';
import { openDatabase } from '../db/database';
import { executeMessage } from '../execution/thunks/executeMessageThunk';
import { retryLastMessage } from '../execution/thunks/retryMessageThunk';
import { startPromptInstance } from '../execution/thunks/startInstanceThunk';
import { cleanupInstance } from '../execution/thunks/cleanupInstanceThunk';
import { saveInstance } from '../execution/services/runPersistence';
import { INTERRUPTED_MESSAGE } from '../execution/services/interruptRecovery';
import { selectInstanceList } from '../execution/selectors/instanceSelectors';
import { BUILT_IN_PROMPTS, DEFAULT_PRICES, DEFAULT_PROVIDER, PAGE_PROMPTS, SEED_VERSION } from '../setup/firstInstallDefaults';
import { hydrateStore } from './hydrateStore';
import { activePath } from '../execution/conversation/conversationTree';

const server = useFakeLlmServer();
// the last engine made on a database deletes it; the ones before close without deleting it
const newEngine = useTestEngines(() => server().url);

/** A new store on the same database, as after the browser stopped the worker. */
async function restart(previous: TestEngine) {
  const e = await newEngine({ db: previous.db });
  await e.store.dispatch(hydrateStore()).unwrap();
  return e;
}

describe('hydrateStore: first install', () => {
  it('seeds the built-in prompts, the Ollama provider, prices and scoped variables once', async () => {
    const db = openDatabase(`test-${crypto.randomUUID()}`);
    const e = await newEngine({ db });
    expect(e.state().app.hydrated).toBe(false);
    await e.store.dispatch(hydrateStore()).unwrap();
    const state = e.state();
    expect(state.app.hydrated).toBe(true);
    expect(Object.keys(state.prompts.byId).sort()).toEqual(BUILT_IN_PROMPTS.map((p) => p.id).sort());
    expect(state.prompts.order.map((id) => state.prompts.byId[id].name)).toEqual(BUILT_IN_PROMPTS.map((p) => p.name).sort());
    expect(state.prompts.defaultPromptId).toBe(BUILT_IN_PROMPTS[0].id);
    expect(state.providers.byId[DEFAULT_PROVIDER.id]).toMatchObject({ baseURL: 'http://localhost:11434/v1', hasKey: false });
    expect(state.providers.defaultProviderId).toBe(DEFAULT_PROVIDER.id);
    expect(state.prices.table).toEqual(DEFAULT_PRICES);
    expect(state.scopedVariables.user).toEqual({ language: 'English' });

    // the user deletes a built-in prompt and a price; a restart does not bring them back
    await db.prompts.delete('translate');
    await db.prices.delete('gpt-4o');
    const again = await restart(e);
    expect(again.state().prompts.byId.translate).toBeUndefined();
    expect(Object.keys(again.state().prompts.byId)).toHaveLength(BUILT_IN_PROMPTS.length - 1);
    expect(again.state().prices.table['gpt-4o']).toBeUndefined();
    expect(await db.prompts.count()).toBe(BUILT_IN_PROMPTS.length - 1);
  });
});

describe('hydrateStore: built-in prompts added since a profile was seeded', () => {
  it('a profile seeded before the page prompts gets them once, keeps its own prompts, and a deletion sticks', async () => {
    const db = openDatabase(`test-${crypto.randomUUID()}`);
    // what the first seed (version 1) left: the four selection prompts, one of them edited by the user
    const older = BUILT_IN_PROMPTS.filter((p) => !PAGE_PROMPTS.includes(p));
    await db.prompts.bulkPut(older.map((p) => (p.id === 'summarize' ? { ...p, name: 'My summary' } : p)));
    await db.settings.bulkPut([
      { key: 'seededVersion', value: 1 },
      { key: 'defaultPromptId', value: 'explain' },
    ]);
    const e = await newEngine({ db });
    await e.store.dispatch(hydrateStore()).unwrap();
    const names = Object.values(e.state().prompts.byId).map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['Summarize this page', 'Ask this page', 'My summary']));
    expect(names).toHaveLength(older.length + PAGE_PROMPTS.length);
    expect(e.state().prompts.defaultPromptId).toBe('explain');
    expect(e.state().providers.order).toEqual([]); // nothing else of the first seed comes back
    expect((await db.settings.get('seededVersion'))?.value).toBe(SEED_VERSION);

    await db.prompts.delete('ask-page');
    const again = await restart(e);
    expect(again.state().prompts.byId['ask-page']).toBeUndefined();
    expect(again.state().prompts.byId['summarize-page']?.messages.some((m) => m.content.includes('{{page_text}}'))).toBe(true);
  });
});

describe('hydrateStore: worker restart', () => {
  it('brings back the open instances (oldest first), not the closed ones, with fresh scoped values', async () => {
    const e = await newEngine({ prompts: [scenarioPrompt('echo', 'echo')], scoped: [{ scope: 'org', name: 'org_name', value: 'Acme' }] });
    const a = await e.store.dispatch(startPromptInstance({ promptId: 'echo' })).unwrap();
    const b = await e.store.dispatch(startPromptInstance({ promptId: 'echo' })).unwrap();
    const closed = await e.store.dispatch(startPromptInstance({ promptId: 'echo' })).unwrap();
    await e.store.dispatch(executeMessage({ instanceId: a })).unwrap();
    await e.store.dispatch(cleanupInstance({ instanceId: closed })).unwrap();
    // scoped variables changed while the worker was stopped
    await e.db.scopedVariables.put({ id: 'org:org_name', scope: 'org', name: 'org_name', value: 'Globex' });

    const next = await restart(e);
    const instances = next.state().promptExecution.instances;
    expect(Object.keys(instances).sort()).toEqual([a, b].sort());
    expect(selectInstanceList(next.state()).map((i) => i.instanceId)).toEqual([a, b]);
    expect(instances[a].conversation.messages.map((m) => m.content)).toEqual(['You said: Question for echo']);
    expect(instances[a].status).toBe('completed');
    expect(instances[a].variables.scopedValues).toEqual({ org_name: 'Globex' });
    expect([...next.state().promptExecution.instancesByPromptId.echo].sort()).toEqual([a, b].sort());
    expect(next.state().promptExecution.instancesByRunId[instances[a].runId!]).toBe(a);
  });

  it('an instance saved mid-answer comes back in error "interrupted" with its partial answer', async () => {
    const e = await newEngine();
    const now = Date.now();
    const streaming = makeInstance({
      instanceId: 'cut',
      promptId: 'echo',
      status: 'streaming',
      updatedAt: now - 1000,
      conversation: linearConversation(message('assistant', 'first answer'), message('user', 'and then?')),
      execution: { currentTaskId: 'task-cut', messageStartTime: now - 1000, timeToFirstToken: 50, lastMessageStats: null },
    });
    await saveInstance(e.db, streaming);
    await e.db.tasks.add({
      taskId: 'task-cut',
      runId: null,
      instanceId: 'cut',
      providerId: 'fake',
      model: 'echo',
      status: 'running',
      error: null,
      output: 'The partial ans',
      createdAt: now - 1000,
      updatedAt: now - 500,
    });
    const noOutput = makeInstance({
      instanceId: 'cut-empty',
      promptId: 'echo',
      status: 'executing',
      execution: { currentTaskId: 'task-empty', messageStartTime: now, timeToFirstToken: undefined, lastMessageStats: null },
    });
    await saveInstance(e.db, noOutput);
    await e.db.tasks.add({
      taskId: 'task-empty',
      runId: null,
      instanceId: 'cut-empty',
      providerId: 'fake',
      model: 'echo',
      status: 'running',
      error: null,
      output: '',
      createdAt: now,
      updatedAt: now,
    });

    const next = await restart(e);
    const cut = next.instance('cut');
    expect(cut.status).toBe('error');
    expect(cut.error).toEqual({ kind: 'interrupted', message: INTERRUPTED_MESSAGE });
    expect(cut.execution.currentTaskId).toBeNull();
    expect(cut.conversation.messages.map((m) => m.content)).toEqual(['first answer', 'and then?', 'The partial ans']);
    expect(cut.conversation.messages[2]).toMatchObject({
      role: 'assistant',
      taskId: 'task-cut',
      metadata: { partial: 'interrupted', model: 'echo', providerId: 'fake' },
    });

    const empty = next.instance('cut-empty');
    expect(empty.status).toBe('error');
    expect(empty.error?.kind).toBe('interrupted');
    expect(empty.conversation.messages).toEqual([]);

    // the recovery is saved: the task is marked interrupted, the instance no longer in flight
    expect(await e.db.tasks.get('task-cut')).toMatchObject({ status: 'interrupted', output: 'The partial ans' });
    expect((await e.db.instances.get('cut'))?.status).toBe('error');
  });

  it('an answer saved as pieces is rebuilt from them, in order and up to a gap; the task then holds it and the pieces go', async () => {
    const e = await newEngine();
    const now = Date.now();
    await saveInstance(
      e.db,
      makeInstance({
        instanceId: 'cut',
        promptId: 'echo',
        status: 'streaming',
        conversation: linearConversation(message('user', 'Tell me')),
        execution: { currentTaskId: 'task-cut', messageStartTime: now - 1000, timeToFirstToken: 50, lastMessageStats: null },
      }),
    );
    await e.db.tasks.add({
      taskId: 'task-cut',
      runId: null,
      instanceId: 'cut',
      providerId: 'fake',
      model: 'echo',
      status: 'running',
      error: null,
      output: '',
      createdAt: now - 1000,
      updatedAt: now - 1000,
    });
    await e.db.tasks.add({
      taskId: 'task-other',
      runId: null,
      instanceId: 'closed',
      providerId: 'fake',
      model: 'echo',
      status: 'running',
      error: null,
      output: '',
      createdAt: now - 1000,
      updatedAt: now - 1000,
    });
    // written out of order, one after a gap (its predecessor was never committed), and a piece of another task
    await e.db.taskChunks.bulkAdd([
      { taskId: 'task-cut', seq: 4, text: ' Five?', at: now - 100 },
      { taskId: 'task-cut', seq: 2, text: 'three.', at: now - 300 },
      { taskId: 'task-cut', seq: 0, text: 'One, ', at: now - 700 },
      { taskId: 'task-other', seq: 0, text: 'not this', at: now - 600 },
      { taskId: 'task-cut', seq: 1, text: 'two, ', at: now - 500 },
    ]);

    const next = await restart(e);
    const partial = next.instance('cut').conversation.messages.at(-1)!;
    expect(partial).toMatchObject({ role: 'assistant', content: 'One, two, three.', taskId: 'task-cut', metadata: { partial: 'interrupted' } });
    expect(partial.timestamp).toBe(new Date(now - 300).toISOString());
    expect(await e.db.tasks.get('task-cut')).toMatchObject({ status: 'interrupted', output: 'One, two, three.' });
    expect(await e.db.taskChunks.where('taskId').equals('task-cut').count()).toBe(0);
    // a piece of a task whose instance was not recovered goes to that task's row
    expect(await e.db.tasks.get('task-other')).toMatchObject({ status: 'interrupted', output: 'not this' });
    expect(await e.db.taskChunks.count()).toBe(0);
  });

  it('a worker stopped while a real answer streams: the restarted store shows the saved part, and Retry works', async () => {
    const e = await newEngine({ prompts: [scenarioPrompt('slow', 'slow-40-50'), scenarioPrompt('echo', 'echo')] });
    const id = await e.store.dispatch(startPromptInstance({ promptId: 'slow' })).unwrap();
    const running = e.store.dispatch(executeMessage({ instanceId: id }));
    await waitFor(() => !!e.state().promptExecution.instances[id]?.execution.currentTaskId, 'the task');
    const taskId = e.instance(id).execution.currentTaskId!;
    await waitFor(async () => (await e.db.taskChunks.where('taskId').equals(taskId).count()) > 0, 'a saved piece of the answer');

    // "restart" while the old worker's stream is still going
    const next = await restart(e);
    const recovered = next.instance(id);
    expect(recovered.status).toBe('error');
    expect(recovered.error?.kind).toBe('interrupted');
    const partial = recovered.conversation.messages.at(-1)!;
    expect(partial.metadata?.partial).toBe('interrupted');
    expect(partial.content.length).toBeGreaterThan(0);
    expect(words(40).startsWith(partial.content)).toBe(true);
    expect(partial.content).not.toBe(words(40));

    // the old worker is gone for good
    e.services.inFlight.get(taskId)?.abort();
    await running;
    e.services.batcher?.dispose();

    // Retry on the restarted worker answers again beside the interrupted part (kept as version 1)
    // (answered by echo, not another two seconds of slow-40-50)
    const from = server().requests.length;
    server().setScenario('echo');
    try {
      await next.store.dispatch(retryLastMessage({ instanceId: id })).unwrap();
    } finally {
      server().setScenario(null);
    }
    expect(chatRequestsSince(server().requests, from)).toHaveLength(1);
    expect(next.instance(id).status).toBe('completed');
    expect(next.instance(id).error).toBeNull();
    expect(activePath(next.instance(id).conversation).map((m) => m.content)).toEqual(['You said: Question for slow-40-50']);
    expect(next.instance(id).conversation.messages.map((m) => m.metadata?.partial)).toEqual(['interrupted', undefined]);
  });
});

afterAll(async () => {
  // databases of the first-install test are deleted by their engine's close(); nothing else lingers
  expect((await Dexie.getDatabaseNames()).filter((n) => n.startsWith('test-'))).toEqual([]);
});
