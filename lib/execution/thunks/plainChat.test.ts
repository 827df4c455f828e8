// Plain chat and the model picker, through the real thunks and the command gate, against the
// local fake server: what the server receives is exactly what the user asked for.
import { describe, expect, it } from 'vitest';
import {
  chatRequestsSince,
  FAKE_PROVIDER_ID,
  scenarioPrompt,
  useFakeLlmServer,
  useTestEngines,
  waitFor,
  type TestEngine,
} from '../../../tests/unit/helpers/testEngine';
import { startChatOnPage } from '../../background/runOnPage';
import { CHAT_PROMPT_ID } from '../../prompts/chatPrompt';
import { activePath } from '../conversation/conversationTree';
import { formatResources } from '../services/messageBuilder';

const server = useFakeLlmServer();
const newEngine = useTestEngines(() => server().url);

async function send<T = unknown>(e: TestEngine, type: string, payload?: unknown): Promise<T> {
  const value = (await e.command(type, payload)) as { payload: T };
  return value.payload;
}

const newChat = async (e: TestEngine, systemPrompt?: string) =>
  (await send<{ instanceId: string }>(e, 'cmd/chat/new', systemPrompt === undefined ? {} : { systemPrompt })).instanceId;

/** Sends a chat message and waits for its answer to be complete. */
async function say(e: TestEngine, instanceId: string, text: string) {
  const before = e.instance(instanceId).conversation.messages.length;
  await send(e, 'cmd/instance/send', { instanceId, text });
  await waitFor(
    () =>
      e.instance(instanceId).status !== 'executing' &&
      e.instance(instanceId).status !== 'streaming' &&
      e.instance(instanceId).conversation.messages.length === before + 2,
    'the answer',
  );
  return e.instance(instanceId).conversation.messages.at(-1)!;
}

