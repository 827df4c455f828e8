// Commands as pages send them: through the command gate (createCommandMiddleware) into their handlers.
import { describe, expect, it } from 'vitest';
import {
  chatRequestsSince,
  scenarioPrompt,
  testPrompt,
  useFakeLlmServer,
  useTestEngines,
  type TestEngine,
  type TestEngineOptions,
} from '../../tests/unit/helpers/testEngine';
import { instanceAdded } from '../execution/executionSlice';
import { pageContextReported } from '../page/pageSlice';
import { makeInstance } from '../../tests/unit/helpers/fixtures';
import type { HistoryPage } from '../execution/services/runPersistence';

const server = useFakeLlmServer();
const newEngine = useTestEngines(() => server().url);

const setup = (options: Partial<TestEngineOptions> = {}) => newEngine({ withCommands: true, ...options });

/** The result a page receives (webext-redux resolves dispatch with `value.payload`). */
async function send<T = unknown>(e: TestEngine, type: string, payload?: unknown): Promise<T> {
  const value = (await e.command(type, payload)) as { payload: T };
  return value.payload;
}

const autoRun = { ...testPrompt().executionConfig, auto_run: true };

describe('the command gate', () => {
  it('refuses and logs an unknown type from a page, even an internal action type', async () => {
    const e = await setup();
    const before = e.state();
    const sneaky = makeInstance({ instanceId: 'injected' });
    await expect(e.command(instanceAdded.type, sneaky)).rejects.toThrow(`unknown command "${instanceAdded.type}"`);
    await expect(e.command('cmd/does-not-exist', {})).rejects.toThrow(/unknown command "cmd\/does-not-exist"/);
    await expect(e.command('toString', {})).rejects.toThrow(/unknown command/);
    expect(e.state().promptExecution).toBe(before.promptExecution);
    const logs = e.state().logs.entries;
    expect(logs).toHaveLength(3);
    expect(logs[0]).toMatchObject({
      level: 'warn',
      message: expect.stringContaining(`Refused a message from a page: unknown command "${instanceAdded.type}"`),
    });

    // the engine's own actions (no _sender) pass
    e.store.dispatch(instanceAdded(sneaky));
    expect(e.state().promptExecution.instances.injected).toBeDefined();
  });

  it('refuses an invalid payload with a message naming the field, and changes nothing', async () => {
    const e = await setup();
    await expect(e.command('cmd/providers/save', { name: 'Bad', baseURL: 'not a url', defaultModel: 'm' })).rejects.toThrow(
      'cmd/providers/save: baseURL: The base URL must be an http:// or https:// address',
    );
    await expect(e.command('cmd/providers/save', { name: 'Bad', baseURL: 'ftp://files.test/v1', defaultModel: 'm' })).rejects.toThrow(/baseURL/);
    await expect(e.command('cmd/instance/setVariable', { instanceId: 'i', name: 'has space', value: 'v' })).rejects.toThrow(/name: Variable names use/);
    await expect(e.command('cmd/history/search', { query: 'x', offset: -1, limit: 10 })).rejects.toThrow(/offset/);
    expect(await e.db.providers.count()).toBe(1);
    expect(e.platform.providersChangedCalls).toBe(0);
    expect(e.state().logs.entries.map((l) => l.level)).toEqual(['warn', 'warn', 'warn', 'warn']);
  });
});

