// @vitest-environment jsdom
// The chat box against a store like the panel's proxy: commands go to a stand-in for the background
// whose answer the test decides, the state comes from the real reducers.
import { configureStore, type Middleware } from '@reduxjs/toolkit';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider } from 'react-redux';
import { afterEach, describe, expect, it } from 'vitest';
import { firstTokenReceived, instanceAdded, instanceErrorSet, messageCompleted, messageStarted } from '@/lib/execution';
import { rootReducer } from '@/lib/store/rootReducer';
import type { ExecutionInstance } from '@/lib/types';
import { makeInstance } from '@/tests/unit/helpers/fixtures';
import { ChatBox } from './ChatBox';

interface SentCommand {
  type: string;
  payload: unknown;
  resolve(result: unknown): void;
  reject(error: Error): void;
}

/** A store whose `cmd/*` dispatches wait for the test to answer them, as the background would. */
function panelStore(instanceId: string, overrides: Partial<ExecutionInstance> = {}) {
  const sent: SentCommand[] = [];
  const background: Middleware = () => (next) => (action) => {
    const { type, payload } = action as { type: string; payload: unknown };
    if (!type.startsWith('cmd/')) return next(action);
    return new Promise((resolve, reject) => sent.push({ type, payload, resolve, reject }));
  };
  const store = configureStore({ reducer: rootReducer, middleware: (defaults) => defaults().prepend(background) });
  store.dispatch(instanceAdded(makeInstance({ instanceId, ...overrides })));
  return { store, sent };
}

/** Each test its own instance: the box keeps unsent drafts per instance for the page's lifetime. */
function renderChatBox(instanceId: string) {
  const { store, sent } = panelStore(instanceId);
  render(
    <Provider store={store}>
      <ChatBox instanceId={instanceId} />
    </Provider>,
  );
  return { store, sent, box: screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Message' }) };
}

afterEach(cleanup);

describe('ChatBox', () => {
  it('keeps the typed text while the message is not accepted, and after a refusal shows why', async () => {
    const user = userEvent.setup();
    const { sent, box } = renderChatBox('chat');
    await user.type(box, 'Explain this again');
    await user.keyboard('{Enter}');

    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ type: 'cmd/instance/send', payload: { instanceId: 'chat', text: 'Explain this again' } });
    // not accepted yet: the text is still there (the box waits, disabled)
    expect(box.value).toBe('Explain this again');
    expect(box.disabled).toBe(true);

    sent[0].reject(new Error('Chat is turned off for "Summarize".'));
    await waitFor(() => expect(box.disabled).toBe(false));
    expect(box.value).toBe('Explain this again');
    expect(screen.getByRole('alert').textContent).toContain('Chat is turned off for "Summarize".');
  });

  it('clears the text once the message is accepted', async () => {
    const user = userEvent.setup();
    const { sent, box } = renderChatBox('chat-accepted');
    await user.type(box, 'And the second point?');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(box.value).toBe('And the second point?');

    sent[0].resolve({ taskId: 'task-1' });
    await waitFor(() => expect(box.value).toBe(''));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a refusal the instance shows already is not repeated under the box', async () => {
    const user = userEvent.setup();
    const { store, sent, box } = renderChatBox('chat-refused');
    await user.type(box, 'Hello{Enter}');
    const reason = 'Fill in {{topic}} before running.';
    store.dispatch(instanceErrorSet({ instanceId: 'chat-refused', error: { kind: 'missing-variables', message: reason, missingVariables: ['topic'] }, at: 1 }));
    sent[0].reject(new Error(reason));
    await waitFor(() => expect(box.disabled).toBe(false));
    expect(box.value).toBe('Hello');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('while an answer streams, Send becomes Stop, which stops that instance; Send comes back after', async () => {
    const user = userEvent.setup();
    const { store, sent, box } = renderChatBox('chat-stop');
    expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull();
    store.dispatch(messageStarted({ instanceId: 'chat-stop', taskId: 'task-1', at: 1, answerId: 'answer-1', answerParentId: null }));
    store.dispatch(firstTokenReceived({ instanceId: 'chat-stop', timeToFirstToken: 5 }));

    const stop = await screen.findByRole('button', { name: 'Stop' });
    expect(screen.queryByRole('button', { name: 'Send' })).toBeNull();
    // The next message can be typed meanwhile; Enter does not send it while the answer streams.
    await user.type(box, 'Next question{Enter}');
    expect(box.value).toBe('Next question');
    await user.click(stop);
    expect(sent.map((c) => c.type)).toEqual(['cmd/instance/stop']);
    expect(sent[0].payload).toEqual({ instanceId: 'chat-stop' });

    sent[0].resolve({ stopped: true });
    store.dispatch(
      messageCompleted({
        instanceId: 'chat-stop',
        message: { id: 'answer-1', parentId: null, role: 'assistant', content: 'Part', timestamp: 't', metadata: { partial: 'stopped' } },
        stats: {},
        at: 2,
      }),
    );
    await waitFor(() => expect(screen.getByRole('button', { name: 'Send' })).toBeTruthy());
    expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull();
    expect(box.value).toBe('Next question');
  });

  it('keeps Stop in reach while a retried answer streams even when chat is off for the prompt', async () => {
    const user = userEvent.setup();
    const answered = { id: 'a1', parentId: 'q1', role: 'assistant' as const, content: 'First answer', timestamp: 't' };
    const { store, sent } = panelStore('chat-off-stop', {
      executionConfig: { auto_run: false, allow_chat: false, show_variables: false, apply_variables: true, track_in_runs: true },
      conversation: {
        messages: [{ id: 'q1', parentId: null, role: 'user', content: 'Q', timestamp: 't' }, answered],
        selected: {},
        currentInput: '',
        resources: [],
      },
      status: 'completed',
    });
    render(
      <Provider store={store}>
        <ChatBox instanceId="chat-off-stop" />
      </Provider>,
    );
    expect(screen.getByText('Chat is off for this prompt')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull();
    store.dispatch(messageStarted({ instanceId: 'chat-off-stop', taskId: 'task-2', at: 1, answerId: 'a2', answerParentId: 'q1' }));
    await user.click(await screen.findByRole('button', { name: 'Stop' }));
    expect(sent.map((c) => [c.type, c.payload])).toEqual([['cmd/instance/stop', { instanceId: 'chat-off-stop' }]]);
  });
});
