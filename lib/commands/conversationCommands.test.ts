// Versions, branches, deleted turns and export through the commands a page sends, on a real store,
// fake-indexeddb and the local fake LLM server (numbered-echo-all: each answer says its number and
// every message it received).
import { describe, expect, it } from 'vitest';
import { chatRequestsSince, scenarioPrompt, testPrompt, useFakeLlmServer, useTestEngines, waitFor, type TestEngine } from '../../tests/unit/helpers/testEngine';
import { activePath, versionsOf } from '../execution/conversation/conversationTree';

const server = useFakeLlmServer();
const newEngine = useTestEngines(() => server().url);
const KEY = 'sk-secret-provider-key-123456';

async function send<T = unknown>(e: TestEngine, type: string, payload?: unknown): Promise<T> {
  const value = (await e.command(type, payload)) as { payload: T };
  return value.payload;
}

async function answered(e: TestEngine, instanceId: string, start: Promise<unknown>) {
  await start;
  await waitFor(() => !['executing', 'streaming'].includes(e.instance(instanceId).status), 'the answer');
}

const path = (e: TestEngine, id: string) => activePath(e.instance(id).conversation).map((m) => m.content);

async function setup() {
  const e = await newEngine({
    withCommands: true,
    apiKey: KEY,
    prompts: [scenarioPrompt('num', 'numbered-echo-all', { name: 'Numbered', messages: [{ role: 'user', content: 'Topic: {{topic}}' }] })],
  });
  const { instanceId } = await send<{ instanceId: string }>(e, 'cmd/prompt/run', { promptId: 'num', usePage: false, variables: { topic: 'otters' } });
  await answered(e, instanceId, send(e, 'cmd/instance/send', { instanceId }));
  return { e, instanceId };
}

describe('versions of an answer', () => {
  it('retry twice: three versions; the chosen one is what the next message continues from', async () => {
    const { e, instanceId: id } = await setup();
    await answered(e, id, send(e, 'cmd/instance/send', { instanceId: id, text: 'Tell me more' }));
    await answered(e, id, send(e, 'cmd/instance/retry', { instanceId: id }));
    await answered(e, id, send(e, 'cmd/instance/retry', { instanceId: id }));
    const conversation = e.instance(id).conversation;
    const last = activePath(conversation).at(-1)!;
    expect(versionsOf(conversation, last.id)).toMatchObject({ index: 3, count: 3 });
    const [v1, v2] = conversation.messages.filter((m) => m.parentId === last.parentId);
    expect(v1.content).not.toBe(v2.content);

    await send(e, 'cmd/instance/selectVersion', { instanceId: id, messageId: v2.id });
    expect(path(e, id).at(-1)).toBe(v2.content);
    // the choice is saved
    expect((await e.db.instances.get(id))?.conversation.selected[last.parentId!]).toBe(v2.id);

    const from = server().requests.length;
    await answered(e, id, send(e, 'cmd/instance/send', { instanceId: id, text: 'And then?' }));
    const [request] = chatRequestsSince(server().requests, from);
    const sent = request.body!.messages!.map((m) => m.content);
    expect(sent.slice(-2)).toEqual([v2.content, 'And then?']);
    expect(sent).not.toContain(v1.content);
  });

  it('an edited question is a new branch; the old branch is still there and continues as before', async () => {
    const { e, instanceId: id } = await setup();
    await answered(e, id, send(e, 'cmd/instance/send', { instanceId: id, text: 'first question' }));
    await answered(e, id, send(e, 'cmd/instance/send', { instanceId: id, text: 'second question' }));
    const before = path(e, id);
    const question = activePath(e.instance(id).conversation).find((m) => m.content === 'first question')!;

    const from = server().requests.length;
    await answered(e, id, send(e, 'cmd/instance/edit', { instanceId: id, messageId: question.id, text: 'first question, edited' }));
    const [request] = chatRequestsSince(server().requests, from);
    expect(request.body!.messages!.map((m) => m.content).slice(-1)).toEqual(['first question, edited']);
    expect(path(e, id)).toHaveLength(3);
    expect(path(e, id)[1]).toBe('first question, edited');
    const edited = activePath(e.instance(id).conversation)[1];
    expect(versionsOf(e.instance(id).conversation, edited.id)).toMatchObject({ index: 2, count: 2, previousId: question.id });

    await send(e, 'cmd/instance/selectVersion', { instanceId: id, messageId: question.id });
    expect(path(e, id)).toEqual(before);
    // only questions can be edited, and not into nothing
    await expect(send(e, 'cmd/instance/edit', { instanceId: id, messageId: activePath(e.instance(id).conversation)[0].id, text: 'x' })).rejects.toThrow(
      /Only a message you sent/,
    );
    await expect(send(e, 'cmd/instance/edit', { instanceId: id, messageId: question.id, text: '  ' })).rejects.toThrow(/cannot be empty/);
  });

  it('a deleted turn is gone from the conversation, the database and what the model receives next', async () => {
    const { e, instanceId: id } = await setup();
    await answered(e, id, send(e, 'cmd/instance/send', { instanceId: id, text: 'keep me' }));
    await answered(e, id, send(e, 'cmd/instance/send', { instanceId: id, text: 'delete me' }));
    await answered(e, id, send(e, 'cmd/instance/send', { instanceId: id, text: 'keep me too' }));
    const doomed = activePath(e.instance(id).conversation).find((m) => m.content === 'delete me')!;
    await send(e, 'cmd/instance/deleteTurn', { instanceId: id, messageId: doomed.id });
    const contents = path(e, id);
    expect(contents).not.toContain('delete me');
    expect(contents.filter((c) => c.startsWith('Answer '))).toHaveLength(3);
    expect(contents).toContain('keep me too');
    expect((await e.db.instances.get(id))?.conversation.messages.some((m) => m.content === 'delete me' || m.parentId === doomed.id)).toBe(false);

    const from = server().requests.length;
    await answered(e, id, send(e, 'cmd/instance/send', { instanceId: id, text: 'last' }));
    const sent = chatRequestsSince(server().requests, from)[0].body!.messages!.map((m) => m.content);
    expect(sent).not.toContain('delete me');
    expect(sent).toContain('keep me too');
    await expect(send(e, 'cmd/instance/deleteTurn', { instanceId: id, messageId: doomed.id })).rejects.toThrow(/not in this conversation/);
  });
});