describe('plain chat', () => {
  it('without a system prompt the server gets only the conversation, with the default provider and model', async () => {
    const e = await newEngine({ withCommands: true });
    const id = await newChat(e);
    expect(e.state().app.focus.instanceId).toBe(id);
    expect(e.instance(id)).toMatchObject({ promptId: CHAT_PROMPT_ID, title: 'Chat', status: 'idle', settings: { providerId: null, model: '' } });
    expect(e.instance(id).systemPrompt).toBeUndefined();

    const from = server().requests.length;
    const answer = await say(e, id, 'Hello there');
    expect(answer).toMatchObject({ role: 'assistant', content: 'You said: Hello there' });
    await say(e, id, 'And again');
    const [first, second] = chatRequestsSince(server().requests, from);
    expect(first.body?.model).toBe('echo'); // the default provider's default model
    expect(first.body?.messages).toEqual([{ role: 'user', content: 'Hello there' }]);
    expect(second.body?.messages).toEqual([
      { role: 'user', content: 'Hello there' },
      { role: 'assistant', content: 'You said: Hello there' },
      { role: 'user', content: 'And again' },
    ]);
    // The chat prompt is not part of the library; the instance and its run are saved like any other.
    expect(e.state().prompts.byId[CHAT_PROMPT_ID]).toBeUndefined();
    expect(e.state().prompts.order).not.toContain(CHAT_PROMPT_ID);
    expect((await e.db.instances.get(id))?.conversation.messages).toHaveLength(4);
    expect(await e.db.prompts.get(CHAT_PROMPT_ID)).toBeUndefined();
  });

  it('with a system prompt the server gets it first, literally ({{x}} is not a variable)', async () => {
    const e = await newEngine({ withCommands: true, scoped: [{ scope: 'user', name: 'user_name', value: 'Ada' }] });
    const id = await newChat(e, '  You answer in French, {{user_name}}.  ');
    expect(e.instance(id).systemPrompt).toBe('You answer in French, {{user_name}}.');
    const from = server().requests.length;
    await say(e, id, 'Bonjour');
    const [request] = chatRequestsSince(server().requests, from);
    expect(request.body?.messages).toEqual([
      { role: 'system', content: 'You answer in French, {{user_name}}.' },
      { role: 'user', content: 'Bonjour' },
    ]);
    expect((await e.db.instances.get(id))?.systemPrompt).toBe('You answer in French, {{user_name}}.');
  });

  it('nothing typed yet: Send is refused with a reason and nothing is sent', async () => {
    const e = await newEngine({ withCommands: true });
    const id = await newChat(e, 'Be brief.');
    const from = server().requests.length;
    await expect(send(e, 'cmd/instance/send', { instanceId: id })).rejects.toThrow('Type a message to start the conversation.');
    expect(e.instance(id).error?.message).toBe('Type a message to start the conversation.');
    expect(chatRequestsSince(server().requests, from)).toHaveLength(0);
  });

  it('retry and stop work as for any instance, and History reopens a closed chat that chats on', async () => {
    const e = await newEngine({ withCommands: true });
    const id = await newChat(e);
    await say(e, id, 'First');
    const from = server().requests.length;
    await send(e, 'cmd/instance/retry', { instanceId: id });
    await waitFor(() => e.instance(id).status === 'completed', 'the retried answer');
    // Retry keeps the first answer as a version of the turn; the conversation goes on from the new one.
    expect(e.instance(id).conversation.messages.map((m) => m.content)).toEqual(['First', 'You said: First', 'You said: First']);
    expect(activePath(e.instance(id).conversation).map((m) => m.content)).toEqual(['First', 'You said: First']);
    expect(activePath(e.instance(id).conversation)[1].id).toBe(e.instance(id).conversation.messages[2].id);
    expect(chatRequestsSince(server().requests, from)[0].body?.messages).toEqual([{ role: 'user', content: 'First' }]);

    await send(e, 'cmd/instance/setModel', { instanceId: id, providerId: null, model: 'hang' });
    await send(e, 'cmd/instance/send', { instanceId: id, text: 'Hang on' });
    await waitFor(() => e.instance(id).status === 'streaming', 'the hanging answer');
    await send(e, 'cmd/instance/stop', { instanceId: id });
    await waitFor(() => e.instance(id).status === 'completed', 'the stop');
    expect(e.instance(id).conversation.messages.at(-1)?.metadata).toMatchObject({ partial: 'stopped', model: 'hang' });

    await send(e, 'cmd/instance/close', { instanceId: id });
    expect(e.state().promptExecution.instances[id]).toBeUndefined();
    await send(e, 'cmd/history/open', { instanceId: id });
    await send(e, 'cmd/instance/setModel', { instanceId: id, providerId: null, model: 'echo' });
    const answer = await say(e, id, 'Back again');
    expect(answer.content).toBe('You said: Back again');
  });

  it('the keyboard new chat attaches the selection, sent with the first message; nothing is sent before', async () => {
    const e = await newEngine({ withCommands: true });
    const from = server().requests.length;
    const id = (await startChatOnPage(e.store, { tabId: 3, title: 'Botany', url: 'https://bio.test/plants', selection: 'Plants make sugar from light.' }))!;
    expect(e.state().app.focus.instanceId).toBe(id);
    const instance = e.instance(id);
    expect(instance.title).toBe('Chat: Plants make sugar from light.');
    expect(instance.status).toBe('idle');
    const [resource] = instance.conversation.resources;
    expect(resource).toMatchObject({ kind: 'selection', title: 'Selection: Botany', source: 'https://bio.test/plants', text: 'Plants make sugar from light.' });
    expect(chatRequestsSince(server().requests, from)).toHaveLength(0);

    await say(e, id, 'Explain this to a child.');
    const [request] = chatRequestsSince(server().requests, from);
    expect(request.body?.messages).toEqual([{ role: 'user', content: `Explain this to a child.\n\n${formatResources([resource])}` }]);

    // With nothing selected: an empty chat.
    const empty = (await startChatOnPage(e.store, { tabId: 3, title: 'Botany', url: 'https://bio.test/plants', selection: '  ' }))!;
    expect(e.instance(empty).conversation.resources).toEqual([]);
  });
});

