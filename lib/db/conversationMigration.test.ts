// Schema version 4 turns saved conversations (lists) into trees. The rows here are written by a
// database with versions 1–3 only, as today's code writes them, then opened with the full schema.
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { FAKE_PROVIDER_ID, FAKE_PROVIDER_NAME, scenarioPrompt, useFakeLlmServer, useTestEngines, writeFakeProvider } from '../../tests/unit/helpers/testEngine';
import { activePath } from '../execution/conversation/conversationTree';
import { searchHistory } from '../execution/services/runPersistence';
import { retryLastMessage } from '../execution/thunks/retryMessageThunk';
import { executeMessage } from '../execution/thunks/executeMessageThunk';
import { hydrateStore } from '../store/hydrateStore';
import { openDatabase } from './database';

const server = useFakeLlmServer();
const newEngine = useTestEngines(() => server().url);

/** The schema as it was before version 4 (copied, not imported: the point is the old shape). */
function openVersion3(name: string) {
  const db = new Dexie(name);
  db.version(1).stores({
    prompts: 'id, name, updatedAt',
    providers: 'id, name',
    providerKeys: 'providerId',
    scopedVariables: 'id, scope',
    instances: 'instanceId, promptId, runId, status, updatedAt, [open+updatedAt], *words',
    runs: 'runId, instanceId, sourceId, createdAt',
    tasks: 'taskId, runId, instanceId, status, createdAt',
    prices: 'model',
    settings: 'key',
  });
  db.version(2).stores({
    flows: 'id, name, updatedAt',
    flowActions: 'id, flowId',
    flowFiles: 'id',
    flowRuns: 'runId, flowId, status, startedAt, [flowId+startedAt]',
  });
  db.version(3).stores({ taskChunks: '[taskId+seq], taskId' });
  return db;
}

const at = (n: number) => new Date(1_700_000_000_000 + n).toISOString();

/** An instance row as toInstanceRow wrote it before version 4: messages a list, no ids, no choices. */
function oldRow(instanceId: string, status: string, messages: Array<Record<string, unknown>>, extra: Record<string, unknown> = {}) {
  return {
    instanceId,
    promptId: 'echo',
    title: `Old ${instanceId}`,
    runId: null,
    status,
    error: null,
    createdAt: 1,
    updatedAt: 2,
    settings: { providerId: null, model: 'echo' },
    executionConfig: { auto_run: false, allow_chat: true, show_variables: false, apply_variables: true, track_in_runs: false },
    variables: { userValues: {}, scopedValues: {}, computedValues: {} },
    conversation: { messages, currentInput: '', resources: [] },
    execution: { currentTaskId: null, messageStartTime: null, timeToFirstToken: undefined, lastMessageStats: null },
    runTracking: { runId: null, sourceType: 'prompt', sourceId: 'echo', runName: null, totalTokens: 0, totalCost: 0 },
    ui: { showVariables: false },
    open: 1,
    words: [
      'old',
      ...messages.flatMap(
        (m) =>
          String(m.content)
            .toLowerCase()
            .match(/[a-z]{2,}/g) ?? [],
      ),
    ],
    ...extra,
  };
}

describe('Dexie version 4: conversations become trees', () => {
  it('saved lists read back as the same conversation, with ids and parents; search, recovery and retry work on them', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const old = openVersion3(name);
    await old.open();
    const list = [
      { role: 'assistant', content: 'You said: Question for echo', taskId: 't1', timestamp: at(1) },
      { role: 'user', content: 'hedgehogs?', timestamp: at(2) },
      { role: 'assistant', content: 'Partial about hedgehogs', taskId: 't2', timestamp: at(3), metadata: { partial: 'stopped' } },
    ];
    await old.table('instances').bulkPut([
      oldRow('done', 'completed', list),
      oldRow('empty', 'idle', []),
      // cut off mid-answer by a stopped worker: its task and a piece are saved
      oldRow('cut', 'streaming', [list[0], { role: 'user', content: 'and then?', timestamp: at(4) }], {
        execution: { currentTaskId: 't3', messageStartTime: 3, timeToFirstToken: 5, lastMessageStats: null },
      }),
    ]);
    await old.table('tasks').add({
      taskId: 't3',
      runId: null,
      instanceId: 'cut',
      providerId: 'fake',
      model: 'echo',
      status: 'running',
      error: null,
      output: '',
      createdAt: 3,
      updatedAt: 3,
    });
    await old.table('taskChunks').add({ taskId: 't3', seq: 0, text: 'Then the', at: 4 });
    old.close();

    const db = openDatabase(name);
    const done = await db.instances.get('done');
    expect(db.verno).toBe(4);
    expect(done?.conversation.messages.map((m) => [m.id, m.parentId])).toEqual([
      ['m0', null],
      ['m1', 'm0'],
      ['m2', 'm1'],
    ]);
    expect(done?.conversation.selected).toEqual({});
    expect(activePath(done!.conversation).map(({ id: _id, parentId: _parentId, ...m }) => m)).toEqual(list);
    expect((await db.instances.get('empty'))?.conversation).toEqual({ messages: [], selected: {}, currentInput: '', resources: [] });
    // the search index was kept
    expect((await searchHistory(db, 'hedgehog', 0, 10)).items.map((i) => [i.instanceId, i.messageCount])).toEqual([['done', 3]]);
    expect((await searchHistory(db, 'old', 0, 10)).items).toHaveLength(3);

    // a worker starting on the migrated database recovers the cut answer after the last message
    await writeFakeProvider(db, { id: FAKE_PROVIDER_ID, name: FAKE_PROVIDER_NAME, baseURL: server().url });
    await db.prompts.put(scenarioPrompt('echo', 'echo'));
    const e = await newEngine({ db });
    await e.store.dispatch(hydrateStore()).unwrap();
    const cut = e.instance('cut');
    expect(cut.status).toBe('error');
    expect(activePath(cut.conversation).map((m) => [m.content, m.parentId])).toEqual([
      ['You said: Question for echo', null],
      ['and then?', 'm0'],
      ['Then the', 'm1'],
    ]);

    // and Retry / send work on a migrated conversation: the retried answer is a version beside the old one
    await e.store.dispatch(retryLastMessage({ instanceId: 'done' })).unwrap();
    const conversation = e.instance('done').conversation;
    expect(activePath(conversation).map((m) => m.content)).toEqual(['You said: Question for echo', 'hedgehogs?', 'You said: hedgehogs?']);
    expect(conversation.messages.filter((m) => m.parentId === 'm1').map((m) => m.content)).toEqual(['Partial about hedgehogs', 'You said: hedgehogs?']);
    await e.store.dispatch(executeMessage({ instanceId: 'done', userInput: 'more' })).unwrap();
    expect(
      activePath(e.instance('done').conversation)
        .map((m) => m.content)
        .slice(-2),
    ).toEqual(['more', 'You said: more']);
  });
});
