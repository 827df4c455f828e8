// Send and Retry answer with their real outcome: accepted (the answer started) or refused with the
// reason, which the instance shows too.
import { describe, expect, it } from 'vitest';
import { chatRequestsSince, scenarioPrompt, useFakeLlmServer, useTestEngines, waitFor, type TestEngine } from '../../tests/unit/helpers/testEngine';
import { promptDeleted } from '../prompts/promptsSlice';
import { activePath } from '../execution/conversation/conversationTree';

const server = useFakeLlmServer();
const newEngine = useTestEngines(() => server().url);

async function send<T = unknown>(e: TestEngine, type: string, payload?: unknown): Promise<T> {
  const value = (await e.command(type, payload)) as { payload: T };
  return value.payload;
}

async function openInstance(e: TestEngine, promptId: string) {
  return (await send<{ instanceId: string }>(e, 'cmd/prompt/run', { promptId, usePage: false })).instanceId;
}

/** The prompt goes from the library (database and store) while its conversation stays open. */
async function deletePrompt(e: TestEngine, promptId: string) {
  await e.db.prompts.delete(promptId);
  e.store.dispatch(promptDeleted(promptId));
}

describe('cmd/instance/send', () => {
  it('resolves once the message is accepted, with its task, while the answer still streams', async () => {
    const e = await newEngine({ withCommands: true, prompts: [scenarioPrompt('slow', 'slow-20-50')] });
    const instanceId = await openInstance(e, 'slow');
    const { taskId } = await send<{ taskId: string }>(e, 'cmd/instance/send', { instanceId, text: 'Go on' });
    expect(taskId).toEqual(expect.any(String));
    expect(e.instance(instanceId).execution.currentTaskId).toBe(taskId);
    expect(['executing', 'streaming']).toContain(e.instance(instanceId).status);
    expect(e.instance(instanceId).conversation.messages.at(-1)).toMatchObject({ role: 'user', content: 'Go on' });
    await waitFor(() => e.instance(instanceId).status === 'completed', 'the answer');
  });

  it('a prompt deleted meanwhile: rejects with the reason, the instance shows it, nothing is sent', async () => {
    const e = await newEngine({ withCommands: true, prompts: [scenarioPrompt('echo', 'echo')] });
    const instanceId = await openInstance(e, 'echo');
    await deletePrompt(e, 'echo');
    const from = server().requests.length;

    await expect(send(e, 'cmd/instance/send', { instanceId, text: 'Hello?' })).rejects.toThrow(/prompt of this conversation could not be loaded/);
    expect(e.instance(instanceId).error).toMatchObject({ kind: 'unknown', message: expect.stringMatching(/could not be loaded.*no prompt with id "echo"/) });
    expect(e.instance(instanceId).conversation.messages).toEqual([]);
    expect(chatRequestsSince(server().requests, from)).toHaveLength(0);
  });

  it('a failed database read before the call shows on the instance too', async () => {
    const e = await newEngine({ withCommands: true, prompts: [scenarioPrompt('echo', 'echo')] });
    const instanceId = await openInstance(e, 'echo');
    const read = e.db.providerKeys.get.bind(e.db.providerKeys);
    e.db.providerKeys.get = (() => Promise.reject(new Error('QuotaExceededError: the disk is full'))) as unknown as typeof read;
    try {
      await expect(send(e, 'cmd/instance/send', { instanceId })).rejects.toThrow('the disk is full');
    } finally {
      e.db.providerKeys.get = read;
    }
    expect(e.instance(instanceId).error?.message).toMatch('the disk is full');
    expect(e.instance(instanceId).status).toBe('idle');
  });

  it('while an answer streams: refused, and the streaming answer is left alone', async () => {
    const e = await newEngine({ withCommands: true, prompts: [scenarioPrompt('slow', 'slow-20-50')] });
    const instanceId = await openInstance(e, 'slow');
    await send(e, 'cmd/instance/send', { instanceId });
    await expect(send(e, 'cmd/instance/send', { instanceId, text: 'again' })).rejects.toThrow(/still streaming/);
    expect(e.instance(instanceId).error).toBeNull();
    await waitFor(() => e.instance(instanceId).status === 'completed', 'the answer');
    expect(e.instance(instanceId).conversation.messages.map((m) => m.role)).toEqual(['assistant']);
  });
});

describe('cmd/instance/retry', () => {
  it('checks before it removes the last answer: a retry that cannot run keeps it', async () => {
    const e = await newEngine({ withCommands: true, prompts: [scenarioPrompt('echo', 'echo')] });
    const instanceId = await openInstance(e, 'echo');
    await send(e, 'cmd/instance/send', { instanceId });
    await waitFor(() => e.instance(instanceId).status === 'completed', 'the first answer');
    const answer = e.instance(instanceId).conversation.messages;
    await deletePrompt(e, 'echo');

    await expect(send(e, 'cmd/instance/retry', { instanceId })).rejects.toThrow(/could not be loaded/);
    expect(e.instance(instanceId).conversation.messages).toEqual(answer);
    expect(e.instance(instanceId).error?.message).toMatch(/could not be loaded/);
  });

  it('accepted: resolves with the new task; the new answer is a version beside the earlier one', async () => {
    const e = await newEngine({ withCommands: true, prompts: [scenarioPrompt('echo', 'echo')] });
    const instanceId = await openInstance(e, 'echo');
    await send(e, 'cmd/instance/send', { instanceId });
    await waitFor(() => e.instance(instanceId).status === 'completed', 'the first answer');
    const first = e.instance(instanceId).conversation.messages[0].taskId;

    const { taskId } = await send<{ taskId: string }>(e, 'cmd/instance/retry', { instanceId });
    expect(taskId).not.toBe(first);
    await waitFor(() => e.instance(instanceId).status === 'completed', 'the second answer');
    expect(activePath(e.instance(instanceId).conversation).map((m) => [m.content, m.taskId])).toEqual([['You said: Question for echo', taskId]]);
    // the earlier answer is kept: both are versions of the first turn
    expect(e.instance(instanceId).conversation.messages.map((m) => [m.parentId, m.taskId])).toEqual([
      [null, first],
      [null, taskId],
    ]);
  });
});