describe('the model picker (cmd/instance/setModel)', () => {
  it('a switch mid-conversation applies to the next message; each answer records its model and provider; the prompt keeps its own', async () => {
    const e = await newEngine({ withCommands: true, prompts: [scenarioPrompt('p-echo', 'echo')] });
    await send(e, 'cmd/providers/save', { name: 'Second', baseURL: server().url, defaultModel: 'echo-all' });
    const second = Object.values(e.state().providers.byId).find((p) => p.name === 'Second')!.id;
    const id = (await send<{ instanceId: string }>(e, 'cmd/prompt/run', { promptId: 'p-echo', usePage: false })).instanceId;

    const from = server().requests.length;
    const first = await say(e, id, 'One');
    await send(e, 'cmd/instance/setModel', { instanceId: id, providerId: null, model: 'echo-all' });
    const switched = await say(e, id, 'Two');
    await send(e, 'cmd/instance/setModel', { instanceId: id, providerId: second, model: '' });
    const third = await say(e, id, 'Three');

    const requests = chatRequestsSince(server().requests, from);
    expect(requests.map((r) => r.body?.model)).toEqual(['echo', 'echo-all', 'echo-all']);
    expect(first.metadata).toMatchObject({ model: 'echo', providerId: FAKE_PROVIDER_ID });
    expect(switched.metadata).toMatchObject({ model: 'echo-all', providerId: FAKE_PROVIDER_ID });
    expect(switched.content.startsWith('user: Question for echo\n')).toBe(true); // echo-all wrote it
    expect(third.metadata).toMatchObject({ model: 'echo-all', providerId: second }); // the second provider's default model
    expect(e.instance(id).execution.lastMessageStats).toMatchObject({ model: 'echo-all', providerId: second });
    expect(e.instance(id).settings).toMatchObject({ providerId: second, model: '' });
    expect((await e.db.instances.get(id))?.settings).toMatchObject({ providerId: second, model: '' });
    const tasks = await e.db.tasks.where('instanceId').equals(id).sortBy('createdAt');
    expect(tasks.map((t) => [t.providerId, t.model])).toEqual([
      [FAKE_PROVIDER_ID, 'echo'],
      [FAKE_PROVIDER_ID, 'echo-all'],
      [second, 'echo-all'],
    ]);

    // The prompt's own model is untouched, in the store and the database, and new instances use it.
    expect(e.state().prompts.byId['p-echo'].settings).toEqual({ providerId: null, model: 'echo' });
    expect((await e.db.prompts.get('p-echo'))?.settings).toEqual({ providerId: null, model: 'echo' });
    const next = (await send<{ instanceId: string }>(e, 'cmd/prompt/run', { promptId: 'p-echo', usePage: false })).instanceId;
    expect(e.instance(next).settings).toEqual({ providerId: null, model: 'echo' });
  });

  it('refuses a provider that does not exist and a malformed payload, changing nothing', async () => {
    const e = await newEngine({ withCommands: true });
    const id = await newChat(e);
    await expect(send(e, 'cmd/instance/setModel', { instanceId: id, providerId: 'nope', model: 'x' })).rejects.toThrow('That provider is gone');
    await expect(send(e, 'cmd/instance/setModel', { instanceId: id, providerId: null })).rejects.toThrow();
    await expect(send(e, 'cmd/instance/setModel', { instanceId: id, providerId: null, model: 'x'.repeat(201) })).rejects.toThrow();
    await expect(send(e, 'cmd/instance/setModel', { instanceId: 'gone', providerId: null, model: 'x' })).rejects.toThrow('not open');
    expect(e.instance(id).settings).toEqual({ providerId: null, model: '' });
  });
});

describe('the chat prompt id is reserved', () => {
  it('a prompt saved or imported with it is refused, and the library stays as it was', async () => {
    const e = await newEngine({ withCommands: true });
    const prompt = {
      id: CHAT_PROMPT_ID,
      name: 'Impostor',
      messages: [{ role: 'user', content: 'x' }],
      settings: { providerId: null, model: 'echo' },
      executionConfig: { auto_run: true, allow_chat: true, show_variables: false, apply_variables: true, track_in_runs: true },
    };
    await expect(send(e, 'cmd/prompts/save', prompt)).rejects.toThrow('reserved for plain chat');
    await expect(send(e, 'cmd/prompts/import', { json: JSON.stringify({ format: 'flowbar.prompts', version: 1, prompts: [prompt] }) })).rejects.toThrow(
      'reserved for plain chat',
    );
    expect(await e.db.prompts.get(CHAT_PROMPT_ID)).toBeUndefined();
    expect(e.state().prompts.byId[CHAT_PROMPT_ID]).toBeUndefined();
  });
});