describe('export', () => {
  it('Markdown has the header and the conversation as it reads; JSON the whole tree; neither has a key, even one pasted into a message', async () => {
    const { e, instanceId: id } = await setup();
    await answered(e, id, send(e, 'cmd/instance/send', { instanceId: id, text: `my key is ${KEY}` }));
    await answered(e, id, send(e, 'cmd/instance/retry', { instanceId: id }));
    const first = activePath(e.instance(id).conversation).at(-1)!;
    const older = e.instance(id).conversation.messages.find((m) => m.parentId === first.parentId && m.id !== first.id)!;

    const md = await send<{ fileName: string; text: string; mimeType: string }>(e, 'cmd/conversations/export', { instanceIds: [id], format: 'markdown' });
    expect(md.fileName).toMatch(/^flowbar-.+\.md$/);
    expect(md.mimeType).toBe('text/markdown');
    expect(md.text).toContain('**Prompt:** Numbered');
    expect(md.text).toContain('**Model:** numbered-echo-all');
    expect(md.text).toContain('`topic`: otters');
    expect(md.text).toMatch(/\*\*Stats:\*\* \d+ tokens/);
    expect(md.text).toContain(first.content.split('\n')[0]);
    expect(md.text).not.toContain(older.content.split('\n')[0]);

    const json = await send<{ fileName: string; text: string }>(e, 'cmd/conversations/export', { instanceIds: [id], format: 'json' });
    const data = JSON.parse(json.text) as {
      format: string;
      conversations: Array<{ messages: Array<{ id: string; parentId: string | null }>; activePath: string[]; variablesUsed: Record<string, string> }>;
    };
    expect(data.format).toBe('flowbar-conversations');
    expect(data.conversations[0].messages.map((m) => m.id)).toEqual(e.instance(id).conversation.messages.map((m) => m.id));
    expect(data.conversations[0].activePath).toEqual(activePath(e.instance(id).conversation).map((m) => m.id));
    expect(data.conversations[0].variablesUsed).toEqual({ topic: 'otters' });

    for (const text of [md.text, json.text]) {
      expect(text).not.toContain(KEY);
      expect(text).toContain('[key removed]');
      expect(text).not.toMatch(/apiKey|Bearer/);
    }
  });

  it('several conversations at once, open or only in the history', async () => {
    const e = await newEngine({
      withCommands: true,
      prompts: [testPrompt({ id: 'a', name: 'Alpha', messages: [{ role: 'user', content: 'alpha question' }] }), scenarioPrompt('b', 'echo', { name: 'Beta' })],
    });
    const ids: string[] = [];
    for (const promptId of ['a', 'b']) {
      const { instanceId } = await send<{ instanceId: string }>(e, 'cmd/prompt/run', { promptId, usePage: false });
      await answered(e, instanceId, send(e, 'cmd/instance/send', { instanceId }));
      ids.push(instanceId);
    }
    await send(e, 'cmd/instance/close', { instanceId: ids[0] });
    const md = await send<{ fileName: string; text: string }>(e, 'cmd/conversations/export', { instanceIds: ids, format: 'markdown' });
    expect(md.fileName).toMatch(/2-conversations/);
    expect(md.text).toContain('**Prompt:** Alpha');
    expect(md.text).toContain('**Prompt:** Beta');
    expect(md.text).toContain('You said: alpha question');
    await expect(send(e, 'cmd/conversations/export', { instanceIds: ['nope'], format: 'json' })).rejects.toThrow(/no longer in the history/);
  });
});