describe('providers and their keys', () => {
  const KEY = 'sk-live-TOPSECRET-abcdef0123456789';

  it('a key is stored in providerKeys only; the store knows hasKey; the key is sent as a Bearer token', async () => {
    const e = await setup({ prompts: [scenarioPrompt('echo', 'echo', { executionConfig: autoRun })] });
    const { id } = await send<{ id: string }>(e, 'cmd/providers/save', {
      name: 'Keyed',
      baseURL: `${server().url}/`,
      defaultModel: 'echo',
      apiKey: `  ${KEY} `,
    });
    expect(await e.db.providerKeys.get(id)).toEqual({ providerId: id, apiKey: KEY });
    expect(e.state().providers.byId[id]).toMatchObject({ name: 'Keyed', baseURL: server().url, hasKey: true });
    expect(e.platform.providersChangedCalls).toBe(1);
    await send(e, 'cmd/providers/setDefault', { id });

    const from = server().requests.length;
    await send(e, 'cmd/prompt/run', { promptId: 'echo' });
    await e.settled();
    const [request] = chatRequestsSince(server().requests, from);
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);

    // saving without apiKey keeps the key
    await send(e, 'cmd/providers/save', { id, name: 'Keyed (renamed)', baseURL: server().url, defaultModel: 'echo' });
    expect((await e.db.providerKeys.get(id))?.apiKey).toBe(KEY);
    expect(e.state().providers.byId[id]).toMatchObject({ name: 'Keyed (renamed)', hasKey: true });

    // the key never reached the store, nor any action
    expect(JSON.stringify(e.state())).not.toContain('TOPSECRET');
    expect(JSON.stringify(e.actions)).not.toContain('TOPSECRET');

    // null removes it: the next request no longer carries it
    await send(e, 'cmd/providers/save', { id, name: 'Keyed', baseURL: server().url, defaultModel: 'echo', apiKey: null });
    expect(await e.db.providerKeys.get(id)).toBeUndefined();
    expect(e.state().providers.byId[id].hasKey).toBe(false);
    const from2 = server().requests.length;
    await send(e, 'cmd/prompt/run', { promptId: 'echo' });
    await e.settled();
    expect(String(chatRequestsSince(server().requests, from2)[0].headers.authorization)).not.toContain(KEY);
  });

  it('an empty key removes it too; deleting the provider deletes its key', async () => {
    const e = await setup();
    const { id } = await send<{ id: string }>(e, 'cmd/providers/save', { name: 'P', baseURL: 'https://api.example.test/v1', defaultModel: 'm', apiKey: KEY });
    await send(e, 'cmd/providers/save', { id, name: 'P', baseURL: 'https://api.example.test/v1', defaultModel: 'm', apiKey: '' });
    expect(e.state().providers.byId[id].hasKey).toBe(false);
    await send(e, 'cmd/providers/save', { id, name: 'P', baseURL: 'https://api.example.test/v1', defaultModel: 'm', apiKey: KEY });
    await send(e, 'cmd/providers/delete', { id });
    expect(await e.db.providerKeys.get(id)).toBeUndefined();
    expect(e.state().providers.byId[id]).toBeUndefined();
  });

  it('a key the provider echoes in a 401 does not reach the store', async () => {
    const e = await setup({ apiKey: KEY, prompts: [scenarioPrompt('p401', 'error-401', { executionConfig: autoRun })] });
    const { instanceId } = await send<{ instanceId: string }>(e, 'cmd/prompt/run', { promptId: 'p401' });
    await e.settled();
    expect(e.instance(instanceId).error?.kind).toBe('auth');
    expect(JSON.stringify(e.state())).not.toContain('TOPSECRET');
  });

  it('test and listModels use the fake server', async () => {
    const e = await setup();
    expect(await send(e, 'cmd/providers/listModels', { id: 'fake' })).toEqual({ models: expect.arrayContaining(['echo', 'slow']) });
    // no key is set: only the model list is tried
    expect(await send(e, 'cmd/providers/test', { id: 'fake' })).toMatchObject({
      ok: true,
      message: expect.stringMatching(/^Reached Fake Local LLM: \d+ models listed; the key is checked on the first run/),
    });
  });
});

describe('prompt library', () => {
  it('export → import into another library gives the same prompts', async () => {
    const a = await setup();
    await send(a, 'cmd/prompts/save', {
      id: 'alpha',
      name: 'Alpha',
      description: 'First one',
      messages: [
        { role: 'system', content: 'Sys {{x}}' },
        { role: 'user', content: 'Do {{selection}}' },
      ],
      settings: { providerId: null, model: 'gpt-4o', temperature: 0.7, maxTokens: 512 },
      executionConfig: { auto_run: true, allow_chat: false, show_variables: true, apply_variables: false, track_in_runs: false },
    });
    const { id: betaId } = await send<{ id: string }>(a, 'cmd/prompts/save', {
      name: 'Beta',
      messages: [{ role: 'user', content: 'Hi' }],
      settings: { providerId: 'fake', model: '' },
      executionConfig: testPrompt().executionConfig,
    });
    const { json } = await send<{ json: string }>(a, 'cmd/prompts/export', {});

    const b = await setup();
    expect(await send(b, 'cmd/prompts/import', { json })).toEqual({ count: 2 });
    const strip = (p: object) => {
      const { createdAt: _c, updatedAt: _u, builtIn: _b, ...rest } = p as Record<string, unknown>;
      return rest;
    };
    const inA = (await a.db.prompts.toArray()).map(strip).sort((x, y) => String(x.id).localeCompare(String(y.id)));
    const inB = (await b.db.prompts.toArray()).map(strip).sort((x, y) => String(x.id).localeCompare(String(y.id)));
    expect(inB).toEqual(inA);
    expect(Object.keys(b.state().prompts.byId).sort()).toEqual(['alpha', betaId].sort());
    expect((await send<{ json: string }>(b, 'cmd/prompts/export', {})).json).toBe(json);
  });

  it('an import that is not an export is refused with a clear message', async () => {
    const e = await setup();
    await expect(e.command('cmd/prompts/import', { json: '{oops' })).rejects.toThrow('This file is not JSON.');
    await expect(e.command('cmd/prompts/import', { json: JSON.stringify({ format: 'other', version: 1, prompts: [] }) })).rejects.toThrow(
      /not a Flowbar prompt export/,
    );
    expect(await e.db.prompts.count()).toBe(0);
  });
});

describe('instances through commands', () => {
  it('attachFile adds a resource with its size and title, sent with the first user message', async () => {
    const e = await setup({ prompts: [scenarioPrompt('echo-all', 'echo-all')] });
    const { instanceId } = await send<{ instanceId: string }>(e, 'cmd/prompt/run', { promptId: 'echo-all', usePage: false });
    const text = 'Meeting notes: ship on Friday.';
    const { resource } = await send<{ resource: { id: string; size: number; title: string } }>(e, 'cmd/instance/attachFile', {
      instanceId,
      name: 'notes.txt',
      text,
    });
    expect(resource).toMatchObject({ title: 'notes.txt', size: text.length, kind: 'file' });
    expect((await e.db.instances.get(instanceId))?.conversation.resources).toHaveLength(1);

    const from = server().requests.length;
    await send(e, 'cmd/instance/send', { instanceId });
    await e.settled();
    const [request] = chatRequestsSince(server().requests, from);
    expect(request.body?.messages).toHaveLength(1);
    expect(String(request.body?.messages?.[0].content)).toMatch(
      /^Question for echo-all\n\n<resource kind="file" title="notes.txt"[^>]*>\nMeeting notes: ship on Friday\.\n<\/resource>$/,
    );
  });

  it('setVariable fills a missing variable and the next send runs', async () => {
    const e = await setup({ prompts: [scenarioPrompt('v', 'echo', { messages: [{ role: 'user', content: 'About {{topic}}' }], executionConfig: autoRun })] });
    const { instanceId } = await send<{ instanceId: string }>(e, 'cmd/prompt/run', { promptId: 'v', usePage: false });
    await expect(send(e, 'cmd/instance/send', { instanceId })).rejects.toThrow('Fill in {{topic}} before running.');
    await e.settled();
    expect(e.instance(instanceId).error?.missingVariables).toEqual(['topic']);
    await send(e, 'cmd/instance/setVariable', { instanceId, name: 'topic', value: 'otters' });
    expect(e.instance(instanceId).error).toBeNull();
    expect((await e.db.instances.get(instanceId))?.variables.userValues).toEqual({ topic: 'otters' });
    await send(e, 'cmd/instance/send', { instanceId });
    await e.settled();
    expect(e.instance(instanceId).conversation.messages.map((m) => m.content)).toEqual(['You said: About otters']);
  });

  it('commands on an instance that is not open are refused', async () => {
    const e = await setup();
    await expect(e.command('cmd/instance/send', { instanceId: 'gone' })).rejects.toThrow(/not open any more/);
  });
});

describe('history', () => {
  async function runOn(e: TestEngine, selection: string) {
    e.store.dispatch(pageContextReported({ tabId: 1, title: 'Page', url: 'https://x.test', selection, updatedAt: Date.now() }));
    const { instanceId } = await send<{ instanceId: string }>(e, 'cmd/prompt/run', { promptId: 'sum' });
    await e.settled();
    expect(e.instance(instanceId).status).toBe('completed');
    return instanceId;
  }

  async function setupHistory() {
    const e = await setup({
      prompts: [scenarioPrompt('sum', 'echo', { name: 'Sum', messages: [{ role: 'user', content: 'Summarize: {{selection}}' }], executionConfig: autoRun })],
    });
    const ids = {
      zebras: await runOn(e, 'Zebras have stripes'),
      zealots: await runOn(e, 'Zealots of zero waste'),
      otters: await runOn(e, 'Otters hold hands'),
      zebrafish: await runOn(e, 'Zebrafish regrow fins'),
    };
    return { e, ids };
  }

  it('search finds by word prefixes of the conversation, every word must match, newest first', async () => {
    const { e, ids } = await setupHistory();
    const search = (query: string, offset = 0, limit = 10) => send<HistoryPage>(e, 'cmd/history/search', { query, offset, limit });

    const zeb = await search('zeb');
    expect(zeb.items.map((i) => i.instanceId)).toEqual([ids.zebrafish, ids.zebras]);
    expect(zeb.hasMore).toBe(false);
    expect(zeb.items[0]).toMatchObject({
      title: 'Sum: Zebrafish regrow fins',
      preview: 'You said: Summarize: Zebrafish regrow fins',
      messageCount: 1,
      status: 'completed',
    });

    expect((await search('ZEBRA strip')).items.map((i) => i.instanceId)).toEqual([ids.zebras]);
    expect((await search('zebra fins')).items.map((i) => i.instanceId)).toEqual([ids.zebrafish]);
    expect((await search('hands')).items.map((i) => i.instanceId)).toEqual([ids.otters]);
    expect((await search('giraffe')).items).toEqual([]);
    // words of the answer count too ("said" is only in the model's output)
    expect((await search('said')).items).toHaveLength(4);
  });

  it("a History view's newer search cancels its older one; another view's search is not touched", async () => {
    const { e, ids } = await setupHistory();
    const older = send<HistoryPage>(e, 'cmd/history/search', { query: 'z', offset: 0, limit: 10, view: 'panel-1' });
    const other = send<HistoryPage>(e, 'cmd/history/search', { query: 'z', offset: 0, limit: 10, view: 'panel-2' });
    const newer = send<HistoryPage>(e, 'cmd/history/search', { query: 'otters', offset: 0, limit: 10, view: 'panel-1' });
    await expect(older).rejects.toThrow(/newer search/);
    expect((await newer).items.map((i) => i.instanceId)).toEqual([ids.otters]);
    expect((await other).items.map((i) => i.instanceId)).toEqual([ids.zebrafish, ids.zealots, ids.zebras]);
  });

  it('pages with offset, limit and hasMore, with and without a query', async () => {
    const { e, ids } = await setupHistory();
    const newestFirst = [ids.zebrafish, ids.otters, ids.zealots, ids.zebras];
    for (const query of ['', 'summarize']) {
      const page1 = await send<HistoryPage>(e, 'cmd/history/search', { query, offset: 0, limit: 3 });
      const page2 = await send<HistoryPage>(e, 'cmd/history/search', { query, offset: 3, limit: 3 });
      expect(page1.items.map((i) => i.instanceId)).toEqual(newestFirst.slice(0, 3));
      expect(page1.hasMore).toBe(true);
      expect(page2.items.map((i) => i.instanceId)).toEqual(newestFirst.slice(3));
      expect(page2.hasMore).toBe(false);
      const exact = await send<HistoryPage>(e, 'cmd/history/search', { query, offset: 0, limit: 4 });
      expect(exact.hasMore).toBe(false);
    }
  });

  it('a closed instance stays searchable, and history/open brings it back to continue the chat', async () => {
    const { e, ids } = await setupHistory();
    await send(e, 'cmd/instance/close', { instanceId: ids.otters });
    expect(e.state().promptExecution.instances[ids.otters]).toBeUndefined();
    expect((await e.db.instances.get(ids.otters))?.open).toBe(0);
    expect((await send<HistoryPage>(e, 'cmd/history/search', { query: 'otters', offset: 0, limit: 5 })).items.map((i) => i.instanceId)).toEqual([ids.otters]);

    expect(await send(e, 'cmd/history/open', { instanceId: ids.otters })).toEqual({ instanceId: ids.otters });
    const reopened = e.instance(ids.otters);
    expect(reopened.conversation.messages.map((m) => m.content)).toEqual(['You said: Summarize: Otters hold hands']);
    expect(e.state().app.focus.instanceId).toBe(ids.otters);
    expect((await e.db.instances.get(ids.otters))?.open).toBe(1);
    expect(e.state().promptExecution.instancesByPromptId.sum).toContain(ids.otters);

    await send(e, 'cmd/instance/send', { instanceId: ids.otters, text: 'Why do they?' });
    await e.settled();
    expect(
      e
        .instance(ids.otters)
        .conversation.messages.map((m) => m.content)
        .slice(1),
    ).toEqual(['Why do they?', 'You said: Why do they?']);

    await expect(e.command('cmd/history/open', { instanceId: 'never-existed' })).rejects.toThrow(/no longer in the history/);
  });
});
